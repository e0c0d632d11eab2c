import 'server-only';
import { Admin } from '@platformatic/kafka';
import type { ClusterRef } from '../../dto';
import { platformaticSecurity } from './client-options';
import { RECONNECT_ON, REQUEST_TIMEOUT_MS } from './admin';
import { toApiError } from './errors';

/**
 * One connected @platformatic/kafka admin client per cluster, shared by all requests, for what
 * kafkajs cannot do the way Kafka's own AdminClient does (batched OffsetFetch v8 and
 * FindCoordinator, ListGroups v5, OffsetCommit without a member, OffsetDelete,
 * IncrementalAlterConfigs with the broker's error message kept, the transaction APIs). Keeping it
 * keeps its connections: a client per request paid a connect, ApiVersions and Metadata every
 * time. As with the kafkajs admin, a client whose call failed at the connection level is dropped
 * so the next request reconnects.
 */
const store = globalThis as typeof globalThis & { __kayakPlatformaticAdmins?: Map<string, Admin> };
const admins = (store.__kayakPlatformaticAdmins ??= new Map<string, Admin>());

function adminFor(cluster: ClusterRef): Admin {
  let admin = admins.get(cluster.id);
  if (!admin) {
    admin = new Admin({
      clientId: 'kayak-console',
      bootstrapBrokers: cluster.brokers,
      timeout: REQUEST_TIMEOUT_MS,
      retries: 1,
      retryDelay: 200,
      // Cluster metadata (brokers, leaders) is reused this long; offsets are always asked anew.
      metadataMaxAge: 2_000,
      ...platformaticSecurity(cluster),
    });
    admins.set(cluster.id, admin);
  }
  return admin;
}

function drop(cluster: ClusterRef, admin: Admin): void {
  if (admins.get(cluster.id) === admin) admins.delete(cluster.id);
  admin.close().catch(() => undefined);
}

export async function withPlatformaticAdmin<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = adminFor(cluster);
  try {
    return await fn(admin);
  } catch (e) {
    const err = toApiError(e, cluster);
    if (RECONNECT_ON.has(err.code)) drop(cluster, admin);
    throw err;
  }
}
