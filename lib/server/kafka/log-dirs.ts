import 'server-only';
import { encodeDescribeLogDirsRequest, type DescribeLogDirsRequest } from '../../../broker/protocol/messages/describe-log-dirs-request.ts';
import {
  decodeDescribeLogDirsResponse,
  type DescribeLogDirsResponse,
  type DescribeLogDirsResult,
} from '../../../broker/protocol/messages/describe-log-dirs-response.ts';
import type { ClusterRef } from '../../dto';
import type { KafkaCluster } from './kafkajs-cluster';
import { withPooledCluster } from './kafkajs-pool';
import { brokerById, errorName, nodeIds, send, throwIfError, type WireApi } from './wire';

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

/** The partitions asked about; `null` instead of a list asks for every partition of every topic. */
export interface LogDirsTopic {
  name: string;
  partitions: number[];
}

export type LogDirsResult = { ok: true; sizes: LogDirSizes } | { ok: false; reason: string };

const DescribeLogDirs: WireApi<DescribeLogDirsRequest, DescribeLogDirsResponse> = {
  apiKey: 35,
  minVersion: 0,
  maxVersion: 4,
  encode: encodeDescribeLogDirsRequest,
  decode: decodeDescribeLogDirsResponse,
};

/** Sizes of `topics` (all of them when null), on a pooled connection; never throws. */
export async function describeLogDirs(cluster: ClusterRef, topics: LogDirsTopic[] | null): Promise<LogDirsResult> {
  return withPooledCluster(cluster, (c) => logDirsOn(c, topics)).catch((e: Error) => refusal(e));
}

function refusal(e: Error): LogDirsResult {
  return { ok: false, reason: `The cluster did not describe its log dirs (DescribeLogDirs needs DESCRIBE on the cluster): ${e.message}` };
}

/**
 * As describeLogDirs, on a Cluster the caller already borrowed (the topic list asks it next to
 * its other requests); never throws. Every broker answers for its own disks only, so all are
 * asked; one that fails makes the sizes unknown rather than silently short.
 */
export async function logDirsOn(cluster: KafkaCluster, topics: LogDirsTopic[] | null): Promise<LogDirsResult> {
  try {
    const request: DescribeLogDirsRequest = { topics: topics?.map((t) => ({ topic: t.name, partitions: t.partitions })) ?? null };
    const answers = await Promise.all(
      (await nodeIds(cluster)).map(async (nodeId) => {
        const res = await send(await brokerById(cluster, nodeId), DescribeLogDirs, request);
        // v3+ says CLUSTER_AUTHORIZATION_FAILED here; earlier versions answer an empty list.
        throwIfError(res.errorCode);
        return { broker: nodeId, results: res.results };
      }),
    );
    return { ok: true, sizes: sizesOf(answers) };
  } catch (e) {
    return refusal(e as Error);
  }
}

/** One broker's answer. */
type BrokerAnswer = { broker: number; results: DescribeLogDirsResult[] };

function sizesOf(answers: BrokerAnswer[]): LogDirSizes {
  const sizes: LogDirSizes = { replicas: new Map(), brokers: new Map() };
  for (const answer of answers) {
    const broker: BrokerLogDirs = { bytes: 0n, totalBytes: -1n, usableBytes: -1n, dirs: [] };
    for (const dir of answer.results) {
      broker.dirs.push({ path: dir.logDir, error: dir.errorCode ? errorName(dir.errorCode) : null });
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
  return sizes;
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
