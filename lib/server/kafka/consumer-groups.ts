import 'server-only';
import type { Admin } from '@platformatic/kafka';
import type { ClusterRef, GroupMemberDto } from '../../dto';
import { consumerGroupDescribe, type DescribedConsumerGroup, type DescribedTopicPartitions } from './consumer-group-describe';
import { KafkaErrorCode } from './errors';
import { stateName } from './group-listing';
import { withPlatformaticAdmin } from './platformatic-admin';

/**
 * Consumer groups of the new protocol (KIP-848, `group.protocol=consumer`). Kafka describes them
 * only through ConsumerGroupDescribe (classic DescribeGroups calls them Dead, or GROUP_ID_NOT_FOUND),
 * which answers GROUP_ID_NOT_FOUND for a classic group; kafkajs does not speak it, @platformatic/kafka does.
 */

export interface ConsumerGroupView {
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignor: string;
  members: GroupMemberDto[];
}

const { NOT_COORDINATOR, GROUP_ID_NOT_FOUND } = KafkaErrorCode;

/** Asks every broker (only the group's coordinator answers without NOT_COORDINATOR), as a coordinator lookup would. */
async function describeAnywhere(admin: Admin, groupId: string): Promise<DescribedConsumerGroup | null> {
  const connections = await admin.connectToBrokers(null);
  for (const conn of connections.values()) {
    const res = await consumerGroupDescribe.async(conn, [groupId], false);
    const g = res.groups[0];
    if (g && g.errorCode !== NOT_COORDINATOR) return g.errorCode === GROUP_ID_NOT_FOUND ? null : g;
  }
  return null;
}

const partitionsOf = (a: DescribedTopicPartitions[]): GroupMemberDto['assignments'] =>
  a.map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((x, y) => x - y) })).sort((x, y) => x.topic.localeCompare(y.topic));

/** A consumer-protocol group as ConsumerGroupDescribe shows it, or null when there is none. */
export async function describeConsumerGroup(cluster: ClusterRef, groupId: string): Promise<ConsumerGroupView | null> {
  return withPlatformaticAdmin(cluster, async (admin) => {
    const g = await describeAnywhere(admin, groupId);
    if (!g) return null;
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
  });
}
