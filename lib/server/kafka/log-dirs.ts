import 'server-only';
import type { Admin, DescribeLogDirsOptions } from '@platformatic/kafka';
import type { ClusterRef } from '../../dto';
import { withPlatformaticAdmin } from './platformatic-admin';

/**
 * Partition sizes from DescribeLogDirs (kafkajs has no such call), asked once per broker
 * however many topics there are. A cluster may refuse it (it needs DESCRIBE on the cluster) or
 * not know it; then sizes are unknown, which the console shows as such, never as 0.
 */
export interface BrokerLogDirs {
  /** bytes of every partition log it holds, across its log dirs (future replicas included: they are on disk too) */
  bytes: bigint;
  /** -1 when the broker does not report its file systems (DescribeLogDirs before v4) */
  totalBytes: bigint;
  usableBytes: bigint;
  dirs: { path: string; error: string | null }[];
}

export interface LogDirSizes {
  /** topic → partition → broker → bytes of that replica (current replicas only) */
  replicas: Map<string, Map<number, Map<number, bigint>>>;
  brokers: Map<number, BrokerLogDirs>;
}

type DescribeLogDirsRequestTopic = DescribeLogDirsOptions['topics'][number];

export type LogDirsResult = { ok: true; sizes: LogDirSizes } | { ok: false; reason: string };

/** Kafka's log-dir level error codes the response may carry. */
const DIR_ERRORS: Record<number, string> = { 56: 'KAFKA_STORAGE_ERROR', 31: 'CLUSTER_AUTHORIZATION_FAILED' };

/**
 * `topics` null asks for every partition of every topic (Kafka's null array), in one request per
 * broker. @platformatic/kafka's schema wants a non-empty list but only checks it in strict mode,
 * which the console's client does not use, and its encoder writes null as the null array.
 */
export async function describeLogDirs(cluster: ClusterRef, topics: DescribeLogDirsRequestTopic[] | null): Promise<LogDirsResult> {
  return withPlatformaticAdmin(cluster, (admin) => readLogDirs(admin, topics)).catch((e: Error) => refusal(e));
}

function refusal(e: Error): LogDirsResult {
  return { ok: false, reason: `The cluster did not describe its log dirs (DescribeLogDirs needs DESCRIBE on the cluster): ${e.message}` };
}

/** As describeLogDirs, on an admin client the caller already has; never throws. */
export async function readLogDirs(admin: Admin, topics: DescribeLogDirsRequestTopic[] | null): Promise<LogDirsResult> {
  try {
    const answers = await admin.describeLogDirs({ topics: topics as DescribeLogDirsRequestTopic[] });
    const sizes: LogDirSizes = { replicas: new Map(), brokers: new Map() };
    for (const answer of answers) {
      const broker: BrokerLogDirs = { bytes: 0n, totalBytes: -1n, usableBytes: -1n, dirs: [] };
      for (const dir of answer.results as ((typeof answer.results)[number] & { errorCode?: number })[]) {
        broker.dirs.push({ path: dir.logDir, error: dir.errorCode ? (DIR_ERRORS[dir.errorCode] ?? `error ${dir.errorCode}`) : null });
        if (dir.totalBytes >= 0n) broker.totalBytes = (broker.totalBytes < 0n ? 0n : broker.totalBytes) + dir.totalBytes;
        if (dir.usableBytes >= 0n) broker.usableBytes = (broker.usableBytes < 0n ? 0n : broker.usableBytes) + dir.usableBytes;
        for (const t of dir.topics) {
          const perPartition = sizes.replicas.get(t.name) ?? new Map<number, Map<number, bigint>>();
          for (const p of t.partitions) {
            broker.bytes += p.partitionSize;
            if (p.isFutureKey) continue;
            const perBroker = perPartition.get(p.partitionIndex) ?? new Map<number, bigint>();
            perBroker.set(answer.broker, p.partitionSize);
            perPartition.set(p.partitionIndex, perBroker);
          }
          sizes.replicas.set(t.name, perPartition);
        }
      }
      sizes.brokers.set(answer.broker, broker);
    }
    return { ok: true, sizes };
  } catch (e) {
    return refusal(e as Error);
  }
}

/** The size of one partition: its leader's copy, or the largest copy reported when the leader's is missing. */
export function partitionSize(sizes: LogDirSizes, topic: string, partition: number, leader: number): bigint | null {
  const perBroker = sizes.replicas.get(topic)?.get(partition);
  if (!perBroker || perBroker.size === 0) return null;
  const own = perBroker.get(leader);
  if (own !== undefined) return own;
  return [...perBroker.values()].reduce((a, b) => (b > a ? b : a));
}

/** Sum of the partitions' sizes; a partition no broker reported counts as 0 (a fresh, empty log may not be listed). */
export function topicSize(sizes: LogDirSizes, topic: string, partitions: { partitionId: number; leader: number }[]): bigint {
  return partitions.reduce((sum, p) => sum + (partitionSize(sizes, topic, p.partitionId, p.leader) ?? 0n), 0n);
}
