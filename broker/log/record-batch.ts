/**
 * Helpers over Kafka RecordBatch (magic 2) bytes. Batches are stored exactly as received, so
 * everything here reads or patches fields in place instead of decoding into objects.
 *
 * Header layout (61 bytes):
 *   0 baseOffset i64 | 8 batchLength i32 | 12 partitionLeaderEpoch i32 | 16 magic i8 | 17 crc u32
 *   21 attributes i16 | 23 lastOffsetDelta i32 | 27 baseTimestamp i64 | 35 maxTimestamp i64
 *   43 producerId i64 | 51 producerEpoch i16 | 53 baseSequence i32 | 57 recordCount i32
 * The CRC32C covers bytes 21..end, so baseOffset and partitionLeaderEpoch can be patched freely.
 */
import { crc32c } from '@node-rs/crc32';
import { ErrorCode, RecordBatchError } from './errors.ts';

export const HEADER_SIZE = 61;
/** baseOffset + batchLength: the bytes not counted by batchLength. */
export const LOG_OVERHEAD = 12;
export const CRC_START = 21;

export const Off = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

export const Attr = {
  compressionMask: 0x07,
  logAppendTime: 0x08,
  transactional: 0x10,
  control: 0x20,
  deleteHorizon: 0x40,
} as const;

export interface BatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Parses the 61-byte header at `pos`; the caller guarantees HEADER_SIZE bytes are present. */
export function parseHeader(buf: Buffer, pos = 0): BatchHeader {
  return {
    baseOffset: buf.readBigInt64BE(pos + Off.baseOffset),
    batchLength: buf.readInt32BE(pos + Off.batchLength),
    partitionLeaderEpoch: buf.readInt32BE(pos + Off.partitionLeaderEpoch),
    magic: buf.readInt8(pos + Off.magic),
    crc: buf.readUInt32BE(pos + Off.crc),
    attributes: buf.readInt16BE(pos + Off.attributes),
    lastOffsetDelta: buf.readInt32BE(pos + Off.lastOffsetDelta),
    baseTimestamp: buf.readBigInt64BE(pos + Off.baseTimestamp),
    maxTimestamp: buf.readBigInt64BE(pos + Off.maxTimestamp),
    producerId: buf.readBigInt64BE(pos + Off.producerId),
    producerEpoch: buf.readInt16BE(pos + Off.producerEpoch),
    baseSequence: buf.readInt32BE(pos + Off.baseSequence),
    recordCount: buf.readInt32BE(pos + Off.recordCount),
  };
}

export const compressionOf = (attributes: number): number => attributes & Attr.compressionMask;
export const isControl = (attributes: number): boolean => (attributes & Attr.control) !== 0;
export const isTransactional = (attributes: number): boolean => (attributes & Attr.transactional) !== 0;
export const isLogAppendTime = (attributes: number): boolean => (attributes & Attr.logAppendTime) !== 0;

/** Total size on disk of the batch at `pos` (batchLength plus the 12 bytes before it). */
export function batchSizeAt(buf: Buffer, pos = 0): number {
  return LOG_OVERHEAD + buf.readInt32BE(pos + Off.batchLength);
}

export function computeCrc(buf: Buffer, pos: number, size: number): number {
  return crc32c(buf.subarray(pos + CRC_START, pos + size)) >>> 0;
}

/**
 * Validates the batch at `pos` (bounds, magic, CRC) and returns its total size. Throws
 * RecordBatchError with CORRUPT_MESSAGE for anything truncated or inconsistent.
 */
export function validateBatch(buf: Buffer, pos = 0, end = buf.length): number {
  const avail = end - pos;
  if (avail < HEADER_SIZE) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `truncated batch header: ${avail} bytes`);
  }
  const batchLength = buf.readInt32BE(pos + Off.batchLength);
  const size = LOG_OVERHEAD + batchLength;
  if (batchLength < HEADER_SIZE - LOG_OVERHEAD || size > avail) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `bad batch length ${batchLength} (${avail} bytes available)`);
  }
  const magic = buf.readInt8(pos + Off.magic);
  if (magic !== 2) {
    throw new RecordBatchError(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, `unsupported record batch magic ${magic}`);
  }
  const stored = buf.readUInt32BE(pos + Off.crc);
  const actual = computeCrc(buf, pos, size);
  if (stored !== actual) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `CRC mismatch: stored ${stored}, computed ${actual}`);
  }
  return size;
}

export interface BatchSpan {
  pos: number;
  size: number;
}

/** Yields the position and size of each batch, validating each one; throws on the first bad one. */
export function* iterateBatches(buf: Buffer, start = 0, end = buf.length): Generator<BatchSpan> {
  let pos = start;
  while (pos < end) {
    const size = validateBatch(buf, pos, end);
    yield { pos, size };
    pos += size;
  }
}

/** Patches the two fields the broker owns; both lie outside the CRC, so no recompute. */
export function patchBatch(buf: Buffer, pos: number, baseOffset: bigint, leaderEpoch: number): void {
  buf.writeBigInt64BE(baseOffset, pos + Off.baseOffset);
  buf.writeInt32BE(leaderEpoch, pos + Off.partitionLeaderEpoch);
}

/**
 * LogAppendTime topics: Kafka marks the batch with the timestamp-type bit and overwrites
 * maxTimestamp with the append time (consumers then use it for every record); baseTimestamp
 * and the record deltas are left alone. Both fields are under the CRC, so it is recomputed.
 */
export function setLogAppendTime(buf: Buffer, pos: number, size: number, now: bigint): void {
  const attributes = buf.readInt16BE(pos + Off.attributes);
  buf.writeInt16BE(attributes | Attr.logAppendTime, pos + Off.attributes);
  buf.writeBigInt64BE(now, pos + Off.maxTimestamp);
  buf.writeUInt32BE(computeCrc(buf, pos, size), pos + Off.crc);
}
