/**
 * AddPartitionsToTxn (key 24), v0-3 (the client versions; v4+ batches transactions for
 * broker-to-broker verification under transaction version 2, which this broker does not offer).
 * As Kafka: unknown partitions answer UNKNOWN_TOPIC_OR_PARTITION and the rest of the request
 * OPERATION_NOT_ATTEMPTED; otherwise every partition gets the coordinator's answer.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeAddPartitionsToTxnRequest } from '../protocol/messages/add-partitions-to-txn-request.ts';
import { refused } from '../acl/api-acls.ts';
import { defaultAddPartitionsToTxnResponse, encodeAddPartitionsToTxnResponse } from '../protocol/messages/add-partitions-to-txn-response.ts';

export default defineHandler({
  apiKey: 24,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeAddPartitionsToTxnRequest,
  encode: encodeAddPartitionsToTxnResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const topics = req.v3AndBelowTopics;
    const unknown = (topic: string, p: number): boolean => broker.logs.partition(topic, p) === undefined;
    const anyUnknown = topics.some((t) => t.partitions.some((p) => unknown(t.name, p)));
    let code: number = ErrorCode.OPERATION_NOT_ATTEMPTED;
    const denied = refused(ctx, 'writeTransactionalId', req.v3AndBelowTransactionalId);
    if (denied !== null) code = denied;
    else if (!anyUnknown) {
      const partitions = topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.name, partition })));
      code =
        req.v3AndBelowTransactionalId === ''
          ? ErrorCode.INVALID_REQUEST
          : broker.transactions.addToTransaction(req.v3AndBelowTransactionalId, req.v3AndBelowProducerId, req.v3AndBelowProducerEpoch, partitions);
    }
    const resultsByTopicV3AndBelow = topics.map((t) => ({
      name: t.name,
      resultsByPartition: t.partitions.map((p) => ({
        partitionIndex: p,
        partitionErrorCode: denied === null && anyUnknown && unknown(t.name, p) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : code,
      })),
    }));
    return { ...defaultAddPartitionsToTxnResponse(), resultsByTopicV3AndBelow };
  },
});
