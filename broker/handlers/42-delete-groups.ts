/**
 * DeleteGroups (key 42), v0-2: removes Empty groups and their offsets. A group with members
 * answers NON_EMPTY_GROUP; an unknown one GROUP_ID_NOT_FOUND.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { decodeDeleteGroupsRequest } from '../protocol/messages/delete-groups-request.ts';
import { defaultDeleteGroupsResponse, encodeDeleteGroupsResponse } from '../protocol/messages/delete-groups-response.ts';

export default defineHandler({
  apiKey: 42,
  minVersion: 0,
  maxVersion: 2,
  decode: decodeDeleteGroupsRequest,
  encode: encodeDeleteGroupsResponse,
  handle(req, ctx) {
    const results = req.groupsNames.map((groupId) => ({ groupId, errorCode: refused(ctx, 'deleteGroup', groupId) ?? ctx.broker.groups.deleteGroup(groupId) }));
    return { ...defaultDeleteGroupsResponse(), results };
  },
});
