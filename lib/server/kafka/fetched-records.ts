import 'server-only';
import { COMPRESSION_NAMES, decompress, type CompressionName } from './codecs';
import type { AbortedTxn, RawPartition } from './fetch-response';
import { decodeLegacySet } from './legacy-message-set';
import { BATCH_HEADER, batchHeaders, readRecords, type BatchHeader, type RecordPrefilter } from './record-batches';

/**
 * Turns one partition of a Fetch response into what the console shows: data records (each
 * flagged when its transaction was aborted) and the transaction markers (control records)
 * between them. A marker is never a record. Whole batches are judged (aborted, control, before
 * the fetch offset) from their headers; records are decoded only for the offsets wanted.
 */
export interface RawHeader {
  key: string;
  value: Buffer | null;
}

export interface RawRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: RawHeader[];
  size: number;
  compression: CompressionName;
  transactional: boolean;
  /** written in a transaction that was aborted (only read_uncommitted reads return these) */
  aborted: boolean;
}

export interface TxnMarker {
  partition: number;
  offset: bigint;
  kind: 'commit' | 'abort';
  producerId: bigint;
}

export interface DecodedPartition {
  records: RawRecord[];
  markers: TxnMarker[];
  /** where the next read continues (after the last record, marker or skipped batch) */
  nextOffset: bigint;
  /** records read at or after the fetch offset: those returned and those the prefilter passed over */
  scanned: number;
  /** for each returned record, how many records had been read up to and including it */
  seen: number[];
}

export interface DecodeLimits {
  /** stop after this many records were read (returned or passed over), and continue after the last */
  maxRecords?: number;
  /** records it rejects are counted as scanned but never built */
  prefilter?: RecordPrefilter;
  /** read nothing at or past this offset */
  endOffset?: bigint;
}

/** A batch's records section, decompressed. */
async function recordsOf(records: Buffer, h: BatchHeader): Promise<Buffer> {
  const raw = records.subarray(h.pos + BATCH_HEADER, h.pos + h.size);
  return h.codec === 0 ? raw : decompress(compressionOf(h), raw);
}

function compressionOf(h: BatchHeader): CompressionName {
  const name = COMPRESSION_NAMES[h.codec];
  if (name === undefined) throw new Error(`the batch at offset ${h.baseOffset} uses unknown compression codec ${h.codec}`);
  return name;
}

/** A control record's key is version (int16) then type (int16): 0 abort, 1 commit. */
function markerKind(data: Buffer): 'commit' | 'abort' | null {
  let key: Buffer | null = null;
  readRecords(data, 1, { wanted: () => 'take', take: (r) => (key = r.key) });
  const k = key as Buffer | null;
  if (!k || k.length < 4) return null;
  const type = k.readInt16BE(2);
  return type === 0 ? 'abort' : type === 1 ? 'commit' : null;
}

/**
 * Batches whose transaction was aborted. Forward, as Kafka's consumer does: from an aborted
 * transaction's first offset its producer's transactional batches are aborted until the
 * producer's abort marker. Backward, for what lies past the last stable offset (where Fetch
 * lists no aborted transactions): a batch whose producer's next marker here is an abort.
 */
export function abortedBatches(batches: BatchHeader[], kinds: Map<BatchHeader, 'commit' | 'abort' | null>, abortedTxns: AbortedTxn[]): Set<BatchHeader> {
  const out = new Set<BatchHeader>();
  const pending = [...abortedTxns].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const open = new Set<bigint>();
  let i = 0;
  for (const b of batches) {
    while (i < pending.length && pending[i]!.firstOffset <= b.lastOffset) open.add(pending[i++]!.producerId);
    if (b.control) {
      if (kinds.get(b) === 'abort') open.delete(b.producerId);
    } else if (b.transactional && open.has(b.producerId)) out.add(b);
  }
  const next = new Map<bigint, 'commit' | 'abort' | null>();
  for (let j = batches.length - 1; j >= 0; j--) {
    const b = batches[j]!;
    if (b.control) next.set(b.producerId, kinds.get(b) ?? null);
    else if (b.transactional && next.get(b.producerId) === 'abort') out.add(b);
  }
  return out;
}

