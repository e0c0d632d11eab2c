import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { KeyEncoding, KeyHistoryDto, KeyVersionDto } from '../../messages/diff-params';
import type { Isolation } from '../../messages/dto';
import { diffRecords } from '../../messages/record-diff';
import { withFreeConsumer, type FreeConsumer, type RawRecord } from '../kafka/free-consumer';
import { partitionForKey } from '../kafka/key-partition';
import { readRange } from '../messages/reader';
import { readRawRecord } from './read-record';
import { toMessageDto, type RenderOptions } from '../messages/to-dto';

/**
 * The history of one key: its records newest first, each with what changed from the one before.
 * The free consumer reads each partition backwards in chunks from its end (or the `before`
 * cursor) and keeps records whose key bytes equal the key's. It stops when it has one version
 * more than asked (the last shown needs its predecessor for the diff), at the records budget, or
 * at the start of every partition; the cursor says where "older" continues, so nothing is
 * skipped or shown twice.
 */
export interface KeyHistoryRequest {
  topic: string;
  /** the key's bytes, or the record whose key it is */
  key: Buffer | { partition: number; offset: bigint };
  /** a partition, 'all', or 'key' (where the default partitioner puts the key) */
  partition: number | 'all' | 'key';
  versions: number;
  maxRecords: number;
  before?: Map<number, bigint>;
  isolation: Isolation;
  render: RenderOptions;
}

const CHUNK = 500n;

interface Scan {
  partition: number;
  low: bigint;
  /** everything at or above this offset (below the start) has been read */
  pos: bigint;
  /** matches, newest (highest offset) first */
  found: RawRecord[];
}

async function startScans(c: FreeConsumer, parts: number[], before: Map<number, bigint> | undefined): Promise<Scan[]> {
  return Promise.all(
    parts.map(async (p) => {
      const { low, high } = await c.bounds(p);
      const b = before?.get(p);
      const start = b === undefined || b > high ? high : b;
      return { partition: p, low, pos: start < low ? low : start, found: [] };
    }),
  );
}

function newestFirst(a: RawRecord, b: RawRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.offset > b.offset ? -1 : 1;
}

export async function keyHistory(cluster: ClusterRef, req: KeyHistoryRequest): Promise<KeyHistoryDto> {
  return withFreeConsumer(
    cluster,
    req.topic,
    async (c) => {
      const key = Buffer.isBuffer(req.key) ? req.key : (await readRawRecord(c, req.key.partition, req.key.offset)).key;
      if (key === null) throw new ApiError('bad_request', 'That record has no key (null), so it has no key history');
      const keyPartition = partitionForKey(req.topic, key, c.partitions.length);
      if (typeof req.partition === 'number' && !c.partitions.includes(req.partition))
        throw new ApiError('not_found', `Topic "${req.topic}" has no partition ${req.partition} (it has ${c.partitions.length})`);
      const parts = req.partition === 'all' ? c.partitions : [req.partition === 'key' ? keyPartition : req.partition];
      if (req.before)
        for (const p of req.before.keys())
          if (!parts.includes(p)) throw new ApiError('bad_request', `before names partition ${p}, which this history does not read`);
      const scans = await startScans(c, parts, req.before);
      const total = scans.reduce((n, s) => n + (s.pos - s.low), 0n);
      const want = req.versions + 1;
      let scanned = 0;
      let stop: 'versions' | 'budget' | 'start' = 'start';
      // Round robin over partitions, one chunk each, so "all" does not read one partition to its start first.
      for (;;) {
        const active = scans.filter((s) => s.pos > s.low && s.found.length < want);
        if (active.length === 0) {
          stop = scans.some((s) => s.pos > s.low) ? 'versions' : 'start';
          break;
        }
        if (scanned >= req.maxRecords) {
          stop = 'budget';
          break;
        }
        for (const s of active) {
          const room = BigInt(Math.max(1, req.maxRecords - scanned));
          const size = room < CHUNK ? room : CHUNK;
          const from = s.pos - size > s.low ? s.pos - size : s.low;
          const read = await readRange(c, s.partition, from, Number(s.pos - from), s.pos);
          // readRange stops early only when nothing more is readable; the rest of the chunk has no records.
          scanned += read.records.length;
          for (let i = read.records.length - 1; i >= 0; i--) {
            const r = read.records[i]!;
            if (r.key !== null && r.key.equals(key)) s.found.push(r);
          }
          s.pos = from;
          if (scanned >= req.maxRecords) break;
        }
      }
      const merged = scans.flatMap((s) => s.found).sort(newestFirst);
      const shown = merged.slice(0, req.versions);
      const extra = merged[req.versions];
      // Where each partition continues: above its newest match not shown, else where its scan reached.
      const cursor = new Map<number, bigint>();
      for (const s of scans) {
        const hidden = s.found.filter((r) => !shown.includes(r));
        cursor.set(s.partition, hidden.length ? hidden.reduce((m, r) => (r.offset > m ? r.offset : m), -1n) + 1n : s.pos);
      }
      const more = scans.some((s) => cursor.get(s.partition)! > s.low);
      const dtos = await Promise.all([...shown, ...(extra ? [extra] : [])].map((r) => toMessageDto(r, req.render)));
      const versions: KeyVersionDto[] = shown.map((_, i) => ({ message: dtos[i]!, changes: dtos[i + 1] ? diffRecords(dtos[i + 1]!, dtos[i]!) : null }));
      const where = scans.map((s) => `partition ${s.partition} down to offset ${s.pos}`).join(', ');
      const message =
        stop === 'budget'
          ? `Stopped after scanning ${scanned} records (the limit); read ${where}. Older records were not searched yet.`
          : stop === 'versions'
            ? `Found ${shown.length} versions; read ${where}.`
            : `Reached the start of ${scans.length === 1 ? `partition ${scans[0]!.partition}` : 'every partition'} after scanning ${scanned} records.`;
      return {
        topic: req.topic,
        ...keyText(key),
        partitions: parts,
        keyPartition,
        versions,
        scanned,
        total: total.toString(),
        cursor: more ? [...cursor].map(([p, o]) => `${p}:${o}`).join(',') : null,
        message,
      };
    },
    req.isolation,
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The key as it can be typed again: text when it is clean UTF-8, else hex. */
function keyText(key: Buffer): { key: string; keyEncoding: KeyEncoding } {
  try {
    const text = utf8.decode(key);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u001f\u007f]/.test(text)) return { key: text, keyEncoding: 'utf8' };
  } catch {
    // not UTF-8
  }
  return { key: key.toString('hex'), keyEncoding: 'hex' };
}
