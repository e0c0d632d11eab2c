/**
 * Kafka's on-the-wire RecordBatch (magic 2), read in place: batch headers first, and records
 * only for the batches and offsets a request wants. A deep page of 100 records out of a 1 MB
 * fetch then decodes 100 records, not the ~9,000 around them.
 *
 * RecordBatch => baseOffset:int64 batchLength:int32 partitionLeaderEpoch:int32 magic:int8
 *   crc:uint32 attributes:int16 lastOffsetDelta:int32 baseTimestamp:int64 maxTimestamp:int64
 *   producerId:int64 producerEpoch:int16 baseSequence:int32 records:[Record]
 * Record => length:varint attributes:int8 timestampDelta:varlong offsetDelta:varint
 *   key:varint-bytes value:varint-bytes headers:[headerKey:varint-string headerValue:varint-bytes]
 * No `server-only`: plain byte reading, which the tests run too.
 */
export const LOG_OVERHEAD = 12; // baseOffset + batchLength
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const BASE_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const RECORD_COUNT_AT = 57;
export const BATCH_HEADER = 61;

const TIMESTAMP_TYPE_BIT = 0x08;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;

export interface BatchHeader {
  /** where the batch starts in the fetched bytes, and its whole size */
  pos: number;
  size: number;
  magic: number;
  baseOffset: bigint;
  lastOffset: bigint;
  /** attributes & 7: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd */
  codec: number;
  logAppendTime: boolean;
  transactional: boolean;
  control: boolean;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  recordCount: number;
}

/**
 * The complete entries in fetched record bytes, in order. A last entry cut short (a broker may
 * stop at maxBytes mid-batch) is left out, as Kafka's consumer leaves it. Legacy message-set
 * entries (magic 0/1) share the first 17 bytes' layout, so they are listed too, by magic.
 */
export function batchHeaders(records: Buffer): BatchHeader[] {
  const out: BatchHeader[] = [];
  let pos = 0;
  while (pos + LOG_OVERHEAD <= records.length) {
    const size = LOG_OVERHEAD + records.readInt32BE(pos + 8);
    if (size <= LOG_OVERHEAD || pos + size > records.length || pos + MAGIC_AT >= records.length) break;
    const magic = records.readInt8(pos + MAGIC_AT);
    const baseOffset = records.readBigInt64BE(pos);
    if (magic < 2 || size < BATCH_HEADER) {
      out.push({
        pos,
        size,
        magic,
        baseOffset,
        lastOffset: baseOffset,
        codec: 0,
        logAppendTime: false,
        transactional: false,
        control: false,
        baseTimestamp: -1n,
        maxTimestamp: -1n,
        producerId: -1n,
        recordCount: 0,
      });
    } else {
      const attributes = records.readInt16BE(pos + ATTRIBUTES_AT);
      out.push({
        pos,
        size,
        magic,
        baseOffset,
        lastOffset: baseOffset + BigInt(records.readInt32BE(pos + LAST_OFFSET_DELTA_AT)),
        codec: attributes & 0x07,
        logAppendTime: (attributes & TIMESTAMP_TYPE_BIT) !== 0,
        transactional: (attributes & TRANSACTIONAL_BIT) !== 0,
        control: (attributes & CONTROL_BIT) !== 0,
        baseTimestamp: records.readBigInt64BE(pos + BASE_TIMESTAMP_AT),
        maxTimestamp: records.readBigInt64BE(pos + MAX_TIMESTAMP_AT),
        producerId: records.readBigInt64BE(pos + PRODUCER_ID_AT),
        recordCount: records.readInt32BE(pos + RECORD_COUNT_AT),
      });
    }
    pos += size;
  }
  return out;
}

/** One record's fields; key, value and header values are views into the batch's bytes. */
export interface RecordView {
  offsetDelta: number;
  /** a number while it fits (always, for real producers); past 2^53 as a bigint */
  timestampDelta: number | bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
  /** key, value, header keys and values, in bytes */
  size: number;
}

/**
 * Looks at a record's key and value bytes in place (start -1: null) before anything is built
 * for it; false passes the record over. Searches use it to skip records that cannot match.
 */
export type RecordPrefilter = (data: Buffer, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => boolean;

export interface RecordWalk {
  /** each record's offset delta before anything else is read: skip steps over it, stop ends the walk */
  wanted(offsetDelta: number): 'take' | 'skip' | 'stop';
  keep?: RecordPrefilter;
  take(r: RecordView): void;
}

/** Reads the records of one batch's (decompressed) records section in order. */
export function readRecords(data: Buffer, count: number, walk: RecordWalk): void {
  const c = new Cursor(data);
  for (let i = 0; i < count && c.pos < data.length; i++) {
    const length = c.varint();
    const end = c.pos + length;
    if (length < 0 || end > data.length) throw new RangeError(`record ${i} of a batch runs past its end`);
    c.pos += 1; // attributes: unused in magic 2
    const timestampDelta = c.varlong();
    const offsetDelta = c.varint();
    const want = walk.wanted(offsetDelta);
    if (want === 'stop') return;
    if (want === 'skip') {
      c.pos = end;
      continue;
    }
    if (walk.keep) {
      const at = c.pos;
      const keyStart = c.skipBytes();
      const keyEnd = c.pos;
      const valueStart = c.skipBytes();
      const keep = walk.keep(data, keyStart, keyEnd, valueStart, c.pos);
      if (!keep) {
        c.pos = end;
        continue;
      }
      c.pos = at;
    }
    const key = c.bytes();
    const value = c.bytes();
    let size = (key?.length ?? 0) + (value?.length ?? 0);
    const headerCount = c.varint();
    const headers: RecordView['headers'] = [];
    for (let h = 0; h < headerCount; h++) {
      const k = c.bytes();
      const v = c.bytes();
      size += (k?.length ?? 0) + (v?.length ?? 0);
      headers.push({ key: k ? k.toString('utf8') : '', value: v });
    }
    if (c.pos > end) throw new RangeError(`record ${i} of a batch is longer than its length prefix`);
    c.pos = end;
    walk.take({ offsetDelta, timestampDelta, key, value, headers, size });
  }
}

/** Zigzag varints as Kafka writes them; lengths are checked against the buffer. */
class Cursor {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('a varint runs past the end of its batch');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new RangeError('a varint is longer than 5 bytes');
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Numbers up to 2^49 are built with arithmetic; longer ones (never seen in practice) as bigint. */
  varlong(): number | bigint {
    const start = this.pos;
    let raw = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      raw += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      mul *= 128;
    }
    this.pos = start;
    let big = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift > 63n) throw new RangeError('a varlong is longer than 10 bytes');
      const b = this.byte();
      big |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    return (big >> 1n) ^ -(big & 1n);
  }

  /** Steps over a length-prefixed field; where its bytes start, or -1 for null. */
  skipBytes(): number {
    const n = this.varint();
    if (n < 0) return -1;
    if (this.pos + n > this.buf.length) throw new RangeError('a record field runs past the end of its batch');
    const start = this.pos;
    this.pos += n;
    return start;
  }

  bytes(): Buffer | null {
    const n = this.varint();
    if (n < 0) return null;
    if (this.pos + n > this.buf.length) throw new RangeError('a record field runs past the end of its batch');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
