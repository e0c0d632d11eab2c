import 'server-only';
import Cluster from 'kafkajs/src/cluster/index.js';
import { createLogger, LEVELS } from 'kafkajs/src/loggers/index.js';
import LoggerConsole from 'kafkajs/src/loggers/console.js';
import socketFactory from 'kafkajs/src/network/socketFactory.js';
import apiKeys from 'kafkajs/src/protocol/requests/apiKeys.js';
import kafkajsRequests from 'kafkajs/src/protocol/requests/index.js';
import { parse as checkFetchErrors } from 'kafkajs/src/protocol/requests/fetch/v1/response.js';
import type { ClusterRef } from '../../dto';
import { kafkajsSecurity } from './client-options';
import { RECONNECT_ON, REQUEST_TIMEOUT_MS } from './admin';
import { toApiError } from './errors';
import { decodeFetchResponse, type RawFetchResponse } from './fetch-response';

/**
 * A small per-cluster pool of connected kafkajs internal Clusters, for the requests kafkajs's
 * public API cannot make the way the console needs them (Fetch without a group, ListOffsets
 * with an explicit isolation level). Everything kafkajs-internal stays in this file,
 * free-consumer.ts, codecs.ts and legacy-message-set.ts, so they can be swapped for another client. A Cluster whose request failed at
 * the connection level is thrown away instead of being given back.
 */
interface KafkaProtocolRequest {
  request: { apiKey: number; apiVersion: number };
  response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
  requestTimeout?: number;
}
export interface ListOffsetsTopic {
  topic: string;
  partitions: { partition: number; offset: string; errorCode?: number }[];
}
export interface KafkaBroker {
  /** ApiVersions as the broker answered it when kafkajs connected: apiKey → range */
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null;
  /** kafkajs's request builder for `apiKey` at the version both sides speak */
  lookupRequest(apiKey: number, definitions: unknown): (args: unknown) => KafkaProtocolRequest;
  connectionPool: { send(req: KafkaProtocolRequest): Promise<unknown> };
  disconnect(): Promise<void>;
  listOffsets(req: unknown): Promise<{ responses: ListOffsetsTopic[] }>;
}
/** A Metadata answer for every topic, as kafkajs decodes it. */
export interface ClusterMetadata {
  clusterId?: string | null;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  topicMetadata: { topic: string; partitionMetadata: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas?: number[] }[] }[];
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
}

/** Kafka's isolation levels as the wire carries them. */
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

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
    // Every request below names its isolation level; this is only kafkajs's default.
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

/**
 * Borrows a connected Cluster for `fn`; every failure comes out as an ApiError (`mapError` may
 * refine it), and a Cluster that failed at the connection level is not reused.
 */
export async function withPooledCluster<T>(ref: ClusterRef, fn: (c: KafkaCluster) => Promise<T>, mapError: (e: ReturnType<typeof toApiError>) => Error = (e) => e): Promise<T> {
  let cluster: KafkaCluster | undefined;
  let healthy = true;
  try {
    cluster = await acquire(ref);
    return await fn(cluster);
  } catch (e) {
    const err = toApiError(e, ref);
    if (RECONNECT_ON.has(err.code)) healthy = false;
    throw mapError(err);
  } finally {
    if (cluster) release(ref, cluster, healthy);
  }
}

/** ListOffsets on one broker for many partitions: -2 earliest, -1 latest (the LSO under READ_COMMITTED). */
export async function listOffsetsOn(broker: KafkaBroker, perTopic: Map<string, number[]>, timestamp: string, isolationLevel: number): Promise<ListOffsetsTopic[]> {
  const res = await broker.listOffsets({
    replicaId: -1,
    isolationLevel,
    topics: [...perTopic].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp })) })),
  });
  return res.responses;
}

export interface FetchRequest {
  isolationLevel: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
}

/**
 * Fetch through kafkajs's connection and request encoder, with the response's records left as
 * raw bytes (fetch-response.ts): kafkajs's own decoding builds an object per record of the whole
 * response, which dominated deep reads and scans. Partition errors throw as kafkajs's do.
 */
export async function fetchOn(broker: KafkaBroker, req: FetchRequest): Promise<RawFetchResponse> {
  const built = broker.lookupRequest(apiKeys.Fetch, kafkajsRequests.requests.Fetch)({ replicaId: -1, ...req });
  const version = built.request.apiVersion;
  const protocol: KafkaProtocolRequest = {
    ...built,
    response: { decode: async (payload) => decodeFetchResponse(payload, version), parse: (data) => checkFetchErrors(data) },
  };
  try {
    return (await broker.connectionPool.send(protocol)) as RawFetchResponse;
  } catch (e) {
    // As kafkajs's Broker does for its own requests: a closed connection is reopened next time.
    if ((e as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
    throw e;
  }
}
