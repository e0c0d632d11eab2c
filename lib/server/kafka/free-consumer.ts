import 'server-only';
import Cluster from 'kafkajs/src/cluster/index.js';
import Batch from 'kafkajs/src/consumer/batch.js';
import { createLogger, LEVELS } from 'kafkajs/src/loggers/index.js';
import LoggerConsole from 'kafkajs/src/loggers/console.js';
import socketFactory from 'kafkajs/src/network/socketFactory.js';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { kafkajsSecurity } from './client-options';
import { compressionOf, type CompressionName } from './codecs';
import { toApiError } from './errors';

/**
 * The free consumer: reads partitions without a consumer group. kafkajs's public consumer
 * always joins a group, so this uses its internal Cluster and Broker.fetch (the pattern of
 * kafkajs's own test helpers). It never sends FindCoordinator, JoinGroup or OffsetCommit.
 * Everything kafkajs-internal stays in this file so it can be swapped for another client.
 *
 * Each request takes a connected Cluster from a small per-cluster pool, loads fresh metadata
 * for its topic (so a deleted topic or missing partition is noticed), and gives it back; a
 * Cluster whose request failed at the connection level is thrown away instead.
 */
export interface RawHeader {
  key: string;
  value: Buffer | null;
}

export interface RawRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: RawHeader[];
  size: number;
  compression: CompressionName;
  transactional: boolean;
}

export interface PartitionBounds {
  low: bigint;
  high: bigint;
}

export interface FetchOptions {
  maxWaitMs?: number;
  maxBytes?: number;
}

export interface FetchResult {
  records: RawRecord[];
  /** where the next read continues (after the last record or skipped control/aborted batch) */
  nextOffset: bigint;
  highWatermark: bigint;
}

interface KafkaBroker {
  fetch(req: unknown): Promise<{ responses: { partitions: PartitionData[] }[] }>;
  listOffsets(req: unknown): Promise<{ responses: { partitions: { partition: number; offset: string; errorCode?: number }[] }[] }>;
}
interface PartitionData {
  partition: number;
  highWatermark: string;
  messages: unknown[];
}
interface KafkaMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  batchContext?: { timestampType?: number; inTransaction?: boolean };
}
interface KafkaCluster {
  connect(): Promise<void>;
  metadata(): Promise<{
    topicMetadata: { topic: string; partitionMetadata: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas?: number[] }[] }[];
  }>;
  disconnect(): Promise<void>;
  targetTopics: Set<string>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(q: { nodeId: string }): Promise<KafkaBroker>;
}

const READ_UNCOMMITTED = 0;
const REQUEST_TIMEOUT_MS = Number(process.env.KAYAK_REQUEST_TIMEOUT_MS ?? 10_000);
const MAX_IDLE = 4;
const IDLE_MS = 60_000;

interface Idle {
  cluster: KafkaCluster;
  timer: NodeJS.Timeout;
}
const store = globalThis as typeof globalThis & { __kayakFreePool?: Map<string, Idle[]> };
const pool = (store.__kayakFreePool ??= new Map<string, Idle[]>());

function create(ref: ClusterRef): KafkaCluster {
  // TLS and SASL exactly as the admin client connects.
  return new Cluster({
    ...kafkajsSecurity(ref),
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }),
    socketFactory: socketFactory(),
    brokers: ref.brokers,
    clientId: 'kayak-console-viewer',
    connectionTimeout: 3000,
    requestTimeout: REQUEST_TIMEOUT_MS,
    enforceRequestTimeout: true,
    metadataMaxAge: 300_000,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    allowAutoTopicCreation: false,
    isolationLevel: READ_UNCOMMITTED,
  }) as KafkaCluster;
}

async function acquire(ref: ClusterRef): Promise<KafkaCluster> {
  const idle = pool.get(ref.id)?.pop();
  if (idle) {
    clearTimeout(idle.timer);
    return idle.cluster;
  }
  const cluster = create(ref);
  await cluster.connect();
  return cluster;
}

function release(ref: ClusterRef, cluster: KafkaCluster, healthy: boolean): void {
  const list = pool.get(ref.id) ?? [];
  if (!healthy || list.length >= MAX_IDLE) {
    cluster.disconnect().catch(() => undefined);
    return;
  }
  const entry: Idle = {
    cluster,
    timer: setTimeout(() => {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      cluster.disconnect().catch(() => undefined);
    }, IDLE_MS),
  };
  entry.timer.unref();
  list.push(entry);
  pool.set(ref.id, list);
}

