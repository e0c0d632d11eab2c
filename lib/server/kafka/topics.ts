import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef, PartitionDto, TopicDetailDto, TopicListingDto, TopicSummaryDto } from '../../dto';
import type { CreateTopicInput } from '../../validation';
import { withAdmin } from './admin';
import { isInternalTopic, reshapePartition } from './dto';
import { describeLogDirs, logDirsOn, partitionSize, topicSize } from './log-dirs';
import { allTopicPartitions, topicPartitions } from './cluster-metadata';
import { withPooledCluster } from './kafkajs-pool';
import { groupStatsByTopic, readGroups } from './topic-group-stats';
import { allTopicsWithBounds, offsetsOn, type PartitionOffsets, type TopicPartitions } from './topic-offsets';

/**
 * Every topic as one Metadata request describes it, without counts: what the topic list shows
 * first (and what pickers need). It costs what `kcat -L` costs the cluster; the counts below
 * cost three more requests per leader or broker, each over every partition.
 */
export async function listTopicListings(cluster: ClusterRef): Promise<TopicListingDto[]> {
  const topics = await withPooledCluster(cluster, (c) => allTopicPartitions(c));
  return byName(topics.map((t) => listingRow(t.name, t.partitions)));
}

/**
 * Every topic with its sizes, messages and readers, in a fixed number of requests however many
 * topics and groups there are, three borrowed connections at once: Metadata then ListOffsets per
 * leader and kind; DescribeLogDirs of every topic on every broker; ListGroups and a batched
 * OffsetFetch. Sizes or groups the cluster refuses come out as null, not as 0 and not as a
 * failed list.
 */
export async function listTopics(cluster: ClusterRef): Promise<TopicSummaryDto[]> {
  const [{ topics, bounds }, logDirs, groups] = await Promise.all([allTopicsWithBounds(cluster), describeLogDirs(cluster, null), readGroups(cluster)]);
  const readers = groups.ok ? groupStatsByTopic(groups, topics, bounds) : null;
  const rows = topics.map((t): TopicSummaryDto => {
    const stats = readers?.get(t.name);
    return summaryRow(t.name, counted(t, bounds.get(t.name)), {
      sizeBytes: logDirs.ok ? topicSize(logDirs.sizes, t.name, t.partitions).toString() : null,
      groups: readers ? (stats?.groups ?? 0) : null,
      totalLag: readers ? (stats?.lag ?? 0n).toString() : null,
      readers: readers ? (stats?.readers ?? []) : null,
    });
  });
  return byName(rows);
}

/**
 * Rows by name, case-insensitively, ties in code-unit order. Each name is lowered once: a
 * collator's compare (and localeCompare) was the largest single cost of a 10,000-topic list.
 */
function byName<T extends { name: string }>(rows: T[]): T[] {
  const keyed = rows.map((row) => ({ key: row.name.toLowerCase(), row }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.name < b.row.name ? -1 : a.row.name > b.row.name ? 1 : 0));
  return keyed.map((k) => k.row);
}

/** What a topic's listing reads of each partition. */
interface ListedPartition {
  replicas: number[];
  isr: number[];
}

/** What a topic's summary counts of each partition. */
interface CountedPartition extends ListedPartition {
  messages: bigint;
}

type RowExtras = Pick<TopicSummaryDto, 'sizeBytes' | 'groups' | 'totalLag' | 'readers'>;

function listingRow(name: string, parts: ListedPartition[]): TopicListingDto {
  let replicationFactor = 0;
  let underReplicated = 0;
  for (const p of parts) {
    replicationFactor = Math.max(replicationFactor, p.replicas.length);
    if (p.isr.length < p.replicas.length) underReplicated++;
  }
  return { name, internal: isInternalTopic(name), partitions: parts.length, replicationFactor, underReplicatedPartitions: underReplicated };
}

/**
 * A topic's summary row. Built as one literal, never as a spread of another object: V8 gave
 * each `{ ...base, more }` a ~1.8 KB backing store, 18 MB of garbage per 10,000-topic list.
 */
function summaryRow(name: string, parts: CountedPartition[], extras: RowExtras): TopicSummaryDto {
  const listed = listingRow(name, parts);
  let messages = 0n;
  for (const p of parts) messages += p.messages;
  return {
    name,
    internal: listed.internal,
    partitions: listed.partitions,
    replicationFactor: listed.replicationFactor,
    underReplicatedPartitions: listed.underReplicatedPartitions,
    messages: messages.toString(),
    sizeBytes: extras.sizeBytes,
    groups: extras.groups,
    totalLag: extras.totalLag,
    readers: extras.readers,
  };
}

/** The list's counts straight from metadata and offsets, without building each partition's DTO. */
function counted(t: TopicPartitions, offsets: Map<number, PartitionOffsets> | undefined): CountedPartition[] {
  return t.partitions.map((p) => {
    const o = offsets?.get(p.partitionId);
    return { replicas: p.replicas, isr: p.isr, messages: o && o.high > o.low ? o.high - o.low : 0n };
  });
}

