import 'server-only';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { ClusterRef } from '../../dto';
import { ApiError } from '../../api-error';
import { kafkajsSecurity } from './client-options';
import { toApiError } from './errors';

/**
 * One connected kafkajs admin client per cluster, shared by all requests. A client whose call
 * fails with a connection-level error is dropped, so the next request reconnects from scratch:
 * that is how the console recovers when a cluster comes back.
 */
interface Entry {
  admin: Admin;
  connected: Promise<void>;
}

export const REQUEST_TIMEOUT_MS = Number(process.env.KAYAK_REQUEST_TIMEOUT_MS ?? 10_000);

const store = globalThis as typeof globalThis & { __kayakAdmins?: Map<string, Entry> };
const admins = (store.__kayakAdmins ??= new Map<string, Entry>());

/** A kafkajs client for the cluster, with its TLS/SASL settings; throws ApiError on a config problem. */
export function kafkaFor(cluster: ClusterRef): Kafka {
  return new Kafka({
    clientId: 'kayak-console',
    brokers: cluster.brokers,
    ...kafkajsSecurity(cluster),
    connectionTimeout: 3000,
    requestTimeout: REQUEST_TIMEOUT_MS,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  });
}

function entryFor(cluster: ClusterRef): Entry {
  let entry = admins.get(cluster.id);
  if (!entry) {
    const admin = kafkaFor(cluster).admin({ retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 } });
    entry = { admin, connected: admin.connect() };
    // A failed connect is reported through withAdmin; keep it from surfacing as an unhandled rejection.
    entry.connected.catch(() => undefined);
    admins.set(cluster.id, entry);
  }
  return entry;
}

/** Failures after which the client is rebuilt on the next request, so the console recovers on its own. */
export const RECONNECT_ON: ReadonlySet<string> = new Set(['cluster_unreachable', 'cluster_auth_failed', 'cluster_tls_error', 'timeout', 'internal']);

function drop(cluster: ClusterRef, entry: Entry): void {
  if (admins.get(cluster.id) === entry) admins.delete(cluster.id);
  entry.admin.disconnect().catch(() => undefined);
}

function withTimeout<T>(p: Promise<T>, ms: number, cluster: ClusterRef): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError('timeout', `Cluster "${cluster.name}" did not answer within ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `fn` with the cluster's admin client; every failure comes out as an ApiError.
 *
 * kafkajs's admin remembers every topic it was asked about and refreshes their metadata
 * before later calls; once one of them is deleted by another client, every call fails with
 * UNKNOWN_TOPIC_OR_PARTITION. So a "not found" from the client (not one of our own checks)
 * is retried once on a fresh client, which knows only the topics of this call.
 */
export async function withAdmin<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T> {
  try {
    return await attempt(cluster, fn);
  } catch (e) {
    if (!(e instanceof StaleTopicsError)) throw e;
    return attempt(cluster, fn).catch((again: unknown) => {
      throw again instanceof StaleTopicsError ? again.cause : again;
    });
  }
}

class StaleTopicsError extends Error {
  constructor(override readonly cause: ApiError) {
    super(cause.message);
  }
}

async function attempt<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const entry = entryFor(cluster);
  try {
    await withTimeout(entry.connected, REQUEST_TIMEOUT_MS, cluster);
    return await withTimeout(fn(entry.admin), REQUEST_TIMEOUT_MS * 2, cluster);
  } catch (e) {
    const err = toApiError(e, cluster);
    if (RECONNECT_ON.has(err.code)) drop(cluster, entry);
    if (err.code === 'not_found' && !(e instanceof ApiError)) {
      drop(cluster, entry);
      throw new StaleTopicsError(err);
    }
    throw err;
  }
}
