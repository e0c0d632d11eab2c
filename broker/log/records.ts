/**
 * Minimal decoding of the records inside an UNCOMPRESSED magic-2 batch. The broker never needs
 * values; it needs per-record offsets and timestamps (ListOffsets by time) and keys (compaction).
 * Record: length varint | attributes i8 | timestampDelta varlong | offsetDelta varint |
 *         key varint-len bytes | value varint-len bytes | headers...
 */
import { HEADER_SIZE, Off, compressionOf, isLogAppendTime } from './record-batch.ts';

export interface RecordInfo {
  offset: bigint;
  timestamp: bigint;
  /** null for a null key. A view into the batch buffer. */
  key: Buffer | null;
  /** true when the value is null (a tombstone). */
  nullValue: boolean;
}

class VarintReader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  /** Zigzag varlong as bigint (timestamp deltas can exceed 2^31). */
  varlong(): bigint {
    let raw = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end || shift > 63n) throw new RangeError('bad varlong');
      const b = this.buf[this.pos++]!;
      raw |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
    }
    return (raw >> 1n) ^ -(raw & 1n);
  }

  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end || shift > 28) throw new RangeError('bad varint');
      const b = this.buf[this.pos++]!;
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
    }
    return (raw >>> 1) ^ -(raw & 1);
  }
}

interface RecordSpan extends RecordInfo {
  start: number;
  end: number;
  /** Where the value bytes lie in the walked buffer (empty for a null value). */
  valueStart: number;
  valueEnd: number;
}

/** Walks `count` records in buf[start, end); `visit` returning false stops the walk. */
function walkRecords(
  buf: Buffer,
  start: number,
  end: number,
  count: number,
  baseOffset: bigint,
  baseTimestamp: bigint,
  appendTime: bigint | null,
  visit: (r: RecordSpan) => boolean | void,
): void {
  const r = new VarintReader(buf, start, end);
  for (let i = 0; i < count && r.pos < end; i++) {
    const recordStart = r.pos;
    const length = r.varint();
    const next = r.pos + length;
    if (length < 0 || next > end) throw new RangeError('record overruns its batch');
    r.pos += 1; // record attributes, unused
    const tsDelta = r.varlong();
    const offsetDelta = r.varint();
    const keyLen = r.varint();
    const key = keyLen < 0 ? null : buf.subarray(r.pos, r.pos + keyLen);
    if (keyLen > 0) r.pos += keyLen;
    const valueLen = r.varint();
    const info: RecordSpan = {
      offset: baseOffset + BigInt(offsetDelta),
      timestamp: appendTime ?? baseTimestamp + tsDelta,
      key,
      nullValue: valueLen < 0,
      start: recordStart,
      end: next,
      valueStart: r.pos,
      valueEnd: Math.min(next, r.pos + Math.max(valueLen, 0)),
    };
    if (visit(info) === false) return;
    r.pos = next;
  }
}

/**
 * Iterates the records of the uncompressed batch at `pos`. Returns false (and yields nothing)
 * for compressed batches, which the broker does not decompress.
 */
export function forEachRecord(buf: Buffer, pos: number, size: number, visit: (r: RecordInfo) => boolean | void): boolean {
  const attributes = buf.readInt16BE(pos + Off.attributes);
  if (compressionOf(attributes) !== 0) return false;
  const appendTime = isLogAppendTime(attributes) ? buf.readBigInt64BE(pos + Off.maxTimestamp) : null;
  walkRecords(
    buf,
    pos + HEADER_SIZE,
    pos + size,
    buf.readInt32BE(pos + Off.recordCount),
    buf.readBigInt64BE(pos + Off.baseOffset),
    buf.readBigInt64BE(pos + Off.baseTimestamp),
    appendTime,
    visit,
  );
  return true;
}

/** Walks the records of an already decompressed records section, given its batch header. */
function walkSection(header: Buffer, body: Buffer, visit: (r: RecordSpan) => void): void {
  const attributes = header.readInt16BE(Off.attributes);
  const appendTime = isLogAppendTime(attributes) ? header.readBigInt64BE(Off.maxTimestamp) : null;
  walkRecords(
    body,
    0,
    body.length,
    header.readInt32BE(Off.recordCount),
    header.readBigInt64BE(Off.baseOffset),
    header.readBigInt64BE(Off.baseTimestamp),
    appendTime,
    visit,
  );
}

/**
 * Iterates records given a batch header and its (already decompressed) records section,
 * handing each record's stored bytes along so a rewritten batch can reuse them verbatim.
 */
export function forEachRawRecord(header: Buffer, body: Buffer, visit: (r: RecordInfo & { raw: Buffer }) => void): void {
  walkSection(header, body, (r) => {
    visit({ offset: r.offset, timestamp: r.timestamp, key: r.key, nullValue: r.nullValue, raw: body.subarray(r.start, r.end) });
  });
}

/**
 * Iterates records with their values, given a batch header and its (already decompressed)
 * records section: for readers of internal topics (the schema registry's `_schemas`).
 */
export function forEachKeyValue(header: Buffer, body: Buffer, visit: (r: RecordInfo & { value: Buffer | null }) => void): void {
  walkSection(header, body, (r) => {
    const value = r.nullValue ? null : body.subarray(r.valueStart, r.valueEnd);
    visit({ offset: r.offset, timestamp: r.timestamp, key: r.key, nullValue: r.nullValue, value });
  });
}
