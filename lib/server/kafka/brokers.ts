import 'server-only';
import { ApiError } from '../../api-error';
import type { BrokerDetailDto, BrokerListDto, BrokerSummaryDto, ClusterRef, KafkaVersionDto } from '../../dto';
import { withAdmin } from './admin';
import { brokerConfigs } from './configs';
import { logDirsOn, type LogDirsResult } from './log-dirs';
import { withPooledCluster, type ClusterMetadata, type KafkaBroker } from './kafkajs-pool';

/**
 * The brokers page: who is in the cluster (Metadata: host, port, rack, controller), what each
 * one leads and holds (Metadata over all topics), and its bytes on disk (one DescribeLogDirs per
 * broker for every partition). A cluster refusing DescribeLogDirs gets sizes shown as unknown.
 */
interface Listed {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerSummaryDto[];
  logDirs: LogDirsResult;
}

function summarizeBrokers(meta: ClusterMetadata, logDirs: LogDirsResult): BrokerSummaryDto[] {
  const controllerId = meta.controllerId ?? null;
  return meta.brokers
    .map((b) => {
      let leaderPartitions = 0;
      let replicas = 0;
      for (const t of meta.topicMetadata) {
        for (const p of t.partitionMetadata) {
          if (p.leader === b.nodeId) leaderPartitions++;
          if (p.replicas.includes(b.nodeId)) replicas++;
        }
      }
      const dirs = logDirs.ok ? logDirs.sizes.brokers.get(b.nodeId) : undefined;
      return {
        id: b.nodeId,
        host: b.host,
        port: b.port,
        rack: b.rack || null,
        controller: b.nodeId === controllerId,
        leaderPartitions,
        replicas,
        sizeBytes: dirs ? dirs.bytes.toString() : null,
        diskTotalBytes: dirs && dirs.totalBytes >= 0n ? dirs.totalBytes.toString() : null,
        diskUsableBytes: dirs && dirs.usableBytes >= 0n ? dirs.usableBytes.toString() : null,
        logDirs: dirs?.dirs ?? [],
      };
    })
    .sort((a, b) => a.id - b.id);
}

async function listed(cluster: ClusterRef): Promise<Listed> {
  const [meta, logDirs] = await withPooledCluster(cluster, (c) => Promise.all([c.metadata(), logDirsOn(c, null)]));
  return { clusterId: meta.clusterId ?? null, controllerId: meta.controllerId ?? null, brokers: summarizeBrokers(meta, logDirs), logDirs };
}

export async function listBrokers(cluster: ClusterRef): Promise<BrokerListDto> {
  const { logDirs, ...rest } = await listed(cluster);
  return { ...rest, ...(!logDirs.ok && { sizeUnknownReason: logDirs.reason }) };
}

/**
 * Kafka reports no release version over its protocol, so this only guesses from the API versions
 * a broker offers, and says so. The one line drawn is Kafka 4.0's removal of Fetch v0–v3
 * (KIP-896): every earlier release offers Fetch v0, none from 4.0 on does. (Produce cannot draw it:
 * 4.x still lists Produce v0–v2 in ApiVersions for librdkafka's sake, KAFKA-18659.)
 */
export function guessVersion(versions: KafkaBroker['versions']): KafkaVersionDto {
  const fetch = versions?.[1];
  if (!fetch) return { reported: null, guess: null, basis: 'The broker did not list its API versions.' };
  const range = `Fetch v${fetch.minVersion}–v${fetch.maxVersion}`;
  if (fetch.minVersion >= 4) {
    return {
      reported: null,
      guess: '4.0 or later',
      basis: `Guessed from ApiVersions: the broker offers ${range}, without v0–v3, which Kafka dropped in 4.0 (KIP-896).`,
    };
  }
  return {
    reported: null,
    guess: 'before 4.0',
    basis: `Guessed from ApiVersions: the broker offers ${range}; Kafka releases before 4.0 still offer Fetch v0.`,
  };
}

async function apiVersionsOf(cluster: ClusterRef, id: number): Promise<KafkaBroker['versions']> {
  return withPooledCluster(cluster, async (c) => (await c.findBroker({ nodeId: String(id) })).versions ?? null);
}

export async function describeBroker(cluster: ClusterRef, id: number): Promise<BrokerDetailDto> {
  const all = await listed(cluster);
  const broker = all.brokers.find((b) => b.id === id);
  if (!broker)
    throw new ApiError('not_found', `Broker ${id} is not in cluster "${cluster.name}" (brokers: ${all.brokers.map((b) => b.id).join(', ') || 'none'})`);
  const [versions, configs] = await Promise.all([
    apiVersionsOf(cluster, id).catch(() => null),
    brokerConfigs(cluster, id).then(
      (entries) => ({ entries, error: undefined }),
      (e: Error) => ({ entries: null, error: e.message }),
    ),
  ]);
  return {
    broker,
    clusterId: all.clusterId,
    version: guessVersion(versions),
    configs: configs.entries,
    ...(configs.error !== undefined && { configsError: configs.error }),
    ...(!all.logDirs.ok && { sizeUnknownReason: all.logDirs.reason }),
  };
}

/** Throws not_found unless the cluster lists broker `id` (a Metadata without topics: cheap at any size). */
export async function assertBrokerExists(cluster: ClusterRef, id: number): Promise<void> {
  const { brokers } = await withAdmin(cluster, (admin) => admin.describeCluster());
  if (!brokers.some((b) => b.nodeId === id)) throw new ApiError('not_found', `Broker ${id} is not in cluster "${cluster.name}"`);
}
