'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { clusterCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { overviewQuery } from '@/lib/queries/cluster';
import { Stat } from '../ui/card';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton } from '../ui/skeleton';
import { TopicList } from '../topics/topic-list';

export function OverviewView({ cluster }: { cluster?: string }) {
  const q = useQuery(overviewQuery(cluster));
  if (q.isError) {
    return (
      <>
        <PageHeader title="Cluster overview" />
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="the cluster overview" />
      </>
    );
  }
  const d = q.data;
  return (
    <>
      <PageHeader
        title={d ? d.cluster.name : 'Cluster overview'}
        subtitle={
          d ? (
            <>
              Cluster id <code className="font-mono">{d.clusterId}</code> · bootstrap {d.cluster.brokers.join(', ')}
            </>
          ) : (
            <Skeleton className="h-4 w-64" />
          )
        }
        actions={d && <CopyCli commands={clusterCommands(d.cluster.brokers)} />}
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        {d ? (
          <>
            <Stat
              label="Brokers"
              value={
                <Link href={withCluster('/brokers', cluster)} className="hover:underline">
                  {d.brokers.length}
                </Link>
              }
              hint={d.controllerId !== null ? `controller: ${d.controllerId}` : 'no controller'}
            />
            <Stat
              label="Topics"
              value={
                <Link href={withCluster('/topics', cluster)} className="hover:underline">
                  {formatInt(d.topicCount)}
                </Link>
              }
              hint={`+ ${d.internalTopicCount} internal`}
            />
            <Stat label="Partitions" value={formatInt(d.partitionCount)} />
            <Stat label="Under-replicated" value={formatInt(d.underReplicatedPartitions)} tone={d.underReplicatedPartitions > 0 ? 'bad' : undefined} />
            <Stat
              label="Consumer groups"
              value={
                d.groupCount === null ? (
                  'n/a'
                ) : (
                  <Link href={withCluster('/consumers', cluster)} className="hover:underline">
                    {formatInt(d.groupCount)}
                  </Link>
                )
              }
              hint={d.groupCount === null ? 'not supported by this cluster' : undefined}
            />
          </>
        ) : (
          Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-[84px]" />)
        )}
      </div>
      <TopicList cluster={cluster} />
    </>
  );
}
