import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { Isolation } from '../../messages/dto';
import type { AbortedTxn, RawPartition } from './fetch-response';
import { decodePartition, hasTransactionalData, type RawRecord, type TxnMarker } from './fetched-records';
import type { RecordPrefilter } from './record-batches';
import { offsetsOn, type PartitionOffsets } from './topic-offsets';
import { listOffsetsOn } from './list-offsets';
import { fetchOn, READ_COMMITTED, READ_UNCOMMITTED, withPooledCluster, type KafkaBroker, type KafkaCluster } from './kafkajs-pool';

export type { RawHeader, RawRecord, TxnMarker } from './fetched-records';
export type { RecordPrefilter } from './record-batches';

/**
 * The free consumer: reads partitions without a consumer group. kafkajs's public consumer
 * always joins a group, so this uses its internal Cluster and Broker.fetch (the pattern of
 * kafkajs's own test helpers). It never sends FindCoordinator, JoinGroup or OffsetCommit.
 *
 * Each request takes a connected Cluster from the pool, loads fresh metadata for its topic (so
 * a deleted topic or missing partition is noticed), and gives it back.
 *
 * Reads are read_committed unless asked otherwise, as Kafka's consumers read by default: they
 * stop at the last stable offset and leave aborted transactions out. read_uncommitted reads
 * everything up to the high watermark and flags aborted records instead.
 */
/** `high` is the end readers see: the last stable offset under read_committed, else the high watermark. */
export type PartitionBounds = Pick<PartitionOffsets, 'low' | 'high'>;

export interface FetchOptions {
  maxWaitMs?: number;
  /** per partition; the broker still returns at least one whole batch */
  maxBytes?: number;
  isolation?: Isolation;
  /** read at most this many records per partition (the rest of the response is skipped) */
  maxRecords?: number;
  /** records it rejects are counted in `scanned` but not returned */
  prefilter?: RecordPrefilter;
  /** per partition: read nothing at or past this offset */
  endOffsets?: Map<number, bigint>;
}

export interface FetchResult {
  records: RawRecord[];
  /** transaction markers (control records) read past the fetch offset */
  markers: TxnMarker[];
  /** where the next read continues (after the last record, marker or skipped batch) */
  nextOffset: bigint;
  /** records read at or after the fetch offset, including those the prefilter passed over */
  scanned: number;
  /** for each of `records`, how many records had been read up to and including it */
  seen: number[];
  highWatermark: bigint;
}

const levelOf = (isolation: Isolation | undefined) => (isolation === 'read_uncommitted' ? READ_UNCOMMITTED : READ_COMMITTED);

/** One topic's view through a borrowed connection; valid only inside `withFreeConsumer`. */
export class FreeConsumer {
  constructor(
    private readonly cluster: KafkaCluster,
    readonly topic: string,
    readonly partitions: number[],
    readonly isolation: Isolation,
  ) {}

