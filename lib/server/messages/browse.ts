import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { Isolation, MessagePageDto, NoticeDto, PartitionRangeDto } from '../../messages/dto';
import { withFreeConsumer, type FreeConsumer, type PartitionBounds, type RawRecord, type TxnMarker } from '../kafka/free-consumer';
import { gapNotice, readRange, resolveStart } from './reader';
import { toMarkerDto, toMessageDto, type RenderOptions } from './to-dto';

export interface BrowseRequest {
  topic: string;
  /** null = whole topic, merged by timestamp */
  partition: number | null;
  offset?: bigint | 'oldest' | 'newest';
  timestamp?: bigint;
  count: number;
  cursor?: Map<number, bigint>;
  /** whole-topic view: the page of records just before these positions ("Prev") */
  before?: Map<number, bigint>;
  isolation: Isolation;
  render: RenderOptions;
}

async function allBounds(c: FreeConsumer): Promise<Map<number, PartitionBounds>> {
  const list = await Promise.all(c.partitions.map(async (p) => [p, await c.bounds(p)] as const));
  return new Map(list);
}

function ranges(bounds: Map<number, PartitionBounds>): PartitionRangeDto[] {
  return [...bounds].map(([partition, b]) => ({ partition, firstOffset: b.low.toString(), lastOffset: b.high.toString() }));
}

export async function browse(cluster: ClusterRef, req: BrowseRequest): Promise<MessagePageDto> {
  const started = Date.now();
  return withFreeConsumer(
    cluster,
    req.topic,
    async (c) => {
      if (req.partition !== null && !c.partitions.includes(req.partition)) {
        throw new ApiError(
          'not_found',
          `Topic "${req.topic}" has no partition ${req.partition} (it has ${c.partitions.length}: ${c.partitions[0]}–${c.partitions.at(-1)})`,
        );
      }
      const page = req.partition === null ? await topicPage(c, req) : await partitionPage(c, req.partition, req);
      const messages = await Promise.all(page.records.map((r) => toMessageDto(r, req.render)));
      const markers = page.markers.map(toMarkerDto);
      return {
        topic: req.topic,
        partition: req.partition,
        partitions: page.partitions,
        messages,
        markers,
        isolation: req.isolation,
        notices: page.notices,
        paging: page.paging,
        cursor: page.cursor,
        prevCursor: page.prevCursor,
        elapsedMs: Date.now() - started,
      };
    },
    req.isolation,
  );
}

interface Page {
  records: RawRecord[];
  markers: TxnMarker[];
  partitions: PartitionRangeDto[];
  notices: NoticeDto[];
  paging: MessagePageDto['paging'];
  cursor: string | null;
  prevCursor: string | null;
}

async function partitionPage(c: FreeConsumer, partition: number, req: BrowseRequest): Promise<Page> {
  const bounds = await c.bounds(partition);
  const { start, notices } = await resolveStart(c, partition, bounds, req, req.count);
  const { low, high } = bounds;
  const read = start < high ? await readRange(c, partition, start, req.count, high) : { records: [], markers: [], nextOffset: start };
  const gap = gapNotice(read.records, start, read.markers);
  if (gap) notices.push(gap);
  if (read.records.length === 0 && read.markers.length === 0 && start < high && notices.length === 0) {
    notices.push({ kind: 'gap', message: `No records between offset ${start} and ${high - 1n}: they were removed by compaction or are transaction markers.` });
  }
  if (c.isolation === 'read_committed' && read.nextOffset >= high) {
    const hw = await c.highWatermark(partition);
    if (hw > high)
      notices.push({
        kind: 'info',
        message: `Offsets ${high} to ${hw - 1n} of partition ${partition} are past the last stable offset (${high}): an open transaction has not committed or aborted yet. read_uncommitted shows them.`,
      });
  }
  const n = BigInt(req.count);
  const empty = high <= low;
  return {
    records: read.records,
    markers: read.markers,
    partitions: [{ partition, firstOffset: low.toString(), lastOffset: high.toString() }],
    notices,
    paging: {
      first: empty ? null : low.toString(),
      prev: empty || start <= low ? null : (start - n > low ? start - n : low).toString(),
      next: empty || read.nextOffset >= high ? null : read.nextOffset.toString(),
      last: empty ? null : (high - n > low ? high - n : low).toString(),
    },
    cursor: null,
    prevCursor: null,
  };
}

