import 'server-only';
import { Admin } from '@platformatic/kafka';
import type { ClusterRef } from '../../dto';
import { platformaticSecurity } from './client-options';
import { toApiError } from './errors';

/**
 * Commits and deletes group offsets the way Kafka's own AdminClient does (OffsetCommit with no
 * member, OffsetDelete), which kafkajs cannot. A short-lived client per call: these are rare.
 */
async function withWriter<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ clientId: 'kayak-console', bootstrapBrokers: cluster.brokers, timeout: 10_000, retries: 1, retryDelay: 200, ...platformaticSecurity(cluster) });
  try {
    return await fn(admin);
  } catch (e) {
    throw toApiError(e, cluster);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

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
