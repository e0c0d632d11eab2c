/**
 * DescribeGroups (key 15), v0-5. Member metadata and assignments are shown only for a Stable
 * group, as Kafka does; an unknown group is described as Dead without an error.
 */
import { defineHandler } from './handler.ts';
import { authorizedOperations, refused } from '../acl/api-acls.ts';
import { ResourceType } from '../acl/acl-types.ts';
import { decodeDescribeGroupsRequest } from '../protocol/messages/describe-groups-request.ts';
import { defaultDescribeGroupsResponse, defaultDescribedGroup, encodeDescribeGroupsResponse } from '../protocol/messages/describe-groups-response.ts';

/** "Not provided" (INT32_MIN), as Kafka reports when operations were not requested. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export default defineHandler({
  apiKey: 15,
  minVersion: 0,
  maxVersion: 5,
  decode: decodeDescribeGroupsRequest,
  encode: encodeDescribeGroupsResponse,
  handle(req, ctx) {
    const groups = req.groups.map((groupId) => {
      const denied = refused(ctx, 'describeGroup', groupId);
      if (denied !== null) return { ...defaultDescribedGroup(), groupId, errorCode: denied, authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
      const s = ctx.broker.groups.describe(groupId);
      return {
        ...defaultDescribedGroup(),
        errorCode: s.errorCode,
        groupId,
        groupState: s.state,
        protocolType: s.protocolType,
        protocolData: s.protocolData,
        members: s.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
        authorizedOperations:
          ctx.version >= 3 && req.includeAuthorizedOperations ? authorizedOperations(ctx, ResourceType.GROUP, groupId) : AUTHORIZED_OPERATIONS_OMITTED,
      };
    });
    return { ...defaultDescribeGroupsResponse(), groups };
  },
});
