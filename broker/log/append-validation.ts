/**
 * The checks a client's record batches pass before anything is appended (as Kafka's
 * LogValidator for client appends): size limits, a consistent record count, keys on compacted
 * topics, no control batches, and a sequence on every batch that carries a producer id. Returns
 * the batches' metadata and, for producer batches, what the producer-state check needs (with
 * the offsets they will get).
 */
import { ErrorCode, RecordBatchError } from './errors.ts';
import { Attr, Off, iterateBatches } from './record-batch.ts';
import { hasNullKey } from './compaction.ts';
import type { BatchMeta } from './segment.ts';
import type { LogConfig } from './log-config.ts';
import type { ProducerBatch } from '../txn/producer-state-manager.ts';
import { checkTimestamps } from './timestamp-check.ts';

export function validateClientBatches(
  records: Buffer,
  config: LogConfig,
  logEndOffset: bigint,
  nowMs: bigint,
): { metas: BatchMeta[]; producerBatches: ProducerBatch[] } {
  const metas: BatchMeta[] = [];
  const producerBatches: ProducerBatch[] = [];
  let nextOffset = logEndOffset;
  for (const { pos, size } of iterateBatches(records)) {
    if (size > config.maxMessageBytes) {
      throw new RecordBatchError(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${size} bytes exceeds max.message.bytes ${config.maxMessageBytes}`);
    }
    if (size > config.segmentBytes) {
      throw new RecordBatchError(ErrorCode.RECORD_LIST_TOO_LARGE, `batch of ${size} bytes exceeds segment.bytes ${config.segmentBytes}`);
    }
    const delta = records.readInt32BE(pos + Off.lastOffsetDelta);
    const count = records.readInt32BE(pos + Off.recordCount);
    if (delta < 0 || count !== delta + 1) {
      throw new RecordBatchError(ErrorCode.INVALID_RECORD, `inconsistent batch: lastOffsetDelta ${delta}, recordCount ${count}`);
    }
    if (config.cleanupCompact && hasNullKey(records, pos) === true) {
      throw new RecordBatchError(ErrorCode.INVALID_RECORD, 'Compacted topic cannot accept message without key');
    }
    const maxTimestamp = records.readBigInt64BE(pos + Off.maxTimestamp);
    const attributes = records.readInt16BE(pos + Off.attributes);
    if ((attributes & Attr.control) !== 0) throw new RecordBatchError(ErrorCode.INVALID_RECORD, 'Clients are not allowed to write control records');
    if (!config.logAppendTime) checkTimestamps(records, pos, size, config.timestampBounds, nowMs, Number(nextOffset - logEndOffset));
    const producerId = records.readBigInt64BE(pos + Off.producerId);
    const baseSequence = records.readInt32BE(pos + Off.baseSequence);
    if (producerId >= 0n) {
      if (baseSequence < 0)
        throw new RecordBatchError(ErrorCode.INVALID_RECORD, `Invalid sequence number ${baseSequence} in record batch with producerId ${producerId}`);
      producerBatches.push({
        producerId,
        producerEpoch: records.readInt16BE(pos + Off.producerEpoch),
        baseSequence,
        lastOffsetDelta: delta,
        baseOffset: nextOffset,
        maxTimestamp: config.logAppendTime ? nowMs : maxTimestamp,
        transactional: (attributes & Attr.transactional) !== 0,
        control: false,
      });
    }
    metas.push({ pos, size, baseOffset: 0n, lastOffset: BigInt(delta), maxTimestamp, attributes: 0 });
    nextOffset += BigInt(delta) + 1n;
  }
  return { metas, producerBatches };
}
