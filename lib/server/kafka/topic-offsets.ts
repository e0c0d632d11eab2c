import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { allTopicPartitions, namedTopics, type TopicPartitions } from './cluster-metadata';
import { READ_COMMITTED, READ_UNCOMMITTED, withPooledCluster, type KafkaBroker, type KafkaCluster } from './kafkajs-pool';
import { EARLIEST, LATEST, listOffsetsOn } from './list-offsets';

export type { TopicPartitions } from './cluster-metadata';

/**
 * The console's one offsets lookup: every partition's first offset, high watermark and (when
 * asked) last stable offset, in one ListOffsets per leader and per kind however many topics and
 * partitions are asked. It names the isolation level each time: kafkajs's admin asks for the
 * latest offset under READ_COMMITTED, which is the last stable offset, not the high watermark,
 * on a partition with an open transaction. The topic list, topic pages, group pages, the lag
 * sampler and the free consumer's bounds all come through here.
 */
export interface PartitionOffsets {
  low: bigint;
  /** high watermark */
  high: bigint;
  /** last stable offset (below `high` while a transaction is open), when it was asked for */
  stable?: bigint;
}

export type OffsetKind = keyof PartitionOffsets;
/** topic → partition → offsets */
export type OffsetsByTopic = Map<string, Map<number, PartitionOffsets>>;

/** Only what the lookup needs of a topic: its partitions and their leaders. */
export interface TopicLeaders {
  name: string;
  partitions: { partitionId: number; leader: number }[];
}

const ASKS: Record<OffsetKind, [bigint, number]> = { low: [EARLIEST, READ_UNCOMMITTED], high: [LATEST, READ_UNCOMMITTED], stable: [LATEST, READ_COMMITTED] };

function byLeader(topics: TopicLeaders[]): Map<number, Map<string, number[]>> {
  const out = new Map<number, Map<string, number[]>>();
  for (const t of topics) {
    for (const p of t.partitions) {
      let perTopic = out.get(p.leader);
      if (!perTopic) out.set(p.leader, (perTopic = new Map()));
      let list = perTopic.get(t.name);
      if (!list) perTopic.set(t.name, (list = []));
      list.push(p.partitionId);
    }
  }
  return out;
}

/** `ask` once per leader of the topics' partitions, with that leader's connected broker and its partitions by topic. */
async function perLeader(
  cluster: KafkaCluster,
  topics: TopicLeaders[],
  ask: (broker: KafkaBroker, perTopic: Map<string, number[]>) => Promise<void>,
): Promise<void> {
  await Promise.all(
    [...byLeader(topics)].map(async ([leader, perTopic]) => {
      if (leader < 0) throw new ApiError('cluster_not_ready', `A partition of "${[...perTopic.keys()][0]}" has no leader right now`);
      await ask(await cluster.findBroker({ nodeId: String(leader) }), perTopic);
    }),
  );
}

/** One ListOffsets per leader and per kind asked, on a borrowed connection. */
export async function offsetsOn(cluster: KafkaCluster, topics: TopicLeaders[], kinds: OffsetKind[]): Promise<OffsetsByTopic> {
  const out: OffsetsByTopic = new Map();
  for (const t of topics) {
    const m = new Map<number, PartitionOffsets>();
    for (const p of t.partitions) m.set(p.partitionId, { low: 0n, high: 0n });
    out.set(t.name, m);
  }
  await perLeader(cluster, topics, (broker, perTopic) =>
    Promise.all(
      kinds.map(async (kind) => {
        const [timestamp, level] = ASKS[kind];
        await listOffsetsOn(broker, perTopic, timestamp, level, (topic, partition, offset) => {
          const e = out.get(topic)?.get(partition);
          if (e) e[kind] = offset;
        });
      }),
    ).then(() => undefined),
  );
  return out;
}

/**
 * Every topic with its partitions and their first and last offsets, in three round trips
 * however many topics there are: one Metadata for all topics, then one ListOffsets for the
 * earliest and one for the latest offsets per leader. Asking topic by topic makes a
 * 10,000-topic list time out.
 */
export async function allTopicsWithBounds(ref: ClusterRef): Promise<{ topics: TopicPartitions[]; bounds: OffsetsByTopic }> {
  return withPooledCluster(ref, async (cluster) => {
    const topics = await allTopicPartitions(cluster);
    return { topics, bounds: await offsetsOn(cluster, topics, ['low', 'high']) };
  });
}

/**
 * The named topics' partitions and first and last offsets (group pages, the lag sampler). A
 * name the cluster no longer has (offsets committed on a deleted topic) is left out.
 */
export async function offsetsOfTopics(ref: ClusterRef, names: string[]): Promise<{ topics: TopicPartitions[]; bounds: OffsetsByTopic }> {
  if (names.length === 0) return { topics: [], bounds: new Map() };
  return withPooledCluster(ref, async (cluster) => {
    const topics = [...(await namedTopics(cluster, names)).values()];
    return { topics, bounds: await offsetsOn(cluster, topics, ['low', 'high']) };
  });
}

/**
 * Per partition, the first offset whose record timestamp is at or after `timestamp` (-1 when every
 * record is older): one ListOffsets per leader for all the topics (resetting a group to a time).
 */
export async function offsetsAtTime(ref: ClusterRef, topics: TopicLeaders[], timestamp: bigint): Promise<Map<string, Map<number, bigint>>> {
  return withPooledCluster(ref, async (cluster) => {
    const out = new Map<string, Map<number, bigint>>();
    await perLeader(cluster, topics, (broker, perTopic) =>
      listOffsetsOn(broker, perTopic, timestamp, READ_UNCOMMITTED, (topic, partition, offset) => {
        let m = out.get(topic);
        if (!m) out.set(topic, (m = new Map()));
        m.set(partition, offset);
      }),
    );
    return out;
  });
}
