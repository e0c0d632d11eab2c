/**
 * Builds magic-2 RecordBatches: uncompressed or gzip, with the producer fields and attributes
 * the caller sets (transactional and control batches set them through `attributes`).
 * Layout (61-byte header): baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 |
 * magic i8 | crc u32 (CRC32C of attributes..end) | attributes i16 | lastOffsetDelta i32 |
 * baseTimestamp i64 | maxTimestamp i64 | producerId i64 | producerEpoch i16 | baseSequence i32 |
 * recordCount i32 | records...
 */
import { crc32c } from '@node-rs/crc32';
import { gzipSync } from 'node:zlib';

export interface BatchRecord {
  key?: string | Buffer | null;
  /** null (or omitted) for a null value, i.e. a tombstone. */
  value?: string | Buffer | null;
  /** Absolute timestamp; defaults to the batch base timestamp. */
  timestamp?: bigint;
  headers?: readonly { key: string; value: string | Buffer | null }[];
}

export interface BatchOptions {
  /** Defaults to the first record's timestamp, else 1_700_000_000_000. */
  baseTimestamp?: bigint;
  /** Override the header maxTimestamp (default: the largest record timestamp). */
  maxTimestamp?: bigint;
  /** Attribute bits besides the codec (e.g. 0x10 transactional, 0x20 control). */
  attributes?: number;
  baseOffset?: bigint;
  partitionLeaderEpoch?: number;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  /** Gzip the records section (codec 1 in the attributes). */
  gzip?: boolean;
}

export const BATCH_HEADER_SIZE = 61;

/** Appends unsigned LEB128 of a non-negative value below 2^53. */
function pushUvarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

function pushVarint(out: number[], n: number): void {
  pushUvarint(out, ((n << 1) ^ (n >> 31)) >>> 0);
}

function pushVarlong(out: number[], n: bigint): void {
  let v = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

function bytesOf(b: string | Buffer | null | undefined): Buffer | null {
  if (b === null || b === undefined) return null;
  return typeof b === 'string' ? Buffer.from(b) : b;
}

/** Encodes one record (length-prefixed) at offset delta `i`. */
function encodeRecord(r: BatchRecord, i: number, baseTimestamp: bigint): Buffer {
  const key = bytesOf(r.key);
  const value = bytesOf(r.value);
  const headers = (r.headers ?? []).map((h) => ({ key: Buffer.from(h.key), value: bytesOf(h.value) }));
  // Fixed part before the key bytes, the value length, then headers; bytes are spliced in below.
  const head: number[] = [0];
  pushVarlong(head, (r.timestamp ?? baseTimestamp) - baseTimestamp);
  pushVarint(head, i);
  pushVarint(head, key === null ? -1 : key.length);
  const mid: number[] = [];
  pushVarint(mid, value === null ? -1 : value.length);
  const parts: Buffer[] = [Buffer.from(head)];
  if (key) parts.push(key);
  parts.push(Buffer.from(mid));
  if (value) parts.push(value);
  const hdr: number[] = [];
  pushVarint(hdr, headers.length);
  parts.push(Buffer.from(hdr));
  for (const h of headers) {
    const k: number[] = [];
    pushVarint(k, h.key.length);
    parts.push(Buffer.from(k), h.key);
    const v: number[] = [];
    pushVarint(v, h.value === null ? -1 : h.value.length);
    parts.push(Buffer.from(v));
    if (h.value) parts.push(h.value);
  }
  const body = Buffer.concat(parts);
  const len: number[] = [];
  pushVarint(len, body.length);
  return Buffer.concat([Buffer.from(len), body]);
}

/** One RecordBatch holding `records` at offset deltas 0..n-1, with a valid CRC. */
export function buildBatch(records: readonly BatchRecord[], opts: BatchOptions = {}): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? records[0]?.timestamp ?? 1_700_000_000_000n;
  let maxTs = baseTimestamp;
  for (const r of records) if ((r.timestamp ?? baseTimestamp) > maxTs) maxTs = r.timestamp ?? baseTimestamp;
  const plain = Buffer.concat(records.map((r, i) => encodeRecord(r, i, baseTimestamp)));
  const recordsBuf = opts.gzip ? gzipSync(plain) : plain;
  const buf = Buffer.alloc(BATCH_HEADER_SIZE + recordsBuf.length);
  buf.writeBigInt64BE(opts.baseOffset ?? 0n, 0);
  buf.writeInt32BE(buf.length - 12, 8);
  buf.writeInt32BE(opts.partitionLeaderEpoch ?? -1, 12);
  buf.writeInt8(2, 16);
  buf.writeInt16BE((opts.attributes ?? 0) | (opts.gzip ? 1 : 0), 21);
  buf.writeInt32BE(records.length - 1, 23);
  buf.writeBigInt64BE(baseTimestamp, 27);
  buf.writeBigInt64BE(opts.maxTimestamp ?? maxTs, 35);
  buf.writeBigInt64BE(opts.producerId ?? -1n, 43);
  buf.writeInt16BE(opts.producerEpoch ?? -1, 51);
  buf.writeInt32BE(opts.baseSequence ?? -1, 53);
  buf.writeInt32BE(records.length, 57);
  recordsBuf.copy(buf, BATCH_HEADER_SIZE);
  buf.writeUInt32BE(crc32c(buf.subarray(21)) >>> 0, 17);
  return buf;
}