/** One topic's view through a borrowed connection; valid only inside `withFreeConsumer`. */
export class FreeConsumer {
  constructor(
    private readonly cluster: KafkaCluster,
    readonly topic: string,
    readonly partitions: number[],
  ) {}

  private async leader(partition: number): Promise<KafkaBroker> {
    const meta = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === partition);
    if (!meta) throw new ApiError('not_found', `Topic "${this.topic}" has no partition ${partition}`);
    if (meta.leader < 0) throw new ApiError('cluster_unreachable', `Partition ${partition} of "${this.topic}" has no leader right now`);
    return this.cluster.findBroker({ nodeId: String(meta.leader) });
  }

  /** ListOffsets for one partition: -2 earliest, -1 latest, or a timestamp (first offset at or after it; -1 when none). */
  async listOffset(partition: number, timestamp: bigint): Promise<bigint> {
    const broker = await this.leader(partition);
    const res = await broker.listOffsets({
      replicaId: -1,
      isolationLevel: READ_UNCOMMITTED,
      topics: [{ topic: this.topic, partitions: [{ partition, timestamp: timestamp.toString() }] }],
    });
    const row = res.responses[0]?.partitions.find((p) => p.partition === partition);
    if (!row) throw new ApiError('internal', `ListOffsets returned nothing for partition ${partition}`);
    return BigInt(row.offset);
  }

  async bounds(partition: number): Promise<PartitionBounds> {
    const [low, high] = await Promise.all([this.listOffset(partition, -2n), this.listOffset(partition, -1n)]);
    return { low, high };
  }

  /** First offset whose timestamp is ≥ `ms`; the partition's end when every record is older. */
  async offsetForTime(partition: number, ms: bigint): Promise<bigint> {
    const found = await this.listOffset(partition, ms);
    return found >= 0n ? found : (await this.bounds(partition)).high;
  }

  /**
   * One Fetch from `offset`: whole batches come back, so records before `offset` are dropped,
   * as are control records. `maxWaitMs` > 0 long-polls for new data (live tail).
   */
  async fetch(partition: number, offset: bigint, opts: FetchOptions = {}): Promise<FetchResult> {
    const out = await this.fetchMany(new Map([[partition, offset]]), opts);
    return out.get(partition)!;
  }

  /** One Fetch per leader for several partitions at once (whole-topic views, tail). */
  async fetchMany(positions: Map<number, bigint>, opts: FetchOptions = {}): Promise<Map<number, FetchResult>> {
    const byLeader = new Map<number, number[]>();
    for (const partition of positions.keys()) {
      const meta = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === partition);
      if (!meta) throw new ApiError('not_found', `Topic "${this.topic}" has no partition ${partition}`);
      byLeader.set(meta.leader, [...(byLeader.get(meta.leader) ?? []), partition]);
    }
    const maxBytes = opts.maxBytes ?? 1024 * 1024;
    const out = new Map<number, FetchResult>();
    await Promise.all(
      [...byLeader].map(async ([, partitions]) => {
        const broker = await this.leader(partitions[0]!);
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: READ_UNCOMMITTED,
          maxWaitTime: opts.maxWaitMs ?? 0,
          minBytes: 1,
          maxBytes: maxBytes * partitions.length,
          topics: [{ topic: this.topic, partitions: partitions.map((p) => ({ partition: p, fetchOffset: positions.get(p)!.toString(), maxBytes })) }],
        });
        for (const data of response.responses.flatMap((r) => r.partitions)) {
          const offset = positions.get(data.partition);
          if (offset === undefined) continue;
          const batch = new Batch(this.topic, offset.toString(), data) as {
            messages: KafkaMessage[];
            rawMessages: { offset: string }[];
            isEmptyIncludingFiltered(): boolean;
            lastOffset(): string;
          };
          const records = batch.messages.map((m) => toRecord(data.partition, m));
          let nextOffset = offset;
          if (!batch.isEmptyIncludingFiltered()) nextOffset = BigInt(batch.lastOffset()) + 1n;
          // Only records before `offset` came back: `offset` itself was compacted away, step past it.
          else if (batch.rawMessages.length > 0) nextOffset = offset + 1n;
          out.set(data.partition, { records, nextOffset, highWatermark: BigInt(data.highWatermark) });
        }
      }),
    );
    for (const p of positions.keys()) if (!out.has(p)) throw new ApiError('internal', `Fetch returned nothing for partition ${p}`);
    return out;
  }
}

