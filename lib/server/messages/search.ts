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

export async function runSearch(cluster: ClusterRef, req: SearchRequest, send: Send, signal: AbortSignal): Promise<void> {
  await withFreeConsumer(cluster, req.topic, async (c) => {
    if (req.partition !== null && !c.partitions.includes(req.partition)) throw new ApiError('not_found', `Topic "${req.topic}" has no partition ${req.partition}`);
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

    const outOfTime = () => req.maxSeconds !== undefined && Date.now() - started >= req.maxSeconds * 1000;
    const timeUp = () => done('budget-time', `Stopped at ${where()}: the budget of ${req.maxSeconds} s was used up after ${scanned} records (${matched} matched). Records after that were not searched.`);
    for (;;) {
      if (signal.aborted) return done('cancelled', `Cancelled; stopped at ${where()} after scanning ${scanned} records.`);
      // Checked before each fetch too, so a budget also ends a search whose fetches return nothing.
      if (outOfTime()) return timeUp();
      const active = new Map([...pos].filter(([p, o]) => o < end.get(p)!));
      if (active.size === 0) return done('end', `Reached the end after scanning ${scanned} records; ${matched} matched.`);
      const results = await c.fetchMany(active);
      let progressed = false;
      for (const [p, res] of results) {
        const stopAt = end.get(p)!;
        for (const r of res.records) {
          if (r.offset >= stopAt) break;
          if (req.maxRecords !== undefined && scanned >= req.maxRecords) {
            return done('budget-records', `Stopped at ${where()}: the budget of ${req.maxRecords} records was used up (${matched} matched). Records after that were not searched.`);
          }
          if (outOfTime()) return timeUp();
          scanned++;
          pos.set(p, r.offset + 1n);
          if (await req.predicate(r, lazyDto(r, req.render))) {
            matched++;
            send('record', await toMessageDto(r, req.render));
            if (matched >= req.limit) return done('limit', `Found ${matched} matches (the limit); stopped at ${where()}.`);
          }
          if (signal.aborted) break;
        }
        if (res.nextOffset > pos.get(p)!) pos.set(p, res.nextOffset < stopAt ? res.nextOffset : stopAt);
        if (res.nextOffset > (active.get(p) ?? 0n)) progressed = true;
      }
      if (!progressed) return done('end', `Nothing more could be read at ${where()}; scanned ${scanned} records.`);
      if (Date.now() - lastProgress >= PROGRESS_MS) {
        lastProgress = Date.now();
        send('progress', progress());
      }
    }
  }, req.isolation);
}

function lazyDto(r: RawRecord, render: RenderOptions): () => Promise<MessageDto> {
  let p: Promise<MessageDto> | undefined;
  return () => (p ??= toMessageDto(r, { ...render, maxChars: 0 }));
}
