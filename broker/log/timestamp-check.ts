/**
 * Kafka's CreateTime bounds (`message.timestamp.before.max.ms` / `.after.max.ms`, KIP-937): a
 * record stamped further in the past or the future than allowed is refused with
 * INVALID_TIMESTAMP, naming the record (as Kafka's LogValidator does); the whole batch is
 * dropped. Topics with LogAppendTime are not checked (the broker stamps them).
 *
 * Uncompressed batches are checked record by record, but only when the batch header says a
 * record may be out of range, so in-range appends cost two comparisons. Compressed batches are
 * not decompressed on append: their header's base and max timestamps stand for the records.
 */
import { Off, compressionOf } from './record-batch.ts';
import { forEachRecord } from './records.ts';
import { ErrorCode, RecordBatchError } from './errors.ts';

const NO_TIMESTAMP = -1n;

export interface TimestampBounds {
  beforeMaxMs: bigint;
  afterMaxMs: bigint;
}

export interface RecordError {
  batchIndex: number;
  batchIndexErrorMessage: string | null;
}

/** A batch refused for its records, carrying which ones (Produce's recordErrors). */
export class RecordsRejectedError extends RecordBatchError {
  override name = 'RecordsRejectedError';
  constructor(
    errorCode: number,
    message: string,
    readonly recordErrors: RecordError[],
  ) {
    super(errorCode, message);
  }
}

/**
 * Throws RecordsRejectedError when a record of the batch at `pos` is out of the CreateTime
 * bounds; `firstIndex` is the index of its first record among the partition's records.
 */
export function checkTimestamps(records: Buffer, pos: number, size: number, bounds: TimestampBounds, nowMs: bigint, firstIndex: number): void {
  const low = nowMs - bounds.beforeMaxMs;
  const high = nowMs + bounds.afterMaxMs;
  const base = records.readBigInt64BE(pos + Off.baseTimestamp);
  const max = records.readBigInt64BE(pos + Off.maxTimestamp);
  const outOfRange = (t: bigint): boolean => t !== NO_TIMESTAMP && (nowMs - t > bounds.beforeMaxMs || t - nowMs > bounds.afterMaxMs);
  if (!outOfRange(max) && (bounds.beforeMaxMs >= nowMs || !outOfRange(base))) {
    // The header's bounds are in range. Only a record older than the base timestamp could
    // still be out of range, and only when old records are refused at all.
    if (bounds.beforeMaxMs >= nowMs || compressionOf(records.readInt16BE(pos + Off.attributes)) !== 0) return;
  }
  const errors: RecordError[] = [];
  const describe = (t: bigint, offset: bigint): string =>
    `Timestamp ${t} of message with offset ${offset} is out of range. The timestamp should be within [${low}, ${high}]`;
  let index = firstIndex;
  const walked = forEachRecord(records, pos, size, (r) => {
    if (outOfRange(r.timestamp)) errors.push({ batchIndex: index, batchIndexErrorMessage: describe(r.timestamp, r.offset) });
    index++;
  });
  if (!walked) {
    const t = outOfRange(max) ? max : base;
    errors.push({ batchIndex: firstIndex, batchIndexErrorMessage: describe(t, records.readBigInt64BE(pos + Off.baseOffset)) });
  }
  if (errors.length > 0) throw new RecordsRejectedError(ErrorCode.INVALID_TIMESTAMP, 'One or more records have been rejected due to invalid timestamp', errors);
}