  private async leader(partition: number): Promise<KafkaBroker> {
    const meta = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === partition);
    if (!meta) throw new ApiError('not_found', `Topic "${this.topic}" has no partition ${partition}`);
    if (meta.leader < 0) throw new ApiError('cluster_unreachable', `Partition ${partition} of "${this.topic}" has no leader right now`);
    return this.cluster.findBroker({ nodeId: String(meta.leader) });
  }

  /** ListOffsets for one partition: -2 earliest, -1 latest (LSO under read_committed), or a timestamp (first offset at or after it; -1 when none). */
  async listOffset(partition: number, timestamp: bigint, isolation: Isolation = this.isolation): Promise<bigint> {
    const broker = await this.leader(partition);
    let offset: bigint | undefined;
    await listOffsetsOn(broker, new Map([[this.topic, [partition]]]), timestamp, levelOf(isolation), (_t, p, o) => {
      if (p === partition) offset = o;
    });
    if (offset === undefined) throw new ApiError('internal', `ListOffsets returned nothing for partition ${partition}`);
    return offset;
  }

  /** First offset and the end readers see, through the console's one offsets lookup. */
  async bounds(partition: number): Promise<PartitionBounds> {
    const meta = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === partition);
    if (!meta) throw new ApiError('not_found', `Topic "${this.topic}" has no partition ${partition}`);
    const end = this.isolation === 'read_committed' ? 'stable' : 'high';
    const found = (await offsetsOn(this.cluster, [{ name: this.topic, partitions: [meta] }], ['low', end])).get(this.topic)?.get(partition);
    if (!found) throw new ApiError('internal', `ListOffsets returned nothing for partition ${partition}`);
    return { low: found.low, high: found[end] ?? found.high };
  }

  /** The high watermark, whatever the isolation level (to say what read_committed leaves out). */
  highWatermark(partition: number): Promise<bigint> {
    return this.listOffset(partition, -1n, 'read_uncommitted');
  }

  /** First offset whose timestamp is ≥ `ms`; the partition's end when every record is older. */
  async offsetForTime(partition: number, ms: bigint): Promise<bigint> {
    const found = await this.listOffset(partition, ms);
    return found >= 0n ? found : (await this.bounds(partition)).high;
  }

  /** One Fetch from `offset`; `maxWaitMs` > 0 long-polls for new data (live tail). */
  async fetch(partition: number, offset: bigint, opts: FetchOptions = {}): Promise<FetchResult> {
    const out = await this.fetchMany(new Map([[partition, offset]]), opts);
    return out.get(partition)!;
  }

  private async fetchRaw(positions: Map<number, bigint>, level: number, maxWaitMs: number, maxBytes: number): Promise<Map<number, RawPartition>> {
    const byLeader = new Map<number, number[]>();
    for (const partition of positions.keys()) {
      const meta = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === partition);
      if (!meta) throw new ApiError('not_found', `Topic "${this.topic}" has no partition ${partition}`);
      byLeader.set(meta.leader, [...(byLeader.get(meta.leader) ?? []), partition]);
    }
    const out = new Map<number, RawPartition>();
    await Promise.all(
      [...byLeader].map(async ([, partitions]) => {
        const broker = await this.leader(partitions[0]!);
        const response = await fetchOn(broker, {
          isolationLevel: level,
          maxWaitTime: maxWaitMs,
          minBytes: 1,
          maxBytes: maxBytes * partitions.length,
          topics: [{ topic: this.topic, partitions: partitions.map((p) => ({ partition: p, fetchOffset: positions.get(p)!.toString(), maxBytes })) }],
        });
        for (const data of response.responses.flatMap((r) => r.partitions)) if (positions.has(data.partition)) out.set(data.partition, data);
      }),
    );
    for (const p of positions.keys()) if (!out.has(p)) throw new ApiError('internal', `Fetch returned nothing for partition ${p}`);
    return out;
  }

  /**
   * One Fetch per leader for several partitions at once (whole-topic views, tail). Under
   * read_uncommitted, Kafka lists no aborted transactions, so when transactional records came
   * back the same range is asked again under read_committed just for that list.
   */
  async fetchMany(positions: Map<number, bigint>, opts: FetchOptions = {}): Promise<Map<number, FetchResult>> {
    const isolation = opts.isolation ?? this.isolation;
    const maxBytes = opts.maxBytes ?? 1024 * 1024;
    const data = await this.fetchRaw(positions, levelOf(isolation), opts.maxWaitMs ?? 0, maxBytes);
    const aborted = new Map<number, AbortedTxn[]>();
    if (isolation === 'read_committed') {
      for (const [p, d] of data) aborted.set(p, d.abortedTransactions ?? []);
    } else {
      const transactional = new Map([...positions].filter(([p]) => hasTransactionalData(data.get(p)!)));
      if (transactional.size > 0) {
        for (const [p, d] of await this.fetchRaw(transactional, READ_COMMITTED, 0, maxBytes)) aborted.set(p, d.abortedTransactions ?? []);
      }
    }
    const out = new Map<number, FetchResult>();
    for (const [p, d] of data) {
      const decoded = await decodePartition(d, positions.get(p)!, aborted.get(p) ?? [], isolation === 'read_uncommitted', {
        maxRecords: opts.maxRecords,
        prefilter: opts.prefilter,
        endOffset: opts.endOffsets?.get(p),
      });
      out.set(p, { ...decoded, highWatermark: d.highWatermark });
    }
    return out;
  }
}

/**
 * Borrows a connection, loads `topic`'s metadata and runs `fn`. Unknown topics are 404;
 * every kafkajs failure comes out as an ApiError.
 */
export async function withFreeConsumer<T>(
  ref: ClusterRef,
  topic: string,
  fn: (c: FreeConsumer) => Promise<T>,
  isolation: Isolation = 'read_committed',
): Promise<T> {
  return withPooledCluster(
    ref,
    async (cluster) => {
      // A fresh target set makes kafkajs reload metadata for just this topic on every request.
      cluster.targetTopics.clear();
      await cluster.addMultipleTargetTopics([topic]);
      const partitions = cluster
        .findTopicPartitionMetadata(topic)
        .map((p) => p.partitionId)
        .sort((a, b) => a - b);
      if (partitions.length === 0) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
      return fn(new FreeConsumer(cluster, topic, partitions, isolation));
    },
    (err) => (err.code === 'not_found' && /UNKNOWN_TOPIC/.test(err.message) ? new ApiError('not_found', `Topic "${topic}" does not exist`) : err),
  );
}
