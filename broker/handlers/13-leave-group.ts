/**
 * LeaveGroup (key 13), v0-4. v0-2 name one member; v3+ batch members (static members by
 * `group.instance.id`) with an error per member.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeLeaveGroupRequest } from '../protocol/messages/leave-group-request.ts';
import { defaultLeaveGroupResponse, encodeLeaveGroupResponse } from '../protocol/messages/leave-group-response.ts';

export default defineHandler({
  apiKey: 13,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeLeaveGroupRequest,
  encode: encodeLeaveGroupResponse,
  handle(req, ctx) {
    const { broker, version } = ctx;
    const denied = refused(ctx, 'useGroup', req.groupId);
    if (denied !== null) return { ...defaultLeaveGroupResponse(), errorCode: denied };
    const leaving = version >= 3 ? req.members : [{ memberId: req.memberId, groupInstanceId: null }];
    if (version >= 3 && leaving.length === 0) return { ...defaultLeaveGroupResponse(), errorCode: ErrorCode.INVALID_REQUEST };
    const result = broker.groups.leave(req.groupId, leaving);
    if (version < 3) {
      // A single member: its error is the response's error, as Kafka's LeaveGroupResponse does.
      const errorCode = result.errorCode !== ErrorCode.NONE ? result.errorCode : (result.members[0] ?? ErrorCode.NONE);
      return { ...defaultLeaveGroupResponse(), errorCode };
    }
    return {
      ...defaultLeaveGroupResponse(),
      errorCode: result.errorCode,
      members: leaving.map((m, i) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: result.members[i] ?? ErrorCode.NONE })),
    };
  },
});
