/**
 * InitProducerId (key 22), v0-5. Without a transactional id every call gets a fresh producer id
 * at epoch 0, as Kafka's coordinator does (an idempotent producer that passes its old id and
 * epoch after an error, KIP-360, also gets a fresh id). With a transactional id the transaction
 * coordinator keeps the id and bumps the epoch, fencing older producers.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeInitProducerIdRequest } from '../protocol/messages/init-producer-id-request.ts';
import { refused } from '../acl/api-acls.ts';
import { defaultInitProducerIdResponse, encodeInitProducerIdResponse } from '../protocol/messages/init-producer-id-response.ts';

export default defineHandler({
  apiKey: 22,
  minVersion: 0,
  maxVersion: 5,
  decode: decodeInitProducerIdRequest,
  encode: encodeInitProducerIdResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const fail = (errorCode: number) => ({ ...defaultInitProducerIdResponse(), errorCode });
    // Kafka's KafkaApis: an id without an epoch (or the reverse) is malformed.
    if ((req.producerId === -1n) !== (req.producerEpoch === -1)) return fail(ErrorCode.INVALID_REQUEST);
    if (req.transactionalId === null) {
      return { ...defaultInitProducerIdResponse(), producerId: broker.producerIds.generate(), producerEpoch: 0 };
    }
    if (req.transactionalId === '') return fail(ErrorCode.INVALID_REQUEST);
    const denied = refused(ctx, 'writeTransactionalId', req.transactionalId);
    if (denied !== null) return fail(denied);
    return {
      ...defaultInitProducerIdResponse(),
      ...broker.transactions.initProducerId(req.transactionalId, req.transactionTimeoutMs, req.producerId, req.producerEpoch),
    };
  },
});
