'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { TopicSortKey, TopicListState } from '@/lib/topic-list-params';
import { filterAndSortTopics, firstDir, readTopicListState, writeTopicListState, type TopicRow } from '@/lib/topic-list-params';
import { topicListingQuery, topicsQuery } from '@/lib/queries/topics';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { TableSkeleton } from '../ui/skeleton';
import { TopicTable } from './topic-table';

/**
 * The topic table with its filter, as `/topics` and the landing page show it. Filter, sort and
 * "show internal" live in the URL: the native history API updates it without a server round trip
 * per keystroke, and Next's useSearchParams follows it.
 *
 * Two requests: the listing (one Metadata request) shows the topics at once; the full rows
 * (offsets of every partition, log dir sizes, the groups' offsets) replace it when they come,
 * and if they fail the topics stay listed with the reason the counts are missing.
 */
export function TopicList({ cluster }: { cluster?: string }) {
  const full = useQuery(topicsQuery(cluster));
  // Once the full rows are here the listing has nothing to add: no refetches of it on focus.
  const listing = useQuery({ ...topicListingQuery(cluster), enabled: !full.data });
  const rows: TopicRow[] | undefined = full.data ?? listing.data;
  const params = useSearchParams();
  const pathname = usePathname();
  const fromUrl = useMemo(() => readTopicListState(params), [params]);
  // The filter box keeps its own state, so typing never waits for the URL to catch up.
  const [filter, setFilter] = useState(fromUrl.q);
  const state = useMemo(() => ({ ...fromUrl, q: filter }), [fromUrl, filter]);
  const update = (next: Partial<TopicListState>) => {
    const qs = writeTopicListState(new URLSearchParams(params.toString()), { ...state, ...next });
    window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
  };
  const onSort = (column: TopicSortKey) => update({ sort: column, dir: column === state.sort ? (state.dir === 'asc' ? 'desc' : 'asc') : firstDir(column) });
  const visible = useMemo(() => filterAndSortTopics(rows ?? [], state), [rows, state]);
  const hidden = (rows ?? []).filter((t) => t.internal).length;
  const sizesUnknown = (full.data ?? []).some((t) => t.sizeBytes === null);

  return (
    <Card
      title={
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 sm:flex-nowrap">
          <Input
            aria-label="Filter topics"
            placeholder="Filter by name…"
            value={state.q}
            onChange={(e) => {
              setFilter(e.target.value);
              update({ q: e.target.value });
            }}
            className="h-8 w-64"
          />
          <label className="flex items-center gap-1.5 whitespace-nowrap text-sm font-normal text-zinc-600 dark:text-zinc-400">
            <input type="checkbox" checked={state.internal} onChange={(e) => update({ internal: e.target.checked })} /> Show internal
          </label>
        </div>
      }
      actions={
        rows && (
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400" data-testid="topic-count">
            {visible.length} shown of {rows.length}
            {!state.internal && hidden ? ` (${hidden} internal hidden)` : ''}
          </span>
        )
      }
    >
      {sizesUnknown && (
        <p className="border-b border-zinc-200 px-4 py-2 text-xs text-amber-800 dark:border-zinc-800 dark:text-amber-300" role="note">
          Sizes are unknown: the cluster did not describe its log dirs (DescribeLogDirs needs DESCRIBE on the cluster). The brokers page shows its answer.
        </p>
      )}
      {full.isError && (
        <div className="border-b border-zinc-200 p-4 dark:border-zinc-800">
          <ErrorPanel error={full.error} onRetry={() => void full.refetch()} what={rows ? 'message counts, sizes and lag' : 'topics'} />
        </div>
      )}
      {rows ? (
        <TopicTable
          topics={visible}
          countsFailed={full.isError}
          cluster={cluster}
          sort={state.sort}
          dir={state.dir}
          onSort={onSort}
          emptyText={rows.length === 0 ? 'This cluster has no topics yet. Create one with “New topic”.' : 'No topic matches the filter.'}
        />
      ) : full.isError ? null : (
        <TableSkeleton cols={8} />
      )}
    </Card>
  );
}
