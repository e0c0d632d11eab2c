/**
 * EndTxn (key 26), v0-4: commits or aborts the transaction. The decision is in the transaction
 * log and every marker written before the answer (this node is every partition's leader).
 * v5 (transaction version 2, an epoch bump per transaction) is not offered.
 */
import { defineHandler } from './handler.ts';
import { decodeEndTxnRequest } from '../protocol/messages/end-txn-request.ts';
import { refused } from '../acl/api-acls.ts';
import { defaultEndTxnResponse, encodeEndTxnResponse } from '../protocol/messages/end-txn-response.ts';

export default defineHandler({
  apiKey: 26,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeEndTxnRequest,
  encode: encodeEndTxnResponse,
  handle(req, ctx) {
    const errorCode =
      refused(ctx, 'writeTransactionalId', req.transactionalId) ??
      ctx.broker.transactions.endTransaction(req.transactionalId, req.producerId, req.producerEpoch, req.committed);
    return { ...defaultEndTxnResponse(), errorCode };
  },
});
