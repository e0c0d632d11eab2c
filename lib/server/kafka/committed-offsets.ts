import 'server-only';
import type { Admin } from '@platformatic/kafka';
import type { ClusterRef, GroupOffsetDto } from '../../dto';
import { withPlatformaticAdmin } from './platformatic-admin';
import { offsetsOfTopics, type OffsetsByTopic, type TopicLeaders } from './topic-offsets';

/**
 * Groups' committed offsets and the lag rows built from them, for every view that shows lag (the
 * groups list and pages, the topic list, a topic's groups, resets, the lag sampler). Committed
 * offsets of any number of groups come in one batched OffsetFetch per coordinator (OffsetFetch
 * v8+, KIP-709), not a request per group.
 */

/** topic → partition → committed offset (only partitions with one) */
export type Committed = Map<string, Map<number, bigint>>;

/** Every named group's committed offsets, asked together. */
export async function readCommitted(admin: Admin, ids: string[]): Promise<Map<string, Committed>> {
  const out = new Map<string, Committed>();
  if (ids.length === 0) return out;
  for (const g of await admin.listConsumerGroupOffsets({ groups: ids })) {
    const topics: Committed = new Map();
    for (const t of g.topics) {
      const valid = t.partitions.filter((p) => p.committedOffset >= 0n);
      if (valid.length > 0) topics.set(t.name, new Map(valid.map((p) => [p.partitionIndex, p.committedOffset])));
    }
    out.set(g.groupId, topics);
  }
  return out;
}

/** The lag rows' inputs: every group's committed offsets and the partitions and offsets of the topics they name. */
export interface LagInputs {
  committed: Map<string, Committed>;
  topics: Map<string, TopicLeaders>;
  bounds: OffsetsByTopic;
}

/** Committed offsets of the groups, then one offsets lookup for all topics they (or `onlyTopics`) name. */
export async function lagInputs(cluster: ClusterRef, ids: string[], onlyTopics?: string[]): Promise<LagInputs> {
  const committed = await withPlatformaticAdmin(cluster, (admin) => readCommitted(admin, ids));
  const names = new Set(onlyTopics ?? [...committed.values()].flatMap((c) => [...c.keys()]));
  const { topics, bounds } = await offsetsOfTopics(cluster, [...names]);
  return { committed, topics: new Map(topics.map((t) => [t.name, t])), bounds };
}

/** Lag as every page counts it: log end minus the committed offset (the log start when none), never below 0. */
function lagOf(high: bigint, base: bigint): bigint {
  return high > base ? high - base : 0n;
}

/**
 * One group's rows: every partition of each topic it has committed on (or of `onlyTopics`),
 * with log start and end offsets and lag. Offsets left on a deleted topic are not shown.
 */
export function offsetRows(inputs: LagInputs, groupId: string, onlyTopics?: string[]): GroupOffsetDto[] {
  const committed = inputs.committed.get(groupId) ?? new Map<string, Map<number, bigint>>();
  const rows: GroupOffsetDto[] = [];
  for (const name of onlyTopics ?? committed.keys()) {
    const topic = inputs.topics.get(name);
    if (!topic) continue;
    const ends = inputs.bounds.get(name);
    for (const { partitionId } of topic.partitions) {
      const offset = committed.get(name)?.get(partitionId);
      const end = ends?.get(partitionId) ?? { low: 0n, high: 0n };
      rows.push({
        topic: name,
        partition: partitionId,
        committedOffset: offset === undefined ? null : offset.toString(),
        logEndOffset: end.high.toString(),
        logStartOffset: end.low.toString(),
        lag: lagOf(end.high, offset ?? end.low).toString(),
      });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export function totalLag(rows: GroupOffsetDto[]): string {
  return rows.reduce((s, r) => s + BigInt(r.lag), 0n).toString();
}
