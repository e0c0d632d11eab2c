/**
 * ListGroups (key 16), v0-5. v4 filters by state, v5 by type (`classic` or `consumer`, the
 * KIP-848 groups), both case-insensitive as Kafka parses them.
 */
import { defineHandler } from './handler.ts';
import { allowed } from '../acl/api-acls.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeListGroupsRequest } from '../protocol/messages/list-groups-request.ts';
import { defaultListGroupsResponse, defaultListedGroup, encodeListGroupsResponse } from '../protocol/messages/list-groups-response.ts';

export default defineHandler({
  apiKey: 16,
  minVersion: 0,
  maxVersion: 5,
  decode: decodeListGroupsRequest,
  encode: encodeListGroupsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    // DESCRIBE on the cluster shows every group; otherwise only groups the caller may DESCRIBE.
    const all = allowed(ctx, 'listAllGroups');
    const states = new Set(req.statesFilter.map((s) => s.toLowerCase()));
    const types = new Set(req.typesFilter.map((s) => s.toLowerCase()));
    const groups = broker.groups
      .listGroups()
      .filter((g) => all || allowed(ctx, 'describeGroup', g.groupId))
      .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
      .filter((g) => types.size === 0 || types.has(g.type))
      .map((g) => ({ ...defaultListedGroup(), groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: g.type }));
    return { ...defaultListGroupsResponse(), errorCode: ErrorCode.NONE, groups };
  },
});
