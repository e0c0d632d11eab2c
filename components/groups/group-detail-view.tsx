'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { groupCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { useCan } from '@/lib/queries/access';
import { clustersQuery } from '@/lib/queries/cluster';
import { groupQuery, useDeleteGroup, useDeleteGroupTopicOffsets } from '@/lib/queries/groups';
import { Button } from '../ui/button';
import { Card, Stat } from '../ui/card';
import { ConfirmNameDialog } from '../ui/confirm-name-dialog';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton, TableSkeleton } from '../ui/skeleton';
import { MembersTable, OffsetsTable } from './group-tables';
import { LagChart } from './lag-chart';
import { LagTimeTable } from './lag-time-table';
import { ResetOffsetsDialog } from './reset-offsets-dialog';
import { StateBadge } from './state-badge';

export function GroupDetailView({ groupId, cluster }: { groupId: string; cluster?: string }) {
  const router = useRouter();
  const q = useQuery(groupQuery(cluster, groupId));
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const del = useDeleteGroup(cluster);
  const delOffsets = useDeleteGroupTopicOffsets(cluster, groupId);
  const [resetting, setResetting] = useState(false);
  const can = useCan(cluster);
  const [deleting, setDeleting] = useState(false);
  // The topic whose committed offsets are about to be deleted.
  const [offsetsTopic, setOffsetsTopic] = useState<string | null>(null);
  const d = q.data;
  const crumbs = (
    <Link className="hover:underline" href={withCluster('/consumers', cluster)}>
      Consumer groups
    </Link>
  );
  if (q.isError) {
    return (
      <>
        <PageHeader title={groupId} subtitle={crumbs} />
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what={`group “${groupId}”`} />
      </>
    );
  }
  const empty = d ? d.members.length === 0 : false;
  return (
    <>
      <PageHeader
        title={
          <>
            {groupId} {d && <StateBadge state={d.state} />}
          </>
        }
        subtitle={crumbs}
        actions={
          <>
            <CopyCli commands={groupCommands(brokers, groupId)} />
            {can('group.reset-offsets') && (
              <Button onClick={() => setResetting(true)} disabled={!d} title={empty ? undefined : 'Preview works any time; applying needs an empty group'}>
                Reset offsets
              </Button>
            )}
            {can('group.delete') && (
              <Button
                variant="danger"
                disabled={!d || !empty || del.isPending}
                title={empty ? undefined : 'Stop the consumers first'}
                onClick={() => setDeleting(true)}
              >
                Delete group
              </Button>
            )}
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {d ? (
          <>
            <Stat label="Total lag" value={formatInt(d.totalLag)} />
            <Stat label="Members" value={d.members.length} />
            <Stat label="Topics" value={new Set(d.offsets.map((o) => o.topic)).size} />
            {d.type === 'consumer' ? (
              <Stat
                label="Type"
                value={<span className="text-base">consumer (KIP-848)</span>}
                hint={`assignor ${d.assignor ?? '—'} · group epoch ${d.groupEpoch ?? '—'} · assignment epoch ${d.assignmentEpoch ?? '—'}`}
              />
            ) : (
              <Stat
                label="Type"
                value={<span className="text-base">classic</span>}
                hint={[d.protocolType, d.protocol].filter(Boolean).join(' / ') || undefined}
              />
            )}
          </>
        ) : (
          Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-[84px]" />)
        )}
      </div>
      <div className="space-y-6">
        <LagChart groupId={groupId} cluster={cluster} />
        <LagTimeTable groupId={groupId} cluster={cluster} />
        <Card title="Offsets and lag">
          {d ? (
            <OffsetsTable
              offsets={d.offsets}
              cluster={cluster}
              onDeleteTopic={
                empty && can('group.delete-offsets')
                  ? (t) => {
                      delOffsets.reset();
                      setOffsetsTopic(t);
                    }
                  : undefined
              }
            />
          ) : (
            <TableSkeleton cols={6} />
          )}
        </Card>
        <Card title="Members">{d ? <MembersTable members={d.members} consumerProtocol={d.type === 'consumer'} /> : <TableSkeleton rows={2} cols={4} />}</Card>
      </div>
      <ConfirmNameDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete consumer group ${groupId}`}
        name={groupId}
        nameLabel="Group id"
        action="Delete group"
        pending={del.isPending}
        error={del.isError ? del.error : null}
        onConfirm={() => del.mutate(groupId, { onSuccess: () => router.push(withCluster('/consumers', cluster)) })}
      >
        <p>This deletes the group and all its committed offsets; its consumers would start again from their auto.offset.reset position.</p>
      </ConfirmNameDialog>
      <ConfirmNameDialog
        open={offsetsTopic !== null}
        onClose={() => setOffsetsTopic(null)}
        title={`Delete ${groupId}'s offsets on ${offsetsTopic ?? ''}`}
        name={offsetsTopic ?? ''}
        nameLabel="Topic name"
        action="Delete offsets"
        pending={delOffsets.isPending}
        error={delOffsets.isError ? delOffsets.error : null}
        onConfirm={() => offsetsTopic && delOffsets.mutate(offsetsTopic, { onSuccess: () => setOffsetsTopic(null) })}
      >
        <p>
          This deletes the committed offsets of group {groupId} on topic {offsetsTopic}; the group keeps its offsets on other topics.
        </p>
      </ConfirmNameDialog>
      {d && (
        <ResetOffsetsDialog
          open={resetting}
          onClose={() => {
            setResetting(false);
            void q.refetch();
          }}
          groupId={groupId}
          topics={[...new Set(d.offsets.map((o) => o.topic))]}
          cluster={cluster}
          brokers={brokers}
        />
      )}
    </>
  );
}
