'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { topicGroupsQuery } from '@/lib/queries/topics';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';

export function TopicGroups({ topic, cluster }: { topic: string; cluster?: string }) {
  const q = useQuery(topicGroupsQuery(cluster, topic));
  return (
    <Card title="Consumer groups reading this topic">
      {q.isError ? (
        <div className="p-4">
          <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="consumer groups" />
        </div>
      ) : q.data ? (
        <Table label="Consumer groups of topic">
          <thead>
            <tr>
              <Th>Group</Th>
              <Th numeric>Lag</Th>
            </tr>
          </thead>
          <tbody>
            {q.data.length === 0 && <EmptyRow colSpan={2}>No consumer group has committed offsets on this topic.</EmptyRow>}
            {q.data.map((g) => (
              <tr key={g.groupId}>
                <Td>
                  <Link
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                    href={withCluster(`/consumer/${encodeURIComponent(g.groupId)}`, cluster)}
                  >
                    {g.groupId}
                  </Link>
                </Td>
                <Td numeric>{formatInt(g.lag)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <TableSkeleton rows={2} cols={2} />
      )}
    </Card>
  );
}
