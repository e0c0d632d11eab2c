/**
 * Which broker coordinates each group or transactional id: one FindCoordinator for all keys
 * (v4+ takes many, KIP-699), or one per key from brokers that speak only v0-3. No `server-only`:
 * plain requests over wire.ts.
 */
import { encodeFindCoordinatorRequest } from '../../../broker/protocol/messages/find-coordinator-request.ts';
import { decodeFindCoordinatorResponse } from '../../../broker/protocol/messages/find-coordinator-response.ts';
import { ErrorCode } from '../../../broker/protocol/error-codes.ts';
import type { KafkaBroker, KafkaCluster } from './kafkajs-cluster';
import { anyBroker, brokerById, negotiatedVersion, send, throwIfError, type WireApi } from './wire';

const FindCoordinator: WireApi<Parameters<typeof encodeFindCoordinatorRequest>[2], ReturnType<typeof decodeFindCoordinatorResponse>> = {
  apiKey: 10,
  minVersion: 1,
  maxVersion: 6,
  encode: encodeFindCoordinatorRequest,
  decode: decodeFindCoordinatorResponse,
};

/** Kafka's key types: consumer groups and transactional ids. */
export const KEY_TYPE = { group: 0, transaction: 1 } as const;

/**
 * key → coordinator node id. A key whose lookup fails (COORDINATOR_NOT_AVAILABLE while the
 * coordinator loads, an authorization error) throws as kafkajs's errors do.
 */
export async function findCoordinators(cluster: KafkaCluster, keyType: keyof typeof KEY_TYPE, keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return out;
  const broker = await anyBroker(cluster);
  const type = KEY_TYPE[keyType];
  if (negotiatedVersion(broker, FindCoordinator) >= 4) {
    const res = await send(broker, FindCoordinator, { key: '', keyType: type, coordinatorKeys: unique });
    for (const c of res.coordinators) {
      throwIfError(c.errorCode, c.errorMessage);
      out.set(c.key, c.nodeId);
    }
    return out;
  }
  await Promise.all(
    unique.map(async (key) => {
      const res = await send(broker, FindCoordinator, { key, keyType: type, coordinatorKeys: [] });
      throwIfError(res.errorCode, res.errorMessage);
      out.set(key, res.nodeId);
    }),
  );
  return out;
}

/** The keys grouped by their coordinator: node id → keys. */
export async function keysByCoordinator(cluster: KafkaCluster, keyType: keyof typeof KEY_TYPE, keys: string[]): Promise<Map<number, string[]>> {
  const byNode = new Map<number, string[]>();
  for (const [key, node] of await findCoordinators(cluster, keyType, keys)) {
    const list = byNode.get(node);
    if (list) list.push(key);
    else byNode.set(node, [key]);
  }
  return byNode;
}

/** The connected coordinator of one key (COORDINATOR_NOT_AVAILABLE when the answer names none). */
export async function coordinatorOf(cluster: KafkaCluster, keyType: keyof typeof KEY_TYPE, key: string): Promise<KafkaBroker> {
  const node = (await findCoordinators(cluster, keyType, [key])).get(key);
  if (node === undefined) throwIfError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `No coordinator was named for "${key}"`);
  return brokerById(cluster, node!);
}
