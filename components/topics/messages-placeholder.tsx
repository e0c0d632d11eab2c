'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { partitionReadCommand } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { clustersQuery } from '@/lib/queries/cluster';
import { topicQuery } from '@/lib/queries/topics';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';

/**
 * Target of the partition table's "Messages" links. The in-browser message viewer is not part of
 * this release; until it is, this page states the partition's range and the command that reads it.
 */
export function MessagesPlaceholder({ topic, cluster, partition, offset, count }: { topic: string; cluster?: string; partition: number; offset?: string; count: number }) {
  const q = useQuery(topicQuery(cluster, topic));
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const p = q.data?.partitions.find((x) => x.partition === partition);
  const start = offset ?? p?.firstOffset ?? '0';
  return (
    <>
      <PageHeader
        title={`${topic} · partition ${partition}`}
        subtitle={<Link className="hover:underline" href={withCluster(`/topic/${encodeURIComponent(topic)}`, cluster)}>← back to {topic}</Link>}
      />
      {q.isError ? (
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what={`topic “${topic}”`} />
      ) : !q.data ? (
        <TableSkeleton rows={3} cols={3} />
      ) : !p ? (
        <ErrorPanel error={new Error(`Topic “${topic}” has no partition ${partition}`)} />
      ) : (
        <Card title="Messages">
          <div className="space-y-3 p-4 text-sm">
            <p>
              First offset <b className="font-mono">{formatInt(p.firstOffset)}</b>, last offset <b className="font-mono">{formatInt(p.lastOffset)}</b>, {formatInt(p.messages)} messages.
            </p>
            <p className="text-zinc-600 dark:text-zinc-400">The in-browser message viewer is not available in this version. Read {count} messages from offset {start} with:</p>
            <pre className="overflow-x-auto rounded bg-zinc-950 px-3 py-2 font-mono text-xs text-zinc-100">{partitionReadCommand(brokers, topic, partition, start, count)}</pre>
          </div>
        </Card>
      )}
    </>
  );
}
