/**
 * DescribeTransactions (key 65), v0: a transactional id's state, producer id and epoch,
 * timeout, start time and partitions, from the transaction coordinator.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeDescribeTransactionsRequest } from '../protocol/messages/describe-transactions-request.ts';
import { refused } from '../acl/api-acls.ts';
import {
  defaultDescribeTransactionsResponse,
  encodeDescribeTransactionsResponse,
  type TransactionState,
} from '../protocol/messages/describe-transactions-response.ts';

export default defineHandler({
  apiKey: 65,
  minVersion: 0,
  maxVersion: 0,
  decode: decodeDescribeTransactionsRequest,
  encode: encodeDescribeTransactionsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const transactionStates = req.transactionalIds.map((transactionalId): TransactionState => {
      const m = broker.transactions.transaction(transactionalId);
      const denied = refused(ctx, 'describeTransactionalId', transactionalId);
      if (m === undefined || denied !== null) {
        // The other fields keep the schema defaults (zeros), as in Kafka's answer.
        return {
          errorCode: denied ?? ErrorCode.TRANSACTIONAL_ID_NOT_FOUND,
          transactionalId,
          transactionState: '',
          transactionTimeoutMs: 0,
          transactionStartTimeMs: 0n,
          producerId: 0n,
          producerEpoch: 0,
          topics: [],
        };
      }
      const byTopic = new Map<string, number[]>();
      for (const p of m.partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
      return {
        errorCode: ErrorCode.NONE,
        transactionalId,
        transactionState: m.state,
        transactionTimeoutMs: m.timeoutMs,
        transactionStartTimeMs: m.startTimestamp,
        producerId: m.producerId,
        producerEpoch: m.producerEpoch,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      };
    });
    return { ...defaultDescribeTransactionsResponse(), transactionStates };
  },
});
