'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { TopicSummaryDto } from '@/lib/dto';
import { formatInt } from '@/lib/format';
import { Badge } from '../ui/badge';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { TopicLagCell } from './topic-lag-cell';

export function TopicTable({ topics, cluster, emptyText }: { topics: TopicSummaryDto[]; cluster?: string; emptyText: string }) {
  return (
    <Table label="Topics">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th numeric>Partitions</Th>
          <Th numeric>Replication</Th>
          <Th numeric>Under-replicated</Th>
          <Th numeric>Messages</Th>
          <Th numeric>Consumer lag</Th>
        </tr>
      </thead>
      <tbody>
        {topics.length === 0 && <EmptyRow colSpan={6}>{emptyText}</EmptyRow>}
        {topics.map((t) => (
          <tr key={t.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <Td>
              <Link href={withCluster(`/topic/${encodeURIComponent(t.name)}`, cluster)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {t.name}
              </Link>
              {t.internal && <Badge className="ml-2">internal</Badge>}
            </Td>
            <Td numeric>{t.partitions}</Td>
            <Td numeric>{t.replicationFactor}</Td>
            <Td numeric>{t.underReplicatedPartitions > 0 ? <Badge tone="bad">{t.underReplicatedPartitions}</Badge> : '0'}</Td>
            <Td numeric>{formatInt(t.messages)}</Td>
            <Td numeric>
              <TopicLagCell topic={t.name} cluster={cluster} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
