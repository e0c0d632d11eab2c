'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { topicCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatBytes, formatInt } from '@/lib/format';
import { UnknownSize } from '../ui/unknown-size';
import { useCan } from '@/lib/queries/access';
import { clustersQuery } from '@/lib/queries/cluster';
import { topicQuery } from '@/lib/queries/topics';
import { Badge } from '../ui/badge';
import { Button, buttonClass } from '../ui/button';
import { Card, Stat } from '../ui/card';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton, TableSkeleton } from '../ui/skeleton';
import { AddPartitionsDialog } from './add-partitions-form';
import { ConfigTable } from './config-table';
import { DeleteTopicDialog } from './delete-topic-dialog';
import { PartitionTable } from './partition-table';
import { ProduceSparklines } from './produce-sparklines';
import { TopicGroups } from './topic-groups';
import { TopicProducers } from './topic-producers';

export function TopicDetailView({ name, cluster }: { name: string; cluster?: string }) {
  const q = useQuery(topicQuery(cluster, name));
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const [dialog, setDialog] = useState<'delete' | 'partitions' | null>(null);
  const can = useCan(cluster);
  const d = q.data;
  const crumbs = (
    <Link href={withCluster('/topics', cluster)} className="hover:underline">
      Topics
    </Link>
  );
  if (q.isError) {
    return (
      <>
        <PageHeader title={name} subtitle={crumbs} />
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what={`topic “${name}”`} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={
          <>
            {name} {d?.internal && <Badge>internal</Badge>}
          </>
        }
        subtitle={crumbs}
        actions={
          <>
            <Link className={buttonClass({ variant: 'primary' })} href={withCluster(`/topic/${encodeURIComponent(name)}/messages`, cluster)}>
              View messages
            </Link>
            <CopyCli commands={topicCommands(brokers, name)} />
            {can('topic.add-partitions') && (
              <Button onClick={() => setDialog('partitions')} disabled={!d}>
                Add partitions
              </Button>
            )}
            {can('topic.delete') && (
              <Button variant="danger" onClick={() => setDialog('delete')} disabled={!d}>
                Delete topic
              </Button>
            )}
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        {d ? (
          <>
            <Stat label="Partitions" value={d.partitions.length} />
            <Stat label="Replication factor" value={d.replicationFactor} />
            <Stat label="Messages" value={formatInt(d.messages)} hint="last − first offset, summed" />
            <Stat
              label="Size"
              value={d.sizeBytes === null ? <UnknownSize /> : <span title={`${formatInt(d.sizeBytes)} bytes`}>{formatBytes(d.sizeBytes)}</span>}
              hint={d.sizeUnknownReason ? <span title={d.sizeUnknownReason}>not reported by the cluster</span> : "leaders' copies, on disk"}
            />
            <Stat label="Under-replicated" value={d.underReplicatedPartitions} tone={d.underReplicatedPartitions ? 'bad' : undefined} />
          </>
        ) : (
          Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-[84px]" />)
        )}
      </div>
      <div className="space-y-6">
        <Card title="Partitions">{d ? <PartitionTable topic={name} partitions={d.partitions} cluster={cluster} /> : <TableSkeleton cols={9} rows={3} />}</Card>
        {d && <ProduceSparklines topic={name} cluster={cluster} partitions={d.partitions.length} />}
        {/* Only once the topic is known to exist: an unknown topic gets one "not found", not three. */}
        {d ? (
          <>
            <TopicGroups topic={name} cluster={cluster} />
            <TopicProducers topic={name} cluster={cluster} />
            <ConfigTable topic={name} cluster={cluster} brokers={brokers} />
          </>
        ) : (
          <Card title="Configuration">
            <TableSkeleton cols={2} rows={6} />
          </Card>
        )}
      </div>
      <DeleteTopicDialog open={dialog === 'delete'} onClose={() => setDialog(null)} topic={name} cluster={cluster} />
      {d && (
        <AddPartitionsDialog
          open={dialog === 'partitions'}
          onClose={() => setDialog(null)}
          topic={name}
          current={d.partitions.length}
          cluster={cluster}
          brokers={brokers}
        />
      )}
    </>
  );
}
