import 'server-only';
import type { NoticeDto } from '../../messages/dto';
import type { FreeConsumer, PartitionBounds, RawRecord, TxnMarker } from '../kafka/free-consumer';

/**
 * Reading ranges of records. Every read starts where the broker's index puts it (ListOffsets
 * for times, Fetch at an offset), so a page deep in a large partition costs what any page costs.
 */
export interface RangeRead {
  records: RawRecord[];
  /** transaction markers up to where the read stopped */
  markers: TxnMarker[];
  /** offset after the last record read (or skipped) */
  nextOffset: bigint;
}

/** Up to `count` records of one partition from `start`, never past `end` (exclusive). */
export async function readRange(c: FreeConsumer, partition: number, start: bigint, count: number, end: bigint): Promise<RangeRead> {
  const records: RawRecord[] = [];
  const markers: TxnMarker[] = [];
  let offset = start;
  while (records.length < count && offset < end) {
    // Only the records still wanted are decoded; the rest of the response is skipped.
    const res = await c.fetch(partition, offset, { maxRecords: count - records.length });
    if (res.nextOffset <= offset) break; // nothing readable here right now
    for (const r of res.records) if (r.offset < end && records.length < count) records.push(r);
    offset = records.length >= count ? records.at(-1)!.offset + 1n : res.nextOffset;
    for (const m of res.markers) if (m.offset < offset && m.offset < end) markers.push(m);
  }
  return { records, markers, nextOffset: offset > end ? end : offset };
}

/**
 * A notice for offsets that a page skipped over and that are not transaction markers (those are
 * listed on their own): removed by compaction, or aborted records a read_committed read leaves out.
 */
export function gapNotice(records: RawRecord[], start: bigint, markers: TxnMarker[] = []): NoticeDto | null {
  const taken = new Set(markers.map((m) => m.offset));
  let missing = 0n;
  let first: bigint | null = null;
  let last: bigint | null = null;
  let expect = start;
  // Counted, not walked: a compacted gap can span millions of offsets, markers are few.
  const skip = (from: bigint, to: bigint) => {
    const n = to - from - BigInt(markers.filter((m) => m.offset >= from && m.offset < to).length);
    if (n <= 0n) return;
    missing += n;
    let f = from;
    while (taken.has(f)) f++;
    let l = to - 1n;
    while (taken.has(l)) l--;
    first ??= f;
    last = l;
  };
  for (const r of records) {
    if (r.offset > expect) skip(expect, r.offset);
    expect = r.offset + 1n;
  }
  if (missing === 0n || first === null || last === null) return null;
  return {
    kind: 'gap',
    message: `${missing} offset${missing === 1n ? '' : 's'} between ${first} and ${last} ${missing === 1n ? 'has' : 'have'} no record shown: removed by compaction, or records of aborted transactions (read_uncommitted shows those).`,
  };
}

/** Where a per-partition read begins, and what to tell the user about the request. */
export async function resolveStart(
  c: FreeConsumer,
  partition: number,
  bounds: PartitionBounds,
  from: { offset?: bigint | 'oldest' | 'newest'; timestamp?: bigint },
  count: number,
): Promise<{ start: bigint; notices: NoticeDto[] }> {
  const notices: NoticeDto[] = [];
  const { low, high } = bounds;
  if (high <= low) {
    notices.push({
      kind: 'empty',
      message:
        low > 0n
          ? `Partition ${partition} is empty: all ${low} records written to it so far have been deleted.`
          : `Partition ${partition} is empty: nothing has been written to it yet.`,
    });
    return { start: low, notices };
  }
  if (from.timestamp !== undefined) {
    const start = await c.offsetForTime(partition, from.timestamp);
    if (start >= high)
      notices.push({
        kind: 'past-end',
        message: `No record in partition ${partition} has a timestamp at or after ${new Date(Number(from.timestamp)).toISOString()}; the newest is at offset ${high - 1n}.`,
      });
    return { start, notices };
  }
  const o = from.offset ?? 'oldest';
  if (o === 'oldest') return { start: low, notices };
  if (o === 'newest') return { start: high - BigInt(count) > low ? high - BigInt(count) : low, notices };
  if (o < low) {
    notices.push({
      kind: 'deleted',
      message: `Offsets below ${low} of partition ${partition} have been deleted (retention or delete-records); showing from ${low}, the oldest record still stored.`,
    });
    return { start: low, notices };
  }
  if (o >= high) {
    notices.push({
      kind: 'past-end',
      message: `Offset ${o} is past the end of partition ${partition}: the last record is at offset ${high - 1n}, the next one written will get offset ${high}.`,
    });
  }
  return { start: o, notices };
}
