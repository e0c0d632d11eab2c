/**
 * DescribeGroups (key 15), v0-5. Member metadata and assignments are shown only for a Stable
 * group, as Kafka does; an unknown group is described as Dead without an error.
 */
import { defineHandler } from './handler.ts';
import { decodeDescribeGroupsRequest } from '../protocol/messages/describe-groups-request.ts';
import { defaultDescribeGroupsResponse, defaultDescribedGroup, encodeDescribeGroupsResponse } from '../protocol/messages/describe-groups-response.ts';

/** No ACLs: report "not provided" (INT32_MIN), as Kafka does when operations were not requested. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export default defineHandler({
  apiKey: 15,
  minVersion: 0,
  maxVersion: 5,
  decode: decodeDescribeGroupsRequest,
  encode: encodeDescribeGroupsResponse,
  handle(req, { broker }) {
    const groups = req.groups.map((groupId) => {
      const s = broker.groups.describe(groupId);
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
        authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
      };
    });
    return { ...defaultDescribeGroupsResponse(), groups };
  },
});
