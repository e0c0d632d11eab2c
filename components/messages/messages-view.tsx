'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import {
  messagesPath,
  pick,
  readViewParams,
  recordViewOf,
  SHARED_KEYS,
  tabOf,
  TABS,
  type RecordView,
  type Tab,
  type ViewParams,
} from '@/lib/messages/view-state';
import { useCan } from '@/lib/queries/access';
import { topicQuery } from '@/lib/queries/topics';
import { ApiError } from '@/lib/api-error';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { BrowsePanel } from './browse-panel';
import { ProduceDialog } from './produce-dialog';
import { SearchPanel } from './search-panel';
import { TailPanel } from './tail-panel';
import { ReplayContext, type OpenReplay } from '../replay/replay-context';
import { ReplayDialog } from '../replay/replay-dialog';
import type { Selection } from '@/lib/replay/params';

const LABELS: Record<Tab, string> = { browse: 'Browse', search: 'Search', tail: 'Live tail' };

/**
 * /topic/{name}/messages: browse (Kafdrop-compatible URLs), search, live tail, produce. The
 * URL holds the whole view (see lib/messages/view-state.ts): browse positions are router
 * navigations (Back returns to the previous page of records); tab switches, searches, tail
 * state and the table/cards choice are written into the URL in place.
 */
export function MessagesView({ topic, cluster }: { topic: string; cluster?: string }) {
  const router = useRouter();
  const search = useSearchParams();
  const params = useMemo(() => readViewParams(search), [search]);
  const tab = tabOf(params);
  const view = recordViewOf(params);
  const [producing, setProducing] = useState(false);
  const [replay, setReplay] = useState<{ selection: Selection; mode: 'replay' | 'redrive' } | null>(null);
  const openReplay = useCallback<OpenReplay>((selection, mode) => setReplay({ selection, mode }), []);
  // Hidden unless the user's role allows producing here (never in read-only mode).
  const can = useCan(cluster);
  const t = useQuery(topicQuery(cluster, topic));
  const partitionCount = t.data?.partitions.length ?? 1;
  const isolation = params.isolation;
  // Isolation and the record view are page state: every navigation keeps them unless it sets them.
  const navigate = useCallback(
    (p: ViewParams) => router.push(messagesPath(topic, cluster, { isolation, view: params.view, ...p })),
    [router, topic, cluster, isolation, params.view],
  );
  const writeUrl = useCallback(
    (p: ViewParams, how: 'push' | 'replace' = 'replace') => {
      const url = messagesPath(topic, cluster, p);
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (how === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [topic, cluster],
  );
  const onView = (v: RecordView) => writeUrl({ ...params, view: v });
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
  const panel = { topic, cluster, partitionCount, params, view, onView };
  return (
    <>
      <PageHeader
        title={`${topic} · messages`}
        subtitle={back}
        actions={
          <>
            {can('messages') && (
              <Button
                onClick={() =>
                  openReplay(
                    {
                      kind: 'range',
                      partition: typeof params.partition === 'string' && /^\d+$/.test(params.partition) ? Number(params.partition) : 0,
                      from: '0',
                    },
                    'replay',
                  )
                }
              >
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
        {TABS.map((id) => (
          <button
            key={id}
            role="tab"
            type="button"
            aria-selected={tab === id}
            onClick={() => tab !== id && writeUrl({ ...pick(params, SHARED_KEYS), tab: id }, 'push')}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === id ? 'border-indigo-600 text-indigo-700 dark:text-indigo-300' : 'border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200'}`}
          >
            {LABELS[id]}
          </button>
        ))}
        <label
          className="ml-auto flex items-center gap-2 self-center text-sm text-zinc-600 dark:text-zinc-400"
          title="read_committed (Kafka's consumers' default) hides aborted transactions and stops at the last stable offset"
        >
          <input
            type="checkbox"
            checked={isolation === 'read_uncommitted'}
            onChange={(e) => navigate({ ...params, hl: undefined, isolation: e.target.checked ? 'read_uncommitted' : undefined })}
          />
          Read uncommitted (show aborted and open transactions)
        </label>
      </div>
      <ReplayContext.Provider value={can('messages') ? openReplay : null}>
        {tab === 'browse' && <BrowsePanel {...panel} navigate={navigate} />}
        {tab === 'search' && <SearchPanel key={isolation} {...panel} writeUrl={writeUrl} />}
        {tab === 'tail' && <TailPanel key={isolation} {...panel} writeUrl={writeUrl} />}
      </ReplayContext.Provider>
      {replay && (
        <ReplayDialog
          key={JSON.stringify(replay)}
          topic={topic}
          cluster={cluster}
          initial={replay.selection}
          mode={replay.mode}
          onClose={() => setReplay(null)}
        />
      )}
      <ProduceDialog topic={topic} cluster={cluster} partitionCount={partitionCount} open={producing} onClose={() => setProducing(false)} />
    </>
  );
}
