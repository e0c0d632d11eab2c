import 'server-only';
import type { ClusterRef } from '../../dto';
import { withPlatformaticAdmin as withWriter } from './platformatic-admin';

/** Commits and deletes group offsets the way Kafka's own AdminClient does (OffsetCommit with no member, OffsetDelete), which kafkajs cannot. */
export function commitGroupOffsets(cluster: ClusterRef, groupId: string, offsets: { topic: string; partition: number; offset: bigint }[]): Promise<void> {
  const byTopic = new Map<string, { partition: number; offset: bigint }[]>();
  for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: o.offset }]);
  return withWriter(cluster, (admin) =>
    admin.alterConsumerGroupOffsets({ groupId, topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })) }),
  );
}

export function deleteGroupTopicOffsets(cluster: ClusterRef, groupId: string, topic: string, partitions: number[]): Promise<void> {
  return withWriter(cluster, async (admin) => {
    await admin.deleteConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionIndexes: partitions }] });
  });
}
