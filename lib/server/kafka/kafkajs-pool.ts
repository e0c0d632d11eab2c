import 'server-only';
import apiKeys from 'kafkajs/src/protocol/requests/apiKeys.js';
import kafkajsRequests from 'kafkajs/src/protocol/requests/index.js';
import { parse as checkFetchErrors } from 'kafkajs/src/protocol/requests/fetch/v1/response.js';
import type { ClusterRef } from '../../dto';
import { kafkajsSecurity } from './client-options';
import { RECONNECT_ON, REQUEST_TIMEOUT_MS } from './admin';
import { toApiError } from './errors';
import { createKafkajsCluster, type KafkaBroker, type KafkaCluster, type KafkaProtocolRequest } from './kafkajs-cluster';

export { READ_COMMITTED, READ_UNCOMMITTED } from './kafkajs-cluster';
export type { ClusterMetadata, KafkaBroker, KafkaCluster } from './kafkajs-cluster';
import { decodeFetchResponse, type RawFetchResponse } from './fetch-response';

/**
 * A small per-cluster pool of connected kafkajs internal Clusters (created in kafkajs-cluster.ts),
 * for the requests kafkajs's public API cannot make the way the console needs them (Fetch without
 * a group, ListOffsets with an explicit isolation level). Everything kafkajs-internal stays in
 * kafkajs-cluster.ts, this file, codecs.ts and legacy-message-set.ts, so they can be swapped for
 * another client. A Cluster whose request failed at the connection level is thrown away instead
 * of being given back.
 */
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
  return createKafkajsCluster({
    ...kafkajsSecurity(ref),
    brokers: ref.brokers,
    clientId: 'kayak-console-viewer',
    requestTimeout: REQUEST_TIMEOUT_MS,
    retries: 1,
  });
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
export async function withPooledCluster<T>(
  ref: ClusterRef,
  fn: (c: KafkaCluster) => Promise<T>,
  mapError: (e: ReturnType<typeof toApiError>) => Error = (e) => e,
): Promise<T> {
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
