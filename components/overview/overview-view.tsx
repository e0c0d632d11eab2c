'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { clusterCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { overviewQuery } from '@/lib/queries/cluster';
import { Badge } from '../ui/badge';
import { Card, Stat } from '../ui/card';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton, TableSkeleton } from '../ui/skeleton';
import { Table, Td, Th } from '../ui/table';

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
        subtitle={d ? <>Cluster id <code className="font-mono">{d.clusterId}</code> · bootstrap {d.cluster.brokers.join(', ')}</> : <Skeleton className="h-4 w-64" />}
        actions={d && <CopyCli commands={clusterCommands(d.cluster.brokers)} />}
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        {d ? (
          <>
            <Stat label="Brokers" value={d.brokers.length} hint={d.controllerId !== null ? `controller: ${d.controllerId}` : 'no controller'} />
            <Stat label="Topics" value={<Link href={withCluster('/topics', cluster)} className="hover:underline">{formatInt(d.topicCount)}</Link>} hint={`+ ${d.internalTopicCount} internal`} />
            <Stat label="Partitions" value={formatInt(d.partitionCount)} />
            <Stat label="Under-replicated" value={formatInt(d.underReplicatedPartitions)} tone={d.underReplicatedPartitions > 0 ? 'bad' : undefined} />
            <Stat
              label="Consumer groups"
              value={d.groupCount === null ? 'n/a' : <Link href={withCluster('/consumers', cluster)} className="hover:underline">{formatInt(d.groupCount)}</Link>}
              hint={d.groupCount === null ? 'not supported by this cluster' : undefined}
            />
          </>
        ) : (
          Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-[84px]" />)
        )}
      </div>
      <Card title="Brokers">
        {d ? (
          <Table label="Brokers">
            <thead>
              <tr>
                <Th>ID</Th>
                <Th>Host</Th>
                <Th numeric>Port</Th>
                <Th>Rack</Th>
                <Th>Role</Th>
              </tr>
            </thead>
            <tbody>
              {d.brokers.map((b) => (
                <tr key={b.id}>
                  <Td className="font-mono">{b.id}</Td>
                  <Td className="font-mono">{b.host}</Td>
                  <Td numeric>{b.port}</Td>
                  <Td>{b.rack ?? <span className="text-zinc-400">—</span>}</Td>
                  <Td>{b.controller ? <Badge tone="info">controller</Badge> : <Badge>broker</Badge>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton rows={2} cols={5} />
        )}
      </Card>
    </>
  );
}
