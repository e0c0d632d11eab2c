/**
 * FindCoordinator (key 10), v0-4. This single node coordinates every group and transactional
 * id. v4 batches keys in `coordinatorKeys` and answers one entry per key.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeFindCoordinatorRequest } from '../protocol/messages/find-coordinator-request.ts';
import { defaultFindCoordinatorResponse, encodeFindCoordinatorResponse, type Coordinator } from '../protocol/messages/find-coordinator-response.ts';
import type { Broker } from '../broker.ts';
import type { ConnectionSession } from '../session.ts';
import { brokerEndpoint } from './topic-view.ts';
import type { HandlerContext } from './handler.ts';
import { refused } from '../acl/api-acls.ts';

const GROUP = 0;
const TRANSACTION = 1;

/** The coordinator is this node, at the address of the listener the client came in on. */
function coordinatorFor(ctx: HandlerContext, key: string, keyType: number): Coordinator {
  const broker: Broker = ctx.broker;
  const session: ConnectionSession = ctx.request.session;
  const { host, port } = brokerEndpoint(broker, session);
  if (keyType !== GROUP && keyType !== TRANSACTION) {
    return { key, nodeId: -1, host: '', port: -1, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown coordinator key type ${keyType}.` };
  }
  const denied = refused(ctx, keyType === GROUP ? 'describeGroup' : 'describeTransactionalId', key);
  if (denied !== null) return { key, nodeId: -1, host: '', port: -1, errorCode: denied, errorMessage: null };
  return { key, nodeId: broker.nodeId, host, port, errorCode: ErrorCode.NONE, errorMessage: null };
}

export default defineHandler({
  apiKey: 10,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeFindCoordinatorRequest,
  encode: encodeFindCoordinatorResponse,
  handle(req, ctx) {
    if (ctx.version >= 4) {
      // Kafka's batched answer says "" where it has no message.
      const coordinators = req.coordinatorKeys.map((k) => coordinatorFor(ctx, k, req.keyType)).map((c) => ({ ...c, errorMessage: c.errorMessage ?? '' }));
      return { ...defaultFindCoordinatorResponse(), coordinators };
    }
    const c = coordinatorFor(ctx, req.key, req.keyType);
    return { ...defaultFindCoordinatorResponse(), errorCode: c.errorCode, errorMessage: c.errorMessage, nodeId: c.nodeId, host: c.host, port: c.port };
  },
});
