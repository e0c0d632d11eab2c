/**
 * Heartbeat (key 12), v0-4: keeps a member's session alive. REBALANCE_IN_PROGRESS tells it to
 * rejoin; UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION that it was expired or is behind.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { decodeHeartbeatRequest } from '../protocol/messages/heartbeat-request.ts';
import { defaultHeartbeatResponse, encodeHeartbeatResponse } from '../protocol/messages/heartbeat-response.ts';

export default defineHandler({
  apiKey: 12,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeHeartbeatRequest,
  encode: encodeHeartbeatResponse,
  handle(req, ctx) {
    const denied = refused(ctx, 'useGroup', req.groupId);
    if (denied !== null) return { ...defaultHeartbeatResponse(), errorCode: denied };
    const errorCode = ctx.broker.groups.heartbeat(req.groupId, req.memberId, req.groupInstanceId, req.generationId);
    return { ...defaultHeartbeatResponse(), errorCode };
  },
});
