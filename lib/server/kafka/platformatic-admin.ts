import 'server-only';
import { Admin } from '@platformatic/kafka';
import type { ClusterRef } from '../../dto';
import { platformaticSecurity } from './client-options';
import { toApiError } from './errors';

/**
 * A short-lived @platformatic/kafka admin client for what kafkajs cannot do the way
 * Kafka's own AdminClient does (OffsetCommit without a member, OffsetDelete,
 * IncrementalAlterConfigs with the broker's error message kept, and the transaction APIs).
 */
export async function withPlatformaticAdmin<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ clientId: 'kayak-console', bootstrapBrokers: cluster.brokers, timeout: 10_000, retries: 1, retryDelay: 200, ...platformaticSecurity(cluster) });
  try {
    return await fn(admin);
  } catch (e) {
    throw toApiError(e, cluster);
  } finally {
    await admin.close().catch(() => undefined);
  }
}
