'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { BROWSE_KEYS, pick, type PanelProps, type ViewParams } from '@/lib/messages/view-state';
import { messagesQuery } from '@/lib/queries/messages';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { TableSkeleton } from '../ui/skeleton';
import { BrowseForm } from './browse-form';
import { ExportButtons } from './export-buttons';
import { MessageList } from './message-list';
import { Notices } from './notices';
import { Pager } from './pager';
import { ViewToggle } from './view-toggle';

const DECODING = ['format', 'keyFormat', 'protoType', 'avroSchema'] as const;

/**
 * How a topic is decoded is chosen per topic: the browser remembers the formats (and protobuf
 * type or Avro schema file) last viewed for this topic and applies them when the URL names none.
 */
function useRememberedDecoding(topic: string, cluster: string | undefined, params: ViewParams, navigate: (p: ViewParams) => void) {
  const key = `kayak.decoding.${cluster ?? ''}.${topic}`;
  const chosen = DECODING.some((k) => params[k]);
  useEffect(() => {
    if (chosen) {
      localStorage.setItem(key, JSON.stringify(Object.fromEntries(DECODING.map((k) => [k, params[k]]))));
      return;
    }
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as ViewParams | null;
      if (saved && DECODING.some((k) => saved[k] && saved[k] !== 'auto')) navigate({ ...params, ...saved });
    } catch {
      // nothing usable saved
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, chosen, params.format, params.keyFormat, params.protoType, params.avroSchema]);
}

/** The Kafdrop-style viewer: form, partition range, pager, table or cards; `navigate` moves the browse position (a history entry). */
export function BrowsePanel({ topic, cluster, params, partitionCount, navigate, view, onView }: PanelProps & { navigate: (p: ViewParams) => void }) {
  useRememberedDecoding(topic, cluster, params, navigate);
  const browse = pick(params, BROWSE_KEYS);
  const q = useQuery(messagesQuery(cluster, topic, browse));
  const page = q.data;
  const renderQuery = { format: params.format, keyFormat: params.keyFormat, protoType: params.protoType, avroSchema: params.avroSchema };
  const range = page && page.partition !== null ? page.partitions[0] : undefined;
  // Moving away drops the highlight and any whole-topic cursor the new position replaces.
  const go = (p: ViewParams) => navigate({ ...browse, cursor: undefined, before: undefined, offset: undefined, timestamp: undefined, ...p });
  return (
    <div className="space-y-4">
      <Card>
        <div className="p-4">
          <BrowseForm key={JSON.stringify(browse)} params={browse} partitions={partitionCount} onSubmit={navigate} />
        </div>
      </Card>
      {q.isError ? (
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="messages" />
      ) : !page ? (
        <TableSkeleton rows={4} cols={3} />
      ) : (
        <Card
          title={
            <span>
              {page.partition === null ? 'All partitions, merged by time' : `Partition ${page.partition}`}
              {range && (
                <span className="ml-3 font-normal text-zinc-500">
                  first offset {formatInt(range.firstOffset)} · last offset {formatInt(range.lastOffset)} · {page.messages.length} shown · {page.elapsedMs} ms
                </span>
              )}
            </span>
          }
          actions={
            <>
              {page.paging && <Pager paging={page.paging} go={(offset) => go({ offset })} />}
              {page.partition === null && (page.cursor || page.prevCursor) && (
                <nav aria-label="Pages" className="flex gap-2">
                  <Button size="sm" disabled={!page.prevCursor} onClick={() => page.prevCursor && go({ before: page.prevCursor })}>
                    Prev
                  </Button>
                  <Button size="sm" disabled={!page.cursor} onClick={() => page.cursor && go({ cursor: page.cursor })}>
                    Next
                  </Button>
                </nav>
              )}
              <ViewToggle value={view} onChange={onView} />
              <a
                className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
                href={apiUrl(`/topics/${encodeURIComponent(topic)}/messages`, cluster, { ...browse, export: 'jsonl' })}
              >
                Download page
              </a>
              <ExportButtons messages={page.messages} name={`${topic}-${page.partition ?? 'all'}`} />
            </>
          }
        >
          {page.notices.length > 0 && (
            <div className="px-4 pt-3">
              <Notices notices={page.notices} />
            </div>
          )}
          <div className={view === 'cards' ? 'p-4' : 'pt-1'}>
            <MessageList
              messages={page.messages}
              markers={page.markers}
              view={view}
              highlight={params.hl}
              topic={topic}
              cluster={cluster}
              renderQuery={renderQuery}
              shared={params}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
