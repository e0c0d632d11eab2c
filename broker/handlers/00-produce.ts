/**
 * Produce (key 0), v3-9 (magic-2 record batches only). Batches are validated (CRC32C, size,
 * producer sequence and epoch) and stored verbatim; acks=0 gets no response at all, as the
 * protocol requires. A transactional batch is accepted only for a partition already added to
 * its producer's ongoing transaction (Kafka's KIP-890 verification).
 */
import { defineHandler, NO_RESPONSE } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeProduceRequest } from '../protocol/messages/produce-request.ts';
import {
  defaultLeaderIdAndEpoch,
  defaultProduceResponse,
  encodeProduceResponse,
  type PartitionProduceResponse,
} from '../protocol/messages/produce-response.ts';
import { LogError } from '../log/errors.ts';
import { RecordsRejectedError } from '../log/timestamp-check.ts';
import { HEADER_SIZE, LOG_OVERHEAD, Off, isTransactional } from '../log/record-batch.ts';
import type { Broker } from '../broker.ts';
import { refused } from '../acl/api-acls.ts';

const VALID_ACKS = new Set([-1, 0, 1]);

const SILENT_ERRORS: ReadonlySet<number> = new Set([ErrorCode.CORRUPT_MESSAGE, ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.RECORD_LIST_TOO_LARGE]);

function partitionResponse(index: number, errorCode: number, errorMessage: string | null = null): PartitionProduceResponse {
  return {
    index,
    errorCode,
    baseOffset: -1n,
    logAppendTimeMs: -1n,
    logStartOffset: -1n,
    recordErrors: [],
    errorMessage,
    currentLeader: defaultLeaderIdAndEpoch(),
  };
}

/**
 * For transactional batches, the coordinator's verdict on writing them here; NONE otherwise.
 * Every batch is looked at (not only the first), so a transactional batch cannot ride behind a
 * plain one; malformed framing is left to the log's own validation.
 */
function transactionError(broker: Broker, transactionalId: string | null, topic: string, index: number, records: Buffer): number {
  for (let pos = 0; pos + HEADER_SIZE <= records.length; pos += LOG_OVERHEAD + records.readInt32BE(pos + Off.batchLength)) {
    if (records.readInt32BE(pos + Off.batchLength) <= 0) break;
    if (!isTransactional(records.readInt16BE(pos + Off.attributes))) continue;
    const producerId = records.readBigInt64BE(pos + Off.producerId);
    const producerEpoch = records.readInt16BE(pos + Off.producerEpoch);
    const code = broker.transactions.checkProduce(transactionalId, producerId, producerEpoch, topic, index);
    if (code !== ErrorCode.NONE) return code;
  }
  return ErrorCode.NONE;
}

function appendPartition(
  broker: Broker,
  transactionalId: string | null,
  topic: string,
  index: number,
  records: Buffer | null,
  acks: number,
): PartitionProduceResponse {
  if (!VALID_ACKS.has(acks)) return partitionResponse(index, ErrorCode.INVALID_REQUIRED_ACKS);
  const log = broker.logs.partition(topic, index);
  if (log === undefined) return partitionResponse(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (records === null || records.length === 0) return partitionResponse(index, ErrorCode.INVALID_RECORD, 'no record batch');
  const txnError = transactionError(broker, transactionalId, topic, index, records);
  if (txnError !== ErrorCode.NONE) return partitionResponse(index, txnError);
  try {
    const result = log.append(records, BigInt(Date.now()));
    if (result.duplicate !== true) broker.fetchWaiters.notify(topic, index);
    return {
      ...partitionResponse(index, ErrorCode.NONE),
      baseOffset: result.baseOffset,
      logAppendTimeMs: result.logAppendTime,
      logStartOffset: log.logStartOffset,
    };
  } catch (err) {
    // Kafka sends no message with these codes (the code says it all); other errors carry theirs.
    // As Kafka: records refused one by one are named, and the log start offset is given.
    if (err instanceof RecordsRejectedError)
      return { ...partitionResponse(index, err.errorCode, err.message), recordErrors: err.recordErrors, logStartOffset: log.logStartOffset };
    if (err instanceof LogError) return partitionResponse(index, err.errorCode, SILENT_ERRORS.has(err.errorCode) ? null : err.message);
    throw err;
  }
}

export default defineHandler({
  apiKey: 0,
  minVersion: 3,
  maxVersion: 9,
  decode: decodeProduceRequest,
  encode: encodeProduceResponse,
  handle(req, ctx) {
    const txnDenied = req.transactionalId === null ? null : refused(ctx, 'writeTransactionalId', req.transactionalId);
    const responses = req.topicData.map((topic) => {
      const denied = txnDenied ?? refused(ctx, 'produce', topic.name);
      return {
        name: topic.name,
        partitionResponses: topic.partitionData.map((p) =>
          denied !== null ? partitionResponse(p.index, denied) : appendPartition(ctx.broker, req.transactionalId, topic.name, p.index, p.records, req.acks),
        ),
      };
    });
    if (req.acks === 0) return NO_RESPONSE;
    return { ...defaultProduceResponse(), responses };
  },
});
