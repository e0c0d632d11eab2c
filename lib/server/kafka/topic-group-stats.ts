import 'server-only';
import type { Admin } from '@platformatic/kafka';
import type { PartitionEnds } from './topic-offsets';

/**
 * Consumer groups per topic and their summed lag, for the topic list. Every group's committed
 * offsets come in one batched OffsetFetch per coordinator (KIP-709, OffsetFetch v8+), not one
 * request per group: the list stays fast with a thousand groups.
 */
export interface TopicGroupStats {
  groups: number;
  lag: bigint;
}

type Committed = Awaited<ReturnType<Admin['listConsumerGroupOffsets']>>;

/** Every group's committed offsets: one ListGroups, then OffsetFetch batched per coordinator. */
export async function readCommittedOffsets(admin: Admin): Promise<{ ok: true; committed: Committed } | { ok: false; reason: string }> {
  try {
    const ids = [...(await admin.listGroups()).keys()];
    return { ok: true, committed: ids.length === 0 ? [] : await admin.listConsumerGroupOffsets({ groups: ids }) };
  } catch (e) {
    return { ok: false, reason: `Consumer groups could not be read: ${(e as Error).message}` };
  }
}

/** Groups with a committed offset on each topic, and their lag against the log end offsets. */
export function groupStatsByTopic(committed: Committed, bounds: Map<string, Map<number, PartitionEnds>>): Map<string, TopicGroupStats> {
  const byTopic = new Map<string, TopicGroupStats>();
  for (const group of committed) {
    for (const t of group.topics) {
      const ends = bounds.get(t.name);
      // Offsets left behind on a deleted topic are not a topic's readers.
      if (!ends) continue;
      const valid = t.partitions.filter((p) => p.committedOffset >= 0n);
      if (valid.length === 0) continue;
      // Lag as the group pages count it: log end minus the committed offset, never below 0.
      const lag = valid.reduce((sum, p) => {
        const high = ends.get(p.partitionIndex)?.high ?? 0n;
        return sum + (high > p.committedOffset ? high - p.committedOffset : 0n);
      }, 0n);
      const stats = byTopic.get(t.name) ?? { groups: 0, lag: 0n };
      stats.groups += 1;
      stats.lag += lag;
      byTopic.set(t.name, stats);
    }
  }
  return byTopic;
}
