/**
 * JoinGroup (key 11), v0-6. Parks the request until the group's rebalance completes (see
 * group/consumer-group.ts); only this connection waits. v4+ members without an id are answered
 * MEMBER_ID_REQUIRED with their id; v5+ carries `group.instance.id` (static membership).
 */
import { defineHandler } from './handler.ts';
import { decodeJoinGroupRequest } from '../protocol/messages/join-group-request.ts';
import { defaultJoinGroupResponse, encodeJoinGroupResponse } from '../protocol/messages/join-group-response.ts';
import { clientHostOf, clientIdOf } from './group-request.ts';
import { refused } from '../acl/api-acls.ts';

export default defineHandler({
  apiKey: 11,
  minVersion: 0,
  maxVersion: 6,
  decode: decodeJoinGroupRequest,
  encode: encodeJoinGroupResponse,
  async handle(req, ctx) {
    const denied = refused(ctx, 'useGroup', req.groupId);
    if (denied !== null) return { ...defaultJoinGroupResponse(), errorCode: denied, protocolName: ctx.version >= 7 ? null : '' };
    const result = await ctx.broker.groups.join(req.groupId, {
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: clientIdOf(ctx),
      clientHost: clientHostOf(ctx),
      sessionTimeoutMs: req.sessionTimeoutMs,
      // v0 has no rebalance timeout; Kafka uses the session timeout for it.
      rebalanceTimeoutMs: ctx.version === 0 || req.rebalanceTimeoutMs < 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      requireKnownMemberId: ctx.version >= 4,
    });
    return {
      ...defaultJoinGroupResponse(),
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolType: result.protocolType,
      // Nullable only from v7; older versions carry an empty string instead.
      protocolName: result.protocolName ?? (ctx.version >= 7 ? null : ''),
      leader: result.leader,
      memberId: result.memberId,
      members: result.members,
    };
  },
});
