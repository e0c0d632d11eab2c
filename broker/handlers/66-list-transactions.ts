/**
 * ListTransactions (key 66), v0-1: every transactional id, optionally filtered by state names
 * (unknown names are echoed back in unknownStateFilters, as Kafka does), producer ids and, v1,
 * by having run at least `durationFilter` ms.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeListTransactionsRequest } from '../protocol/messages/list-transactions-request.ts';
import { allowed } from '../acl/api-acls.ts';
import { defaultListTransactionsResponse, encodeListTransactionsResponse } from '../protocol/messages/list-transactions-response.ts';

const STATES = new Set(['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'PrepareEpochFence', 'Dead']);

export default defineHandler({
  apiKey: 66,
  minVersion: 0,
  maxVersion: 1,
  decode: decodeListTransactionsRequest,
  encode: encodeListTransactionsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const unknownStateFilters = req.stateFilters.filter((s) => !STATES.has(s));
    const states = new Set(req.stateFilters.filter((s) => STATES.has(s)));
    const now = BigInt(Date.now());
    const transactionStates = [...broker.transactions.all()]
      .filter((m) => allowed(ctx, 'describeTransactionalId', m.transactionalId))
      .filter((m) => req.stateFilters.length === 0 || states.has(m.state))
      .filter((m) => req.producerIdFilters.length === 0 || req.producerIdFilters.includes(m.producerId))
      // As Kafka: left out only when it started at most `durationFilter` ago. A completed
      // transaction keeps its start time; an id that never began one (-1) always passes.
      .filter((m) => req.durationFilter < 0n || now - m.startTimestamp > req.durationFilter)
      .map((m) => ({ transactionalId: m.transactionalId, producerId: m.producerId, transactionState: m.state }));
    return { ...defaultListTransactionsResponse(), errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates };
  },
});
