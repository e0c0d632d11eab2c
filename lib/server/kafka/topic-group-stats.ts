import 'server-only';
import type { ClusterRef, TopicReaderDto } from '../../dto';
import { offsetRows, readCommitted, type Committed } from './committed-offsets';
import { listedGroups } from './group-listing';
import { withPooledCluster } from './kafkajs-pool';
import type { OffsetsByTopic, TopicPartitions } from './topic-offsets';

/**
 * Consumer groups per topic with their state and lag on it, for the topic list: one ListGroups
 * (which carries each group's state) and every group's committed offsets in one batched
 * OffsetFetch, against the offsets the list already asked. Lag is counted from the same rows as
 * the group pages (committed-offsets.ts), over the partitions the group has committed on.
 */
export interface TopicGroupStats {
  groups: number;
  lag: bigint;
  readers: TopicReaderDto[];
}

export type GroupsRead = { ok: true; states: Map<string, string>; committed: Map<string, Committed> } | { ok: false; reason: string };

/** Every group's state and committed offsets; a refusal comes back as a reason, not a failed list. */
export async function readGroups(cluster: ClusterRef): Promise<GroupsRead> {
  try {
    return await withPooledCluster(cluster, async (c) => {
      const listed = await listedGroups(c);
      const committed = await readCommitted(
        c,
        listed.map((g) => g.groupId),
      );
      return { ok: true as const, states: new Map(listed.map((g) => [g.groupId, g.state])), committed };
    });
  } catch (e) {
    return { ok: false, reason: `Consumer groups could not be read: ${(e as Error).message}` };
  }
}

export function groupStatsByTopic(read: Extract<GroupsRead, { ok: true }>, topics: TopicPartitions[], bounds: OffsetsByTopic): Map<string, TopicGroupStats> {
  const inputs = { committed: read.committed, topics: new Map(topics.map((t) => [t.name, t])), bounds };
  const byTopic = new Map<string, TopicGroupStats>();
  for (const [groupId, state] of [...read.states].sort(([a], [b]) => a.localeCompare(b))) {
    const lag = new Map<string, bigint>();
    // As Kafka's tools count a group's lag on a topic: over the partitions it has committed on.
    for (const r of offsetRows(inputs, groupId)) if (r.committedOffset !== null) lag.set(r.topic, (lag.get(r.topic) ?? 0n) + BigInt(r.lag));
    for (const [topic, n] of lag) {
      let stats = byTopic.get(topic);
      if (!stats) byTopic.set(topic, (stats = { groups: 0, lag: 0n, readers: [] }));
      stats.groups += 1;
      stats.lag += n;
      stats.readers.push({ groupId, state, lag: n.toString() });
    }
  }
  return byTopic;
}
