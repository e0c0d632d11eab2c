/**
 * DescribeProducers (key 61), v0: the producers each partition knows (epoch, last sequence and
 * timestamp, and the first offset of an open transaction), from its producer state.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { lastSeqOf } from '../txn/producer-state-entry.ts';
import { decodeDescribeProducersRequest } from '../protocol/messages/describe-producers-request.ts';
import { refused } from '../acl/api-acls.ts';
import { defaultDescribeProducersResponse, encodeDescribeProducersResponse, type PartitionResponse } from '../protocol/messages/describe-producers-response.ts';

export default defineHandler({
  apiKey: 61,
  minVersion: 0,
  maxVersion: 0,
  decode: decodeDescribeProducersRequest,
  encode: encodeDescribeProducersResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex): PartitionResponse => {
        const denied = refused(ctx, 'fetch', t.name);
        if (denied !== null) return { partitionIndex, errorCode: denied, errorMessage: null, activeProducers: [] };
        const log = broker.logs.partition(t.name, partitionIndex);
        if (log === undefined) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null, activeProducers: [] };
        const activeProducers = [...log.producerState.entries()].map((e) => ({
          producerId: e.producerId,
          producerEpoch: e.producerEpoch,
          lastSequence: lastSeqOf(e),
          lastTimestamp: e.lastTimestamp,
          coordinatorEpoch: e.coordinatorEpoch,
          currentTxnStartOffset: e.currentTxnFirstOffset,
        }));
        return { partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null, activeProducers };
      }),
    }));
    return { ...defaultDescribeProducersResponse(), topics };
  },
});
