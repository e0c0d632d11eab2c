import 'server-only';
import { consumerGroupDescribeV0, createAPI, type Reader } from '@platformatic/kafka';

/**
 * ConsumerGroupDescribe v0 (API 69) over @platformatic/kafka's connections, with a response
 * decoder of our own: the client's (1.34) reads SubscribedTopicNames as one string and skips the
 * Assignment struct's tagged fields, so it fails on any group with members. Per-group errors stay
 * in the answer (errorCode) instead of being thrown.
 */
export interface DescribedTopicPartitions {
  topicId: string;
  topicName: string;
  partitions: number[];
}

export interface DescribedMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: DescribedTopicPartitions[];
  targetAssignment: DescribedTopicPartitions[];
}

export interface DescribedConsumerGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: DescribedMember[];
}

/** An Assignment struct: its topic partitions, then its own tagged fields. */
function readAssignment(r: Reader): DescribedTopicPartitions[] {
  const topics = r.readArray((t) => ({ topicId: t.readUUID(), topicName: t.readString(), partitions: t.readArray(() => t.readInt32(), true, false) }));
  r.readTaggedFields();
  return topics;
}

function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): { groups: DescribedConsumerGroup[] } {
  reader.readInt32(); // throttle time
  const groups = reader.readArray((r) => ({
    errorCode: r.readInt16(),
    errorMessage: r.readNullableString(),
    groupId: r.readString(),
    groupState: r.readString(),
    groupEpoch: r.readInt32(),
    assignmentEpoch: r.readInt32(),
    assignorName: r.readString(),
    members: r.readArray((m) => ({
      memberId: m.readString(),
      instanceId: m.readNullableString(),
      rackId: m.readNullableString(),
      memberEpoch: m.readInt32(),
      clientId: m.readString(),
      clientHost: m.readString(),
      subscribedTopicNames: m.readArray(() => m.readString(), true, false),
      subscribedTopicRegex: m.readNullableString(),
      assignment: readAssignment(m),
      targetAssignment: readAssignment(m),
    })),
    authorizedOperationsIgnored: r.readInt32(),
  }));
  return { groups: groups.map(({ authorizedOperationsIgnored: _, ...g }) => g) };
}

export const consumerGroupDescribe = createAPI<[groupIds: string[], includeAuthorizedOperations: boolean], { groups: DescribedConsumerGroup[] }>(
  69,
  0,
  consumerGroupDescribeV0.createRequest,
  parseResponse,
);