const countedDtos = (parts: PartitionDto[]): CountedPartition[] => parts.map((p) => ({ replicas: p.replicas, isr: p.isr, messages: BigInt(p.messages) }));

/**
 * One topic. While its partitions have no leader yet (Kafka makes a new topic's or partition's
 * leader known a moment after it answers the create), it is asked again for up to 10 s, as
 * kafkajs's admin waits on LEADER_NOT_AVAILABLE.
 */
export function describeTopic(cluster: ClusterRef, name: string): Promise<TopicDetailDto> {
  return onceLed(() => describeTopicNow(cluster, name), ['cluster_not_ready']);
}

/**
 * One topic now: its Metadata alone (never auto-created), then its offsets (first, high
 * watermark, last stable) and log dir sizes at the same time, all on one borrowed connection.
 */
async function describeTopicNow(cluster: ClusterRef, name: string): Promise<TopicDetailDto> {
  const { meta, offsets, logDirs } = await withPooledCluster(cluster, async (c) => {
    const meta = await topicPartitions(c, name);
    if (!meta) throw new ApiError('not_found', `Topic "${name}" does not exist`);
    if (meta.partitions.length === 0) throw new ApiError('cluster_not_ready', `Topic "${name}" has no partition leaders yet`);
    const [byTopic, logDirs] = await Promise.all([
      offsetsOn(c, [meta], ['low', 'high', 'stable']),
      logDirsOn(c, [{ name, partitions: meta.partitions.map((p) => p.partitionId) }]),
    ]);
    return { meta, offsets: byTopic.get(name) ?? new Map<number, PartitionOffsets>(), logDirs };
  });
  const partitions = meta.partitions
    .map((p) => ({
      ...reshapePartition(p, offsets.get(p.partitionId)),
      sizeBytes: logDirs.ok ? (partitionSize(logDirs.sizes, name, p.partitionId, p.leader)?.toString() ?? null) : null,
    }))
    .sort((a, b) => a.partition - b.partition);
  const summary = summaryRow(name, countedDtos(partitions), { sizeBytes: null, groups: null, totalLag: null, readers: null });
  return {
    name,
    internal: summary.internal,
    replicationFactor: summary.replicationFactor,
    partitions,
    messages: summary.messages,
    underReplicatedPartitions: summary.underReplicatedPartitions,
    sizeBytes: logDirs.ok ? topicSize(logDirs.sizes, name, meta.partitions).toString() : null,
    ...(!logDirs.ok && { sizeUnknownReason: logDirs.reason }),
  };
}

export async function createTopic(cluster: ClusterRef, input: Required<CreateTopicInput>): Promise<TopicSummaryDto> {
  if (await withPooledCluster(cluster, (c) => topicPartitions(c, input.name))) throw new ApiError('conflict', `Topic "${input.name}" already exists`);
  await withAdmin(cluster, async (admin) => {
    const created = await admin.createTopics({
      topics: [
        {
          topic: input.name,
          numPartitions: input.partitions,
          replicationFactor: input.replicationFactor,
          configEntries: Object.entries(input.configs).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    });
    if (!created) throw new ApiError('conflict', `Topic "${input.name}" already exists`);
  });
  // Right after the create, a broker may not know the topic yet either.
  const detail = await onceLed(() => describeTopicNow(cluster, input.name), ['cluster_not_ready', 'not_found']);
  // A new topic has no readers yet.
  return summaryRow(detail.name, countedDtos(detail.partitions), { sizeBytes: detail.sizeBytes, groups: 0, totalLag: '0', readers: [] });
}

export async function deleteTopic(cluster: ClusterRef, name: string): Promise<void> {
  await assertTopicExistsIn(cluster, name);
  await withAdmin(cluster, (admin) => admin.deleteTopics({ topics: [name] }));
}

export async function addPartitions(cluster: ClusterRef, name: string, count: number): Promise<TopicDetailDto> {
  const current = (await existingTopic(cluster, name)).partitions.length;
  if (count <= current) {
    throw new ApiError('bad_request', `Topic "${name}" already has ${current} partitions; the new count must be greater (partitions can only be added)`);
  }
  await withAdmin(cluster, (admin) => admin.createPartitions({ topicPartitions: [{ topic: name, count }] }));
  return describeTopic(cluster, name);
}

const LEADER_WAIT_MS = 10_000;

/** `fn` again, with growing pauses, while it fails with one of `retryOn`, for up to LEADER_WAIT_MS. */
async function onceLed<T>(fn: () => Promise<T>, retryOn: ApiError['code'][]): Promise<T> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ApiError && retryOn.includes(e.code)) || Date.now() + pause > deadline) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/** The topic's partitions (one Metadata for that topic, never auto-creating it); not_found when it does not exist. */
export async function existingTopic(cluster: ClusterRef, name: string): Promise<TopicPartitions> {
  const meta = await withPooledCluster(cluster, (c) => topicPartitions(c, name));
  if (!meta) throw new ApiError('not_found', `Topic "${name}" does not exist`);
  return meta;
}

/** Throws not_found unless the topic exists. */
export async function assertTopicExistsIn(cluster: ClusterRef, name: string): Promise<void> {
  await existingTopic(cluster, name);
}
