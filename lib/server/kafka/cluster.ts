import 'server-only';
import type { ClusterRef, OverviewDto } from '../../dto';
import { describeClusterOn } from './cluster-metadata';
import { isInternalTopic } from './dto';
import { listGroupIds } from './groups';
import { withPooledCluster } from './kafkajs-pool';

/** The overview: one Metadata of every topic (brokers, controller, topic and partition counts) and the groups' count, asked at once. */
export async function clusterOverview(cluster: ClusterRef): Promise<OverviewDto> {
  const groups = listGroupIds(cluster).then(
    (ids) => ({ groupCount: ids.length }),
    (e: unknown) => {
      const code = (e as { code?: string }).code;
      if (code !== 'unsupported' && code !== 'internal') throw e;
      return { groupCount: null, groupsUnsupportedReason: (e as Error).message };
    },
  );
  groups.catch(() => undefined);
  const described = await withPooledCluster(cluster, describeClusterOn);
  const names = described.topics.map((t) => t.name);
  const partitions = described.topics.flatMap((t) => t.partitions);
  return {
    cluster,
    clusterId: described.clusterId ?? '',
    controllerId: described.controllerId,
    brokers: described.brokers
      .map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack, controller: b.nodeId === described.controllerId }))
      .sort((a, b) => a.id - b.id),
    topicCount: names.filter((n) => !isInternalTopic(n)).length,
    internalTopicCount: names.filter(isInternalTopic).length,
    partitionCount: partitions.length,
    underReplicatedPartitions: partitions.filter((p) => p.isr.length < p.replicas.length).length,
    ...(await groups),
  };
}
