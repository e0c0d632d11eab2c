/**
 * AddOffsetsToTxn (key 25), v0-3: adds a consumer group to the ongoing transaction, so that
 * TxnOffsetCommit for that group is accepted and its offsets commit or abort with it.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeAddOffsetsToTxnRequest } from '../protocol/messages/add-offsets-to-txn-request.ts';
import { defaultAddOffsetsToTxnResponse, encodeAddOffsetsToTxnResponse } from '../protocol/messages/add-offsets-to-txn-response.ts';
import { refused } from '../acl/api-acls.ts';
import { isValidGroupId } from '../group/group-coordinator.ts';

export default defineHandler({
  apiKey: 25,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeAddOffsetsToTxnRequest,
  encode: encodeAddOffsetsToTxnResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const denied = refused(ctx, 'writeTransactionalId', req.transactionalId) ?? refused(ctx, 'useGroup', req.groupId);
    let errorCode: number;
    if (req.transactionalId === '') errorCode = ErrorCode.INVALID_REQUEST;
    else if (denied !== null) errorCode = denied;
    else if (!isValidGroupId(req.groupId)) errorCode = ErrorCode.INVALID_GROUP_ID;
    else errorCode = broker.transactions.addToTransaction(req.transactionalId, req.producerId, req.producerEpoch, [], [req.groupId]);
    return { ...defaultAddOffsetsToTxnResponse(), errorCode };
  },
});
