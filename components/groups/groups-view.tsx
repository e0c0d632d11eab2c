'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { groupListCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { clustersQuery } from '@/lib/queries/cluster';
import { groupsQuery } from '@/lib/queries/groups';
import { Card } from '../ui/card';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { StateBadge } from './state-badge';

export function GroupsView({ cluster }: { cluster?: string }) {
  const q = useQuery(groupsQuery(cluster));
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const [filter, setFilter] = useState('');
  const rows = (q.data ?? []).filter((g) => g.groupId.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <PageHeader
        title="Consumer groups"
        subtitle={q.data ? `${q.data.length} groups` : q.isError ? undefined : 'Loading…'}
        actions={<CopyCli commands={groupListCommands(brokers)} />}
      />
      <Card
        title={
          <Input aria-label="Filter groups" placeholder="Filter by group id…" value={filter} onChange={(e) => setFilter(e.target.value)} className="h-8 w-64" />
        }
      >
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="consumer groups" />
          </div>
        ) : q.data ? (
          <Table label="Consumer groups">
            <thead>
              <tr>
                <Th>Group</Th>
                <Th>Type</Th>
                <Th>State</Th>
                <Th numeric>Members</Th>
                <Th>Protocol</Th>
                <Th>Topics</Th>
                <Th numeric>Total lag</Th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <EmptyRow colSpan={7}>{q.data.length === 0 ? 'No consumer groups on this cluster.' : 'No group matches the filter.'}</EmptyRow>
              )}
              {rows.map((g) => (
                <tr key={g.groupId}>
                  <Td>
                    <Link
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      href={withCluster(`/consumer/${encodeURIComponent(g.groupId)}`, cluster)}
                    >
                      {g.groupId}
                    </Link>
                  </Td>
                  <Td className="text-xs">{g.type}</Td>
                  <Td>
                    <StateBadge state={g.state} />
                  </Td>
                  <Td numeric>{g.members}</Td>
                  <Td className="text-xs text-zinc-500">{[g.protocolType, g.protocol].filter(Boolean).join(' / ') || '—'}</Td>
                  <Td className="text-xs">{g.topics.join(', ') || '—'}</Td>
                  <Td numeric>{formatInt(g.totalLag)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton cols={7} />
        )}
      </Card>
    </>
  );
}