function toRecord(partition: number, m: KafkaMessage): RawRecord {
  const headers: RawHeader[] = [];
  for (const [key, v] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) headers.push({ key, value: value ?? null });
  }
  const size = (m.key?.length ?? 0) + (m.value?.length ?? 0) + headers.reduce((s, h) => s + Buffer.byteLength(h.key) + (h.value?.length ?? 0), 0);
  return {
    partition,
    offset: BigInt(m.offset),
    timestamp: BigInt(m.timestamp),
    timestampType: m.batchContext?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: m.key,
    value: m.value,
    headers,
    size,
    compression: compressionOf(m.value, m.key, ...headers.map((h) => h.value)),
    transactional: m.batchContext?.inTransaction === true,
  };
}

export interface TopicPartitions {
  name: string;
  partitions: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }[];
}

/**
 * Every topic with its partitions and their first and last offsets, in three round trips
 * however many topics there are: one Metadata for all topics, then one ListOffsets for the
 * earliest and one for the latest offsets per leader. Asking topic by topic makes a
 * 10,000-topic list time out.
 */
export async function allTopicsWithBounds(ref: ClusterRef): Promise<{ topics: TopicPartitions[]; bounds: Map<string, Map<number, PartitionBounds>> }> {
  let cluster: KafkaCluster | undefined;
  let healthy = true;
  try {
    cluster = await acquire(ref);
    const { topicMetadata } = await cluster.metadata();
    const topics = topicMetadata.map((t) => ({
      name: t.topic,
      partitions: t.partitionMetadata.map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas ?? [] })),
    }));
    const bounds = new Map<string, Map<number, PartitionBounds>>();
    const byLeader = new Map<number, Map<string, number[]>>();
    for (const t of topics) {
      bounds.set(t.name, new Map());
      for (const p of t.partitions) {
        const perTopic = byLeader.get(p.leader) ?? new Map<string, number[]>();
        perTopic.set(t.name, [...(perTopic.get(t.name) ?? []), p.partitionId]);
        byLeader.set(p.leader, perTopic);
      }
    }
    const c = cluster;
    await Promise.all(
      [...byLeader].map(async ([leader, perTopic]) => {
        const broker = await c.findBroker({ nodeId: String(leader) });
        const ask = async (timestamp: string) =>
          (
            await broker.listOffsets({
              replicaId: -1,
              isolationLevel: READ_UNCOMMITTED,
              topics: [...perTopic].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp })) })),
            })
          ).responses as unknown as { topic: string; partitions: { partition: number; offset: string }[] }[];
        const [low, high] = await Promise.all([ask('-2'), ask('-1')]);
        for (const t of low) for (const p of t.partitions) bounds.get(t.topic)?.set(p.partition, { low: BigInt(p.offset), high: 0n });
        for (const t of high) {
          for (const p of t.partitions) {
            const b = bounds.get(t.topic)?.get(p.partition);
            if (b) b.high = BigInt(p.offset);
          }
        }
      }),
    );
    return { topics, bounds };
  } catch (e) {
    const err = toApiError(e, ref);
    if (err.code === 'cluster_unreachable' || err.code === 'timeout' || err.code === 'internal') healthy = false;
    throw err;
  } finally {
    if (cluster) release(ref, cluster, healthy);
  }
}

/**
 * Borrows a connection, loads `topic`'s metadata and runs `fn`. Unknown topics are 404;
 * every kafkajs failure comes out as an ApiError.
 */
export async function withFreeConsumer<T>(ref: ClusterRef, topic: string, fn: (c: FreeConsumer) => Promise<T>): Promise<T> {
  let cluster: KafkaCluster | undefined;
  let healthy = true;
  try {
    cluster = await acquire(ref);
    // A fresh target set makes kafkajs reload metadata for just this topic on every request.
    cluster.targetTopics.clear();
    await cluster.addMultipleTargetTopics([topic]);
    const partitions = cluster
      .findTopicPartitionMetadata(topic)
      .map((p) => p.partitionId)
      .sort((a, b) => a - b);
    if (partitions.length === 0) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    return await fn(new FreeConsumer(cluster, topic, partitions));
  } catch (e) {
    const err = toApiError(e, ref);
    if (err.code === 'not_found' && /UNKNOWN_TOPIC/.test(err.message)) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    if (err.code === 'cluster_unreachable' || err.code === 'timeout' || err.code === 'internal') healthy = false;
    throw err;
  } finally {
    if (cluster) release(ref, cluster, healthy);
  }
}