/** True when the fetched bytes hold transactional data (read_uncommitted then asks which aborted). */
export function hasTransactionalData(data: RawPartition): boolean {
  return batchHeaders(data.records).some((h) => h.transactional && !h.control);
}

/**
 * Whole batches come back, so records before `fetchOffset` are dropped. `keepAborted` false
 * (read_committed) leaves aborted records out, as a read_committed consumer never sees them.
 */
export async function decodePartition(
  data: RawPartition,
  fetchOffset: bigint,
  abortedTxns: AbortedTxn[],
  keepAborted: boolean,
  limits: DecodeLimits = {},
): Promise<DecodedPartition> {
  const maxRecords = limits.maxRecords ?? Infinity;
  const all = batchHeaders(data.records);
  const kinds = new Map<BatchHeader, 'commit' | 'abort' | null>();
  for (const h of all) if (h.control) kinds.set(h, markerKind(await recordsOf(data.records, h)));
  // Judged over every batch that came back, also those before `fetchOffset`: an abort marker there closes its producer's transaction.
  const aborted = abortedTxns.length > 0 || all.some((h) => h.transactional) ? abortedBatches(all, kinds, abortedTxns) : new Set<BatchHeader>();
  const records: RawRecord[] = [];
  const markers: TxnMarker[] = [];
  // Where the read continues; a sentinel rather than null, which the build's tracer would try to add to.
  let nextOffset = -1n;
  let scanned = 0;
  const seen: number[] = [];
  const endOffset = limits.endOffset;
  for (let i = 0; i < all.length && scanned < maxRecords; i++) {
    const b = all[i]!;
    if (b.magic < 2) {
      // A run of legacy message-set entries goes to kafkajs in one piece.
      let j = i;
      while (j + 1 < all.length && all[j + 1]!.magic < 2) j++;
      const last = all[j]!;
      for (const r of await decodeLegacySet(data.records.subarray(b.pos, last.pos + last.size), data.partition)) {
        if (r.offset < fetchOffset || scanned >= maxRecords || (endOffset !== undefined && r.offset >= endOffset)) continue;
        records.push(r);
        seen.push(++scanned);
        nextOffset = r.offset + 1n;
      }
      i = j;
      continue;
    }
    if (b.lastOffset < fetchOffset) continue;
    if (endOffset !== undefined && b.baseOffset >= endOffset) break;
    nextOffset = b.lastOffset + 1n;
    if (b.control) {
      const kind = kinds.get(b);
      if (kind && b.baseOffset >= fetchOffset) markers.push({ partition: data.partition, offset: b.baseOffset, kind, producerId: b.producerId });
      continue;
    }
    const isAborted = aborted.has(b);
    if (isAborted && !keepAborted) continue;
    const firstDelta = fetchOffset > b.baseOffset ? Number(fetchOffset - b.baseOffset) : 0;
    const endDelta = endOffset !== undefined && endOffset <= b.lastOffset ? Number(endOffset - b.baseOffset) : Infinity;
    if (endDelta !== Infinity) nextOffset = endOffset!;
    const timestampType = b.logAppendTime ? 'LogAppendTime' : 'CreateTime';
    const compression = compressionOf(b);
    readRecords(await recordsOf(data.records, b), b.recordCount, {
      wanted(delta) {
        if (delta < firstDelta) return 'skip';
        if (scanned >= maxRecords || delta >= endDelta) return 'stop';
        scanned++;
        // Where the read continues if the limit ends it here.
        if (scanned >= maxRecords) nextOffset = b.baseOffset + BigInt(delta) + 1n;
        return 'take';
      },
      keep: limits.prefilter,
      take(r) {
        seen.push(scanned);
        records.push({
          partition: data.partition,
          offset: b.baseOffset + BigInt(r.offsetDelta),
          // Kafka's consumer gives LogAppendTime records the batch's max timestamp.
          timestamp: b.logAppendTime ? b.maxTimestamp : b.baseTimestamp + BigInt(r.timestampDelta),
          timestampType,
          key: r.key,
          value: r.value,
          headers: r.headers,
          size: r.size,
          compression,
          transactional: b.transactional,
          aborted: isAborted,
        });
      },
    });
  }
  // Nothing complete came back at or past `fetchOffset`: the caller sees no progress.
  return { records, markers, nextOffset: nextOffset < 0n ? fetchOffset : nextOffset, scanned, seen };
}
