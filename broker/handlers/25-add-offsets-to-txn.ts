/**
 * AddOffsetsToTxn (key 25), v0-3: adds a consumer group to the ongoing transaction, so that
 * TxnOffsetCommit for that group is accepted and its offsets commit or abort with it.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeAddOffsetsToTxnRequest } from '../protocol/messages/add-offsets-to-txn-request.ts';
import { defaultAddOffsetsToTxnResponse, encodeAddOffsetsToTxnResponse } from '../protocol/messages/add-offsets-to-txn-response.ts';
import { isValidGroupId } from '../group/group-coordinator.ts';

export default defineHandler({
  apiKey: 25,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeAddOffsetsToTxnRequest,
  encode: encodeAddOffsetsToTxnResponse,
  handle(req, { broker }) {
    const errorCode = req.transactionalId === ''
      ? ErrorCode.INVALID_REQUEST
      : !isValidGroupId(req.groupId)
        ? ErrorCode.INVALID_GROUP_ID
        : broker.transactions.addToTransaction(req.transactionalId, req.producerId, req.producerEpoch, [], [req.groupId]);
    return { ...defaultAddOffsetsToTxnResponse(), errorCode };
  },
});
