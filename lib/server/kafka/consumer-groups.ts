import 'server-only';
import type { Assignment, DescribedGroup } from '../../../broker/protocol/messages/consumer-group-describe-response.ts';
import type { GroupMemberDto } from '../../dto';
import { ConsumerGroupDescribe, describesConsumerGroups } from './apis';
import { ErrorCode } from '../../../broker/protocol/error-codes.ts';
import { stateName } from './group-listing';
import type { KafkaBroker } from './kafkajs-pool';
import { send, throwIfError } from './wire';

/**
 * Consumer groups of the new protocol (KIP-848, `group.protocol=consumer`). Kafka describes them
 * only through ConsumerGroupDescribe (classic DescribeGroups calls them Dead, or GROUP_ID_NOT_FOUND),
 * which answers GROUP_ID_NOT_FOUND for a classic group; kafkajs does not speak it.
 */

export interface ConsumerGroupView {
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignor: string;
  members: GroupMemberDto[];
}

/** Answers that mean "not a consumer-protocol group here": a classic or unknown group, or a broker without the new protocol. */
const NOT_MODERN = new Set<number>([ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.UNSUPPORTED_VERSION]);

const partitionsOf = (a: Assignment): GroupMemberDto['assignments'] =>
  a.topicPartitions.map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((x, y) => x - y) })).sort((x, y) => x.topic.localeCompare(y.topic));

function view(g: DescribedGroup): ConsumerGroupView {
  return {
    // Kafka names the states in lower case here (stable, empty, ...); the console shows classic groups' Stable, Empty.
    state: stateName(g.groupState),
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    assignor: g.assignorName,
    members: g.members
      .map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost,
        memberEpoch: m.memberEpoch,
        assignments: partitionsOf(m.assignment),
        targetAssignments: partitionsOf(m.targetAssignment),
      }))
      .sort((a, b) => a.memberId.localeCompare(b.memberId)),
  };
}

/**
 * A consumer-protocol group as its coordinator describes it, or null when the group is classic
 * or unknown, or the broker has no such groups (before Kafka 3.7 it lacks the API).
 */
export async function consumerGroupOn(coordinator: KafkaBroker, groupId: string): Promise<ConsumerGroupView | null> {
  if (!describesConsumerGroups(coordinator)) return null;
  const res = await send(coordinator, ConsumerGroupDescribe, { groupIds: [groupId], includeAuthorizedOperations: false });
  const g = res.groups.find((x) => x.groupId === groupId);
  if (!g || NOT_MODERN.has(g.errorCode)) return null;
  throwIfError(g.errorCode, g.errorMessage);
  return view(g);
}
