import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { Isolation } from '../../messages/dto';
import type { Selection } from '../../replay/params';
import { withFreeConsumer, type RawRecord } from '../kafka/free-consumer';
import { readRange } from '../messages/reader';
import type { StoredJob } from './job-store';

/**
 * Reading a job's selection. A selection becomes half-open offset ranges ("segments") when the
 * job is created: an open range ends at the partition's end as it was then, so replaying a topic
 * onto itself never reads its own output. A list of records becomes one segment per record.
 */
export type Segment = StoredJob['segments'][number];
export interface Cursor {
  segment: number;
  offset: bigint;
}

export async function resolveSegments(cluster: ClusterRef, topic: string, selection: Selection, isolation: Isolation): Promise<Segment[]> {
  return withFreeConsumer(
    cluster,
    topic,
    async (c) => {
      const check = (p: number) => {
        if (!c.partitions.includes(p)) throw new ApiError('not_found', `Topic "${topic}" has no partition ${p} (it has ${c.partitions.length})`);
      };
      if (selection.kind === 'range') {
        check(selection.partition);
        const { high } = await c.bounds(selection.partition);
        const wanted = selection.to === undefined ? high : BigInt(selection.to) + 1n;
        const to = wanted < high ? wanted : high;
        const from = BigInt(selection.from);
        if (from >= to)
          throw new ApiError(
            'bad_request',
            `Nothing to read: partition ${selection.partition} of "${topic}" ends at offset ${high}, the range starts at ${from}`,
          );
        return [{ partition: selection.partition, from: from.toString(), to: to.toString() }];
      }
      const seen = new Set<string>();
      const out: Segment[] = [];
      for (const r of selection.records) {
        check(r.partition);
        const k = `${r.partition}:${r.offset}`;
        if (seen.has(k)) continue; // the same record selected twice is sent once
        seen.add(k);
        out.push({ partition: r.partition, from: r.offset, to: (BigInt(r.offset) + 1n).toString() });
      }
      return out;
    },
    isolation,
  );
}

export function totalOffsets(segments: Segment[]): bigint {
  return segments.reduce((n, s) => n + BigInt(s.to) - BigInt(s.from), 0n);
}

export interface Batch {
  records: RawRecord[];
  /** where reading continues after this batch */
  next: Cursor;
  done: boolean;
}

/**
 * Up to `max` records from `cursor`, moving on to the next segment when one is used up. Offsets
 * removed meanwhile (retention, compaction) are stepped over; they simply produce nothing.
 */
export async function readBatch(cluster: ClusterRef, topic: string, segments: Segment[], cursor: Cursor, max: number, isolation: Isolation): Promise<Batch> {
  return withFreeConsumer(
    cluster,
    topic,
    async (c) => {
      const records: RawRecord[] = [];
      // One ListOffsets per partition per batch, not per segment (a selection of single records has many).
      const lows = new Map<number, Promise<bigint>>();
      const lowOf = (p: number) => {
        let v = lows.get(p);
        if (!v) lows.set(p, (v = c.bounds(p).then((b) => b.low)));
        return v;
      };
      let { segment, offset } = cursor;
      while (segment < segments.length && records.length < max) {
        const s = segments[segment]!;
        const to = BigInt(s.to);
        if (offset < BigInt(s.from)) offset = BigInt(s.from);
        if (offset < to) {
          const low = await lowOf(s.partition);
          if (offset < low) offset = low < to ? low : to;
        }
        if (offset < to) {
          const read = await readRange(c, s.partition, offset, max - records.length, to);
          records.push(...read.records);
          // Nothing readable (a gap at the end of the log, an open transaction): the segment ends here.
          offset = read.nextOffset > offset ? read.nextOffset : to;
        }
        if (offset >= to) {
          segment++;
          offset = segment < segments.length ? BigInt(segments[segment]!.from) : 0n;
        }
      }
      return { records, next: { segment, offset }, done: segment >= segments.length };
    },
    isolation,
  );
}
