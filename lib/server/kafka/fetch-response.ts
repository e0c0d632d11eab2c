/**
 * Fetch responses v4–v11 (the versions kafkajs speaks) decoded down to each partition's record
 * bytes, which stay raw: record-batches.ts reads only the records a request needs, where
 * kafkajs would turn every record of a ~1 MB response into objects first.
 *
 * Fetch Response (Version: 11) => throttle_time_ms error_code session_id [responses]
 *   throttle_time_ms => INT32                                   (v1+)
 *   error_code => INT16, session_id => INT32                    (v7+)
 *   responses => topic [partitions]
 *     topic => STRING
 *     partitions => partition error_code high_watermark last_stable_offset log_start_offset
 *                   [aborted_transactions] preferred_read_replica records
 *       last_stable_offset => INT64, aborted_transactions => producer_id first_offset  (v4+)
 *       log_start_offset => INT64                               (v5+)
 *       preferred_read_replica => INT32                         (v11+)
 *       records => BYTES
 * No `server-only`: plain byte reading, which the tests run too.
 */
export interface AbortedTxn {
  producerId: bigint;
  firstOffset: bigint;
}

export interface RawPartition {
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  /** null when the response says none were asked for (read_uncommitted) */
  abortedTransactions: AbortedTxn[] | null;
  /** the record batches as the broker sent them; the last one may be cut short */
  records: Buffer;
}

export interface RawFetchResponse {
  errorCode: number;
  clientSideThrottleTime: number;
  /** `topicName` as kafkajs names it, so kafkajs's per-partition error check applies as is */
  responses: { topicName: string; partitions: RawPartition[] }[];
}

export const MIN_FETCH_VERSION = 4;
export const MAX_FETCH_VERSION = 11;

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new RangeError(`Fetch response ends early (needs ${n} bytes at ${this.pos} of ${this.buf.length})`);
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  string(): string {
    const n = this.int16();
    return n < 0 ? '' : this.bytes(n).toString('utf8');
  }
  array<T>(item: () => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
}

export function decodeFetchResponse(buf: Buffer, version: number): RawFetchResponse {
  if (version < MIN_FETCH_VERSION || version > MAX_FETCH_VERSION)
    throw new Error(`Fetch v${version} is not supported by the console (v${MIN_FETCH_VERSION}–v${MAX_FETCH_VERSION})`);
  const r = new Reader(buf);
  const clientSideThrottleTime = r.int32();
  const errorCode = version >= 7 ? r.int16() : 0;
  if (version >= 7) r.int32(); // session id: the console never opens fetch sessions
  const partition = (): RawPartition => {
    const p = r.int32();
    const partitionError = r.int16();
    const highWatermark = r.int64();
    const lastStableOffset = r.int64();
    if (version >= 5) r.int64(); // log start offset
    const abortedTransactions = r.array(() => ({ producerId: r.int64(), firstOffset: r.int64() }));
    if (version >= 11) r.int32(); // preferred read replica
    const size = r.int32();
    // A broker may cut the last batch short at maxBytes (older Kafka did): keep what arrived.
    const records = size <= 0 ? Buffer.alloc(0) : r.bytes(Math.min(size, buf.length - r.pos));
    return { partition: p, errorCode: partitionError, highWatermark, lastStableOffset, abortedTransactions, records };
  };
  const responses = r.array(() => ({ topicName: r.string(), partitions: r.array(partition) ?? [] })) ?? [];
  return { errorCode, clientSideThrottleTime, responses };
}
