import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { listOffsetsOn, READ_COMMITTED, READ_UNCOMMITTED, withPooledCluster, type KafkaCluster } from './kafkajs-pool';

/**
 * Partition offsets asked with ListOffsets per leader, naming the isolation level each time:
 * kafkajs's admin asks for the latest offset under READ_COMMITTED, which is the last stable
 * offset, not the high watermark, on a partition with an open transaction.
 */
export interface PartitionEnds {
  low: bigint;
  /** high watermark */
  high: bigint;
  /** last stable offset (below `high` while a transaction is open) */
  stable: bigint;
}

export interface TopicPartitions {
  name: string;
  partitions: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }[];
}

type Ask = 'low' | 'high' | 'stable';
const ASKS: Record<Ask, [string, number]> = { low: ['-2', READ_UNCOMMITTED], high: ['-1', READ_UNCOMMITTED], stable: ['-1', READ_COMMITTED] };

/** One ListOffsets per leader and per kind asked, however many topics and partitions. */
async function ends(cluster: KafkaCluster, leaders: Map<number, Map<string, number[]>>, asks: Ask[]): Promise<Map<string, Map<number, PartitionEnds>>> {
  const out = new Map<string, Map<number, PartitionEnds>>();
  for (const perTopic of leaders.values()) {
    for (const [topic, ps] of perTopic) {
      const m = out.get(topic) ?? new Map<number, PartitionEnds>();
      for (const p of ps) m.set(p, { low: 0n, high: 0n, stable: 0n });
      out.set(topic, m);
    }
  }
  await Promise.all(
    [...leaders].map(async ([leader, perTopic]) => {
      const broker = await cluster.findBroker({ nodeId: String(leader) });
      await Promise.all(
        asks.map(async (ask) => {
          const [timestamp, level] = ASKS[ask];
          for (const t of await listOffsetsOn(broker, perTopic, timestamp, level)) {
            for (const p of t.partitions) {
              const e = out.get(t.topic)?.get(p.partition);
              if (e) e[ask] = BigInt(p.offset);
            }
          }
        }),
      );
    }),
  );
  return out;
}

function byLeader(topics: TopicPartitions[]): Map<number, Map<string, number[]>> {
  const out = new Map<number, Map<string, number[]>>();
  for (const t of topics) {
    for (const p of t.partitions) {
      const perTopic = out.get(p.leader) ?? new Map<string, number[]>();
      perTopic.set(t.name, [...(perTopic.get(t.name) ?? []), p.partitionId]);
      out.set(p.leader, perTopic);
    }
  }
  return out;
}

/**
 * Every topic with its partitions and their first and last offsets, in three round trips
 * however many topics there are: one Metadata for all topics, then one ListOffsets for the
 * earliest and one for the latest offsets per leader. Asking topic by topic makes a
 * 10,000-topic list time out.
 */
export async function allTopicsWithBounds(ref: ClusterRef): Promise<{ topics: TopicPartitions[]; bounds: Map<string, Map<number, PartitionEnds>> }> {
  return withPooledCluster(ref, async (cluster) => {
    const { topicMetadata } = await cluster.metadata();
    const topics = topicMetadata.map((t) => ({
      name: t.topic,
      partitions: t.partitionMetadata.map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas ?? [] })),
    }));
    const bounds = await ends(cluster, byLeader(topics), ['low', 'high']);
    return { topics, bounds };
  });
}

/** One topic's first offset, high watermark and last stable offset per partition. */
export async function topicOffsets(ref: ClusterRef, topic: string): Promise<Map<number, PartitionEnds>> {
  return withPooledCluster(ref, async (cluster) => {
    cluster.targetTopics.clear();
    await cluster.addMultipleTargetTopics([topic]);
    const partitions = cluster.findTopicPartitionMetadata(topic);
    if (partitions.length === 0) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    const leaders = byLeader([{ name: topic, partitions: partitions.map((p) => ({ ...p, replicas: [], isr: [], offlineReplicas: [] })) }]);
    return (await ends(cluster, leaders, ['low', 'high', 'stable'])).get(topic) ?? new Map();
  });
}
