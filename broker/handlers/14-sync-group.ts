/**
 * SyncGroup (key 14), v0-4. The leader's request carries every member's assignment; the others
 * wait (only their own connection) until it arrives, then each gets its own assignment.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { decodeSyncGroupRequest } from '../protocol/messages/sync-group-request.ts';
import { defaultSyncGroupResponse, encodeSyncGroupResponse } from '../protocol/messages/sync-group-response.ts';

export default defineHandler({
  apiKey: 14,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeSyncGroupRequest,
  encode: encodeSyncGroupResponse,
  async handle(req, ctx) {
    const denied = refused(ctx, 'useGroup', req.groupId);
    if (denied !== null) return { ...defaultSyncGroupResponse(), errorCode: denied };
    const result = await ctx.broker.groups.sync(req.groupId, {
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      generationId: req.generationId,
      protocolType: req.protocolType,
      protocolName: req.protocolName,
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    });
    return { ...defaultSyncGroupResponse(), ...result };
  },
});