function byTime(a: RawRecord, b: RawRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0;
}

function cursorText(positions: Map<number, bigint>): string {
  return [...positions].map(([p, o]) => `${p}:${o}`).join(',');
}

/**
 * Whole topic: each partition is read from its own start (a cursor, a time, or newest N), the
 * results are merged by timestamp and the first `count` kept. The cursor says where each
 * partition continues, so "Next" never skips or repeats a record. Going back ("before" a
 * cursor, and "Newest N") reads the `count` records below each position and keeps the newest
 * `count` of the merge; the prev cursor is the lowest offset shown per partition.
 */
async function topicPage(c: FreeConsumer, req: BrowseRequest): Promise<Page> {
  const bounds = await allBounds(c);
  const notices: NoticeDto[] = [];
  const n = BigInt(req.count);
  const starts = new Map<number, bigint>();
  const ends = new Map<number, bigint>();
  const backward = req.before !== undefined || (req.cursor === undefined && req.timestamp === undefined && req.offset === 'newest');
  for (const [p, b] of bounds) {
    const clamp = (o: bigint) => (o < b.low ? b.low : o > b.high ? b.high : o);
    const end = req.before?.has(p) ? clamp(req.before.get(p)!) : b.high;
    let s: bigint;
    if (backward) s = end - n > b.low ? end - n : b.low;
    else if (req.cursor?.has(p)) s = req.cursor.get(p)!;
    else if (req.timestamp !== undefined) s = await c.offsetForTime(p, req.timestamp);
    else s = b.low;
    starts.set(p, clamp(s));
    ends.set(p, backward ? end : b.high);
  }
  const reads = await Promise.all([...bounds].map(async ([p]) => [p, await readRange(c, p, starts.get(p)!, req.count, ends.get(p)!)] as const));
  const merged = reads.flatMap(([, r]) => r.records).sort(byTime);
  const records = backward ? merged.slice(-req.count) : merged.slice(0, req.count);
  // Where each partition continues forward, and where "before this page" begins.
  const next = new Map(backward ? ends : starts);
  if (!backward) {
    for (const r of records) if (r.offset + 1n > next.get(r.partition)!) next.set(r.partition, r.offset + 1n);
    // A partition whose every record read made the page continues where its read ended (past trailing markers).
    for (const [p, r] of reads)
      if (r.nextOffset > next.get(p)! && records.filter((x) => x.partition === p).length === r.records.length) next.set(p, r.nextOffset);
  }
  const prev = new Map(backward ? ends : starts);
  for (const r of records) if (r.offset < prev.get(r.partition)!) prev.set(r.partition, r.offset);
  const pageStart = backward ? prev : starts;
  const pageEnd = backward ? ends : next;
  const markers = reads.flatMap(([p, r]) => r.markers.filter((m) => m.offset >= pageStart.get(p)! && m.offset < pageEnd.get(p)!));
  const total = [...bounds.values()].reduce((s, b) => s + (b.high - b.low), 0n);
  if (total === 0n) notices.push({ kind: 'empty', message: `Topic "${c.topic}" has no records in any of its ${bounds.size} partitions.` });
  else if (records.length === 0 && req.timestamp !== undefined)
    notices.push({ kind: 'past-end', message: `No record in "${c.topic}" has a timestamp at or after ${new Date(Number(req.timestamp)).toISOString()}.` });
  else if (records.length === 0 && req.before !== undefined)
    notices.push({ kind: 'before-start', message: 'No older records: this page ends at the start of every partition.' });
  else if (records.length === 0) notices.push({ kind: 'past-end', message: 'No more records: this page starts at the end of every partition.' });
  const moreAfter = [...bounds].some(([p, b]) => next.get(p)! < b.high);
  const moreBefore = [...bounds].some(([p, b]) => prev.get(p)! > b.low);
  return {
    records,
    markers,
    partitions: ranges(bounds),
    notices,
    paging: null,
    cursor: moreAfter ? cursorText(next) : null,
    prevCursor: moreBefore ? cursorText(prev) : null,
  };
}
