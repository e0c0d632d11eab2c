import 'server-only';
import { encodeOffsetFetchRequest, type OffsetFetchRequest } from '../../../broker/protocol/messages/offset-fetch-request.ts';
import { decodeOffsetFetchResponse, type OffsetFetchResponse } from '../../../broker/protocol/messages/offset-fetch-response.ts';
import type { ClusterRef, GroupOffsetDto } from '../../dto';
import { keysByCoordinator } from './coordinators';
import { withPooledCluster, type KafkaBroker, type KafkaCluster } from './kafkajs-pool';
import { offsetsOfTopics, type OffsetsByTopic, type TopicLeaders } from './topic-offsets';
import { brokerById, negotiatedVersion, send, throwIfError, type WireApi } from './wire';

/**
 * Groups' committed offsets and the lag rows built from them, for every view that shows lag (the
 * groups list and pages, the topic list, a topic's groups, resets, the lag sampler). Committed
 * offsets of any number of groups come in one batched OffsetFetch per coordinator (OffsetFetch
 * v8+, KIP-709), not a request per group.
 */

/** topic → partition → committed offset (only partitions with one) */
export type Committed = Map<string, Map<number, bigint>>;

/** v8+ takes many groups; v2-7 (Kafka before 3.0) one group, with `topics: null` for all of its topics. */
const OffsetFetch: WireApi<OffsetFetchRequest, OffsetFetchResponse> = {
  apiKey: 9,
  minVersion: 2,
  maxVersion: 9,
  encode: encodeOffsetFetchRequest,
  decode: decodeOffsetFetchResponse,
};

/** One group's answer: any error (the group's, a partition's) throws, as Kafka's AdminClient fails the group. */
function committedOf(topics: OffsetFetchResponse['topics'] | OffsetFetchResponse['groups'][number]['topics']): Committed {
  const out: Committed = new Map();
  for (const t of topics) {
    for (const p of t.partitions) throwIfError(p.errorCode);
    const valid = t.partitions.filter((p) => p.committedOffset >= 0n);
    if (valid.length > 0) out.set(t.name, new Map(valid.map((p) => [p.partitionIndex, p.committedOffset])));
  }
  return out;
}

/** The committed offsets of groups that `broker` coordinates: one request, or one per group before v8. */
export async function committedOn(broker: KafkaBroker, ids: string[]): Promise<Map<string, Committed>> {
  const out = new Map<string, Committed>();
  if (negotiatedVersion(broker, OffsetFetch) >= 8) {
    const groups = ids.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: null }));
    const res = await send(broker, OffsetFetch, { groupId: '', topics: null, groups, requireStable: false });
    for (const g of res.groups) {
      throwIfError(g.errorCode);
      out.set(g.groupId, committedOf(g.topics));
    }
    return out;
  }
  await Promise.all(
    ids.map(async (groupId) => {
      const res = await send(broker, OffsetFetch, { groupId, topics: null, groups: [], requireStable: false });
      throwIfError(res.errorCode);
      out.set(groupId, committedOf(res.topics));
    }),
  );
  return out;
}

/** Every named group's committed offsets: one FindCoordinator, then one OffsetFetch per coordinator. */
export async function readCommitted(cluster: KafkaCluster, ids: string[]): Promise<Map<string, Committed>> {
  const out = new Map<string, Committed>();
  if (ids.length === 0) return out;
  const byNode = await keysByCoordinator(cluster, 'group', ids);
  await Promise.all(
    [...byNode].map(async ([node, keys]) => {
      for (const [id, c] of await committedOn(await brokerById(cluster, node), keys)) out.set(id, c);
    }),
  );
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
  return withOffsets(cluster, await withPooledCluster(cluster, (c) => readCommitted(c, ids)), onlyTopics);
}

/** Committed offsets already read, with the partitions and offsets of the topics they (or `onlyTopics`) name. */
export async function withOffsets(cluster: ClusterRef, committed: Map<string, Committed>, onlyTopics?: string[]): Promise<LagInputs> {
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
