import 'server-only';
import type { ClusterRef, OverviewDto } from '../../dto';
import { withAdmin } from './admin';
import { isInternalTopic } from './dto';
import { listGroupIds } from './groups';

export async function clusterOverview(cluster: ClusterRef): Promise<OverviewDto> {
  const base = await withAdmin(cluster, async (admin) => {
    const described = await admin.describeCluster();
    const names = await admin.listTopics();
    const { topics } = names.length ? await admin.fetchTopicMetadata({ topics: names }) : { topics: [] };
    const partitions = topics.flatMap((t) => t.partitions);
    return {
      cluster,
      clusterId: described.clusterId,
      controllerId: described.controller,
      brokers: described.brokers
        .map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: null, controller: b.nodeId === described.controller }))
        .sort((a, b) => a.id - b.id),
      topicCount: names.filter((n) => !isInternalTopic(n)).length,
      internalTopicCount: names.filter(isInternalTopic).length,
      partitionCount: partitions.length,
      underReplicatedPartitions: partitions.filter((p) => p.isr.length < p.replicas.length).length,
    };
  });
  try {
    const ids = await listGroupIds(cluster);
    return { ...base, groupCount: ids.length };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'unsupported' && code !== 'internal') throw e;
    return { ...base, groupCount: null, groupsUnsupportedReason: (e as Error).message };
  }
}
