'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { useCan } from '@/lib/queries/access';
import { topicQuery } from '@/lib/queries/topics';
import { ApiError } from '@/lib/api-error';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { BrowsePanel } from './browse-panel';
import type { BrowseParams } from './browse-form';
import { ProduceDialog } from './produce-dialog';
import { SearchPanel } from './search-panel';
import { TailPanel } from './tail-panel';
import { ReplayContext, type OpenReplay } from '../replay/replay-context';
import { ReplayDialog } from '../replay/replay-dialog';
import type { Selection } from '@/lib/replay/params';

const TABS = [
  { id: 'browse', label: 'Browse' },
  { id: 'search', label: 'Search' },
  { id: 'tail', label: 'Live tail' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** /topic/{name}/messages: browse (URL-driven, Kafdrop-compatible), search, live tail, produce. */
export function MessagesView({ topic, cluster, params }: { topic: string; cluster?: string; params: BrowseParams }) {
  const router = useRouter();
  const [tab, setTab] = useState<Tab>('browse');
  const [producing, setProducing] = useState(false);
  const [replay, setReplay] = useState<{ selection: Selection; mode: 'replay' | 'redrive' } | null>(null);
  const openReplay = useCallback<OpenReplay>((selection, mode) => setReplay({ selection, mode }), []);
  // Hidden unless the user's role allows producing here (never in read-only mode).
  const can = useCan(cluster);
  const t = useQuery(topicQuery(cluster, topic));
  const partitionCount = t.data?.partitions.length ?? 1;
  const isolation = params.isolation;
  // The isolation level is page state kept in the URL: every navigation keeps it unless it sets it.
  const navigate = useCallback(
    (p: BrowseParams) => {
      const next = 'isolation' in p ? p : { ...p, isolation };
      router.push(withCluster(`/topic/${encodeURIComponent(topic)}/messages`, cluster, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''))));
    },
    [router, topic, cluster, isolation],
  );
  const back = (
    <Link className="hover:underline" href={withCluster(`/topic/${encodeURIComponent(topic)}`, cluster)}>
      ← back to {topic}
    </Link>
  );
  // A topic that does not exist (or was deleted meanwhile) offers nothing to browse or write.
  if (t.error instanceof ApiError && t.error.code === 'not_found') {
    return (
      <>
        <PageHeader title={`${topic} · messages`} subtitle={back} />
        <ErrorPanel error={t.error} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`${topic} · messages`}
        subtitle={back}
        actions={
          <>
            {can('messages') && (
              <Button onClick={() => openReplay({ kind: 'range', partition: typeof params.partition === 'string' && /^\d+$/.test(params.partition) ? Number(params.partition) : 0, from: '0' }, 'replay')}>
                Replay…
              </Button>
            )}
            {can('topic.produce') && (
              <Button variant="primary" onClick={() => setProducing(true)}>
                Produce message
              </Button>
            )}
          </>
        }
      />
      <div role="tablist" aria-label="Message tools" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((x) => (
          <button
            key={x.id}
            role="tab"
            type="button"
            aria-selected={tab === x.id}
            onClick={() => setTab(x.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === x.id ? 'border-indigo-600 text-indigo-700 dark:text-indigo-300' : 'border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200'}`}
          >
            {x.label}
          </button>
        ))}
        <label className="ml-auto flex items-center gap-2 self-center text-sm text-zinc-600 dark:text-zinc-400" title="read_committed (Kafka's consumers' default) hides aborted transactions and stops at the last stable offset">
          <input type="checkbox" checked={isolation === 'read_uncommitted'} onChange={(e) => navigate({ ...params, isolation: e.target.checked ? 'read_uncommitted' : undefined })} />
          Read uncommitted (show aborted and open transactions)
        </label>
      </div>
      <ReplayContext.Provider value={can('messages') ? openReplay : null}>
        {tab === 'browse' && <BrowsePanel topic={topic} cluster={cluster} params={params} partitionCount={partitionCount} navigate={navigate} />}
        {tab === 'search' && <SearchPanel key={isolation} topic={topic} cluster={cluster} partitionCount={partitionCount} isolation={isolation} />}
        {tab === 'tail' && <TailPanel key={isolation} topic={topic} cluster={cluster} partitionCount={partitionCount} isolation={isolation} />}
      </ReplayContext.Provider>
      {replay && <ReplayDialog key={JSON.stringify(replay)} topic={topic} cluster={cluster} initial={replay.selection} mode={replay.mode} onClose={() => setReplay(null)} />}
      <ProduceDialog topic={topic} cluster={cluster} partitionCount={partitionCount} open={producing} onClose={() => setProducing(false)} />
    </>
  );
}
