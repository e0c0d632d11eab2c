/**
 * ConsumerGroupDescribe (key 69), v0: KIP-848 consumer groups with their epochs, assignor and
 * each member's current and target assignment. A group that does not exist, or is a classic
 * group, answers GROUP_ID_NOT_FOUND as Kafka does; DESCRIBE on the group is needed.
 */
import { defineHandler, type HandlerContext } from './handler.ts';
import { authorizedOperations, refused } from '../acl/api-acls.ts';
import { ResourceType } from '../acl/acl-types.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import type { Assignment } from '../group/modern/assignment.ts';
import { decodeConsumerGroupDescribeRequest } from '../protocol/messages/consumer-group-describe-request.ts';
import {
  defaultConsumerGroupDescribeResponse,
  defaultDescribedGroup,
  encodeConsumerGroupDescribeResponse,
  type DescribedGroup,
} from '../protocol/messages/consumer-group-describe-response.ts';

const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

function describeAssignment(ctx: HandlerContext, a: Assignment) {
  return {
    topicPartitions: Object.entries(a).flatMap(([topicName, partitions]) => {
      const topic = ctx.broker.logs.topic(topicName);
      return topic === undefined ? [] : [{ topicId: topic.topicId, topicName, partitions }];
    }),
  };
}

function describe(ctx: HandlerContext, groupId: string, withOperations: boolean): DescribedGroup {
  const denied = refused(ctx, 'describeGroup', groupId);
  if (denied !== null) return { ...defaultDescribedGroup(), groupId, errorCode: denied, authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
  const group = ctx.broker.groups.modern.get(groupId);
  if (group === undefined) {
    const classic = ctx.broker.groups.group(groupId) !== undefined;
    const errorMessage = classic ? `Group ${groupId} is not a consumer group.` : `Group ${groupId} not found.`;
    return { ...defaultDescribedGroup(), groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage, authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
  }
  return {
    ...defaultDescribedGroup(),
    groupId,
    groupState: group.state,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignorName: group.assignorName(),
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames,
      // Kafka describes a member without a regex subscription with "" (not null).
      subscribedTopicRegex: m.subscribedTopicRegex ?? '',
      assignment: describeAssignment(ctx, m.assigned),
      targetAssignment: describeAssignment(ctx, group.target.get(m.memberId) ?? {}),
    })),
    authorizedOperations: withOperations ? authorizedOperations(ctx, ResourceType.GROUP, groupId) : AUTHORIZED_OPERATIONS_OMITTED,
  };
}

export default defineHandler({
  apiKey: 69,
  minVersion: 0,
  maxVersion: 0,
  decode: decodeConsumerGroupDescribeRequest,
  encode: encodeConsumerGroupDescribeResponse,
  handle(req, ctx) {
    return { ...defaultConsumerGroupDescribeResponse(), groups: req.groupIds.map((id) => describe(ctx, id, req.includeAuthorizedOperations)) };
  },
});
