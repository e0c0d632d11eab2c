import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { DoneEventDto, Isolation, MessageDto, ProgressEventDto } from '../../messages/dto';
import { withFreeConsumer, type RawRecord } from '../kafka/free-consumer';
import type { Send } from '../sse';
import type { Predicate } from './matcher';
import { resolveStart } from './reader';
import { toMessageDto, type RenderOptions } from './to-dto';

/**
 * Server-side search. Scans from the start position up to each partition's end as it was when
 * the search began, streaming matches as they are found. It stops at the match limit, at the
 * user's budget (records scanned or seconds) with the exact position it reached, or when the
 * browser disconnects. There is no built-in scan cap.
 */
export interface SearchRequest {
  topic: string;
  partition: number | null;
  offset?: bigint | 'oldest' | 'newest';
  timestamp?: bigint;
  cursor?: Map<number, bigint>;
  isolation: Isolation;
  predicate: Predicate;
  limit: number;
  maxRecords?: number;
  maxSeconds?: number;
  render: RenderOptions;
}

const PROGRESS_MS = 300;
/**
 * Per partition per fetch while scanning: large enough that the round trips stop mattering next
 * to reading, small enough that a response is a few milliseconds of work between budget checks.
 */
const SCAN_BYTES = 4 * 1024 * 1024;

export async function runSearch(cluster: ClusterRef, req: SearchRequest, send: Send, signal: AbortSignal): Promise<void> {
  await withFreeConsumer(
    cluster,
    req.topic,
    async (c) => {
      if (req.partition !== null && !c.partitions.includes(req.partition))
        throw new ApiError('not_found', `Topic "${req.topic}" has no partition ${req.partition}`);
      const parts = req.partition === null ? c.partitions : [req.partition];
      const pos = new Map<number, bigint>();
      const end = new Map<number, bigint>();
      for (const p of parts) {
        const b = await c.bounds(p);
        end.set(p, b.high);
        const cur = req.cursor?.get(p);
        const start = cur !== undefined ? cur : (await resolveStart(c, p, b, req, 1)).start;
        pos.set(p, start < b.low ? b.low : start);
      }
      const started = Date.now();
      let scanned = 0;
      let matched = 0;
      let lastProgress = 0;
      const progress = (): ProgressEventDto => {
        const elapsedMs = Date.now() - started;
        return {
          scanned,
          matched,
          positions: Object.fromEntries([...pos].map(([p, o]) => [String(p), o.toString()])),
          ratePerSec: elapsedMs > 0 ? Math.round((scanned * 1000) / elapsedMs) : 0,
          elapsedMs,
        };
      };
      const where = () =>
        parts.length === 1 ? `offset ${pos.get(parts[0]!)} of partition ${parts[0]}` : parts.map((p) => `partition ${p} at offset ${pos.get(p)}`).join(', ');
      const done = (reason: DoneEventDto['reason'], message: string) => send('done', { ...progress(), reason, message } satisfies DoneEventDto);
      const budgetUsed = () =>
        done(
          'budget-records',
          `Stopped at ${where()}: the budget of ${req.maxRecords} records was used up (${matched} matched). Records after that were not searched.`,
        );
      const outOfTime = () => req.maxSeconds !== undefined && Date.now() - started >= req.maxSeconds * 1000;
      const timeUp = () =>
        done(
          'budget-time',
          `Stopped at ${where()}: the budget of ${req.maxSeconds} s was used up after ${scanned} records (${matched} matched). Records after that were not searched.`,
        );

      /**
       * One fetch of every partition not yet at its end. The prefilter's passed-over records are
       * only counted, so a records budget over several partitions is kept record by record
       * without it; with one partition the fetch itself stops at the budget.
       */
      const startRound = (positions: Map<number, bigint>, scannedBefore: number) => {
        const active = new Map([...positions].filter(([p, o]) => o < end.get(p)!));
        const budget = req.maxRecords === undefined ? undefined : req.maxRecords - scannedBefore;
        if (active.size === 0 || (budget !== undefined && budget <= 0)) return null;
        const exact = budget === undefined || active.size === 1;
        const results = c.fetchMany(active, {
          maxBytes: SCAN_BYTES,
          endOffsets: end,
          ...(exact ? { prefilter: req.predicate.prefilter, maxRecords: budget } : {}),
        });
        results.catch(() => undefined); // awaited below, or dropped when the search ends first
        return { active, results };
      };
      let round = startRound(pos, 0);
      try {
        for (;;) {
          if (signal.aborted) return done('cancelled', `Cancelled; stopped at ${where()} after scanning ${scanned} records.`);
          // Checked before each fetch too, so a budget also ends a search whose fetches return nothing.
          if (outOfTime()) return timeUp();
          if (!round) {
            if ([...pos].some(([p, o]) => o < end.get(p)!)) return budgetUsed();
            return done('end', `Reached the end after scanning ${scanned} records; ${matched} matched.`);
          }
          const { active, results } = round;
          const res = await results;
          // The next fetch goes out now, from where this response ends, and arrives while this one is matched.
          const after = new Map(pos);
          let total = scanned;
          for (const [p, r] of res) {
            after.set(p, r.nextOffset > pos.get(p)! ? (r.nextOffset < end.get(p)! ? r.nextOffset : end.get(p)!) : pos.get(p)!);
            total += r.scanned;
          }
          round = startRound(after, total);
          let progressed = false;
          for (const [p, r] of res) {
            const base = scanned;
            for (let i = 0; i < r.records.length; i++) {
              const rec = r.records[i]!;
              const count = base + r.seen[i]!;
              if (req.maxRecords !== undefined && count > req.maxRecords) return budgetUsed();
              if (outOfTime()) return timeUp();
              scanned = count;
              pos.set(p, rec.offset + 1n);
              const hit = req.predicate(rec, lazyDto(rec, req.render));
              if (hit === true || (hit !== false && (await hit))) {
                matched++;
                send('record', await toMessageDto(rec, req.render));
                if (matched >= req.limit) return done('limit', `Found ${matched} matches (the limit); stopped at ${where()}.`);
              }
              if (signal.aborted) break;
            }
            if (signal.aborted) break;
            scanned = base + r.scanned;
            pos.set(p, after.get(p)!);
            if (r.nextOffset > active.get(p)!) progressed = true;
          }
          if (signal.aborted) continue;
          if (!progressed) return done('end', `Nothing more could be read at ${where()}; scanned ${scanned} records.`);
          if (Date.now() - lastProgress >= PROGRESS_MS) {
            lastProgress = Date.now();
            send('progress', progress());
          }
        }
      } finally {
        // Give the connection back only once nothing is in flight on it.
        await round?.results.catch(() => undefined);
      }
    },
    req.isolation,
  );
}

function lazyDto(r: RawRecord, render: RenderOptions): () => Promise<MessageDto> {
  let p: Promise<MessageDto> | undefined;
  return () => (p ??= toMessageDto(r, { ...render, maxChars: 0 }));
}
