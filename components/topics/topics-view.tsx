'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { topicListCommands } from '@/lib/cli-commands';
import { useCan } from '@/lib/queries/access';
import { clustersQuery } from '@/lib/queries/cluster';
import { topicsQuery } from '@/lib/queries/topics';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { CopyCli } from '../ui/copy-cli';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { CreateTopicDialog } from './create-topic-dialog';
import { TopicTable } from './topic-table';

export function TopicsView({ cluster }: { cluster?: string }) {
  const q = useQuery(topicsQuery(cluster));
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const [filter, setFilter] = useState('');
  const [showInternal, setShowInternal] = useState(false);
  const [creating, setCreating] = useState(false);
  const can = useCan(cluster);
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (q.data ?? []).filter((t) => (showInternal || !t.internal) && (!f || t.name.toLowerCase().includes(f)));
  }, [q.data, filter, showInternal]);
  const hidden = (q.data ?? []).filter((t) => t.internal).length;

  return (
    <>
      <PageHeader
        title="Topics"
        subtitle={q.data ? `${visible.length} shown of ${q.data.length}${!showInternal && hidden ? ` (${hidden} internal hidden)` : ''}` : q.isError ? undefined : 'Loading…'}
        actions={
          <>
            <CopyCli commands={topicListCommands(brokers)} />
            {can('topic.create') && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                New topic
              </Button>
            )}
          </>
        }
      />
      <Card
        title={
          <div className="flex items-center gap-3">
            <Input aria-label="Filter topics" placeholder="Filter by name…" value={filter} onChange={(e) => setFilter(e.target.value)} className="h-8 w-64" />
            <label className="flex items-center gap-1.5 whitespace-nowrap text-sm font-normal text-zinc-600 dark:text-zinc-400">
              <input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} /> Show internal
            </label>
          </div>
        }
      >
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="topics" />
          </div>
        ) : q.data ? (
          <TopicTable topics={visible} cluster={cluster} emptyText={q.data.length === 0 ? 'This cluster has no topics yet. Create one with “New topic”.' : 'No topic matches the filter.'} />
        ) : (
          <TableSkeleton cols={5} />
        )}
      </Card>
      <CreateTopicDialog open={creating} onClose={() => setCreating(false)} cluster={cluster} brokers={brokers} />
    </>
  );
}
