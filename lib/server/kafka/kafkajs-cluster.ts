/**
 * kafkajs's internal Cluster and Broker, typed: the one module that imports kafkajs internals
 * (kafkajs's public API has no group-less consumer and no ListOffsets with an explicit isolation
 * level). The console's free consumer and offsets lookup (kafkajs-pool.ts), the tests' partition
 * reader and the bench use it. It imports nothing from Next (no `server-only`), so node:test files
 * and the bench can load it as they are.
 */
import Cluster from 'kafkajs/src/cluster/index.js';
import Batch from 'kafkajs/src/consumer/batch.js';
import { createLogger, LEVELS } from 'kafkajs/src/loggers/index.js';
import LoggerConsole from 'kafkajs/src/loggers/console.js';
import socketFactory from 'kafkajs/src/network/socketFactory.js';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';

export interface AbortedTxn {
  producerId: string;
  firstOffset: string;
}
export interface PartitionData {
  partition: number;
  highWatermark: string;
  lastStableOffset?: string;
  abortedTransactions?: AbortedTxn[] | null;
  messages: KafkaMessage[];
}
export interface KafkaMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  isControlRecord?: boolean;
  batchContext?: { timestampType?: number; inTransaction?: boolean; isControlBatch?: boolean; producerId?: string };
}
export interface KafkaProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName?: string; encode?: () => Promise<unknown> };
  response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
  requestTimeout?: number;
}
export interface KafkaBroker {
  /** ApiVersions as the broker answered it when kafkajs connected: apiKey → range */
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null;
  /** kafkajs's request builder for `apiKey` at the version both sides speak */
  lookupRequest(apiKey: number, definitions: unknown): (args: unknown) => KafkaProtocolRequest;
  connectionPool: { send(req: KafkaProtocolRequest): Promise<unknown> };
  disconnect(): Promise<void>;
  /** kafkajs's own Fetch, records decoded by kafkajs (the tests' reader) */
  fetch(req: unknown): Promise<{ responses: { topicName?: string; partitions: PartitionData[] }[] }>;
}
/** A Metadata answer for every topic, as kafkajs decodes it. */
export interface ClusterMetadata {
  clusterId?: string | null;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  topicMetadata: {
    topic: string;
    partitionMetadata: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas?: number[] }[];
  }[];
}
export interface KafkaCluster {
  connect(): Promise<void>;
  /** Metadata of the named topics; of every topic when none are named. */
  metadata(opts?: { topics?: string[] }): Promise<ClusterMetadata>;
  disconnect(): Promise<void>;
  targetTopics: Set<string>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(q: { nodeId: string }): Promise<KafkaBroker>;
  /** node ids of the brokers in the last metadata (kafkajs hands them back as strings: use wire.ts nodeIds) */
  getNodeIds(): (number | string)[];
  /** fetches metadata (of the target topics) when the cluster has none or it is older than metadataMaxAge */
  refreshMetadataIfNecessary(): Promise<void>;
}

/** Kafka's isolation levels as the wire carries them. */
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

export interface ClusterOptions {
  brokers: string[];
  clientId: string;
  requestTimeout: number;
  retries: number;
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

/** A kafkajs internal Cluster (not yet connected) that never creates topics and logs nothing. */
export function createKafkajsCluster(opts: ClusterOptions): KafkaCluster {
  return new Cluster({
    ...(opts.ssl && { ssl: opts.ssl }),
    ...(opts.sasl && { sasl: opts.sasl }),
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }),
    socketFactory: socketFactory(),
    brokers: opts.brokers,
    clientId: opts.clientId,
    connectionTimeout: 3000,
    requestTimeout: opts.requestTimeout,
    enforceRequestTimeout: true,
    metadataMaxAge: 300_000,
    retry: { retries: opts.retries, initialRetryTime: 200, maxRetryTime: 1000 },
    allowAutoTopicCreation: false,
    // Every request names its isolation level; this is only kafkajs's default.
    isolationLevel: READ_UNCOMMITTED,
  }) as KafkaCluster;
}

/** kafkajs's own decoding of one partition's Fetch answer into messages (transaction markers and aborted records left out). */
export function kafkajsMessages(topic: string, fetchOffset: bigint, data: PartitionData): { messages: KafkaMessage[]; empty: boolean; lastOffset: bigint } {
  const batch = new Batch(topic, fetchOffset.toString(), data);
  return { messages: batch.messages as KafkaMessage[], empty: batch.isEmptyIncludingFiltered() as boolean, lastOffset: BigInt(batch.lastOffset()) };
}
