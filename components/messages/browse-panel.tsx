'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import { messagesQuery } from '@/lib/queries/messages';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { TableSkeleton } from '../ui/skeleton';
import { BrowseForm, type BrowseParams } from './browse-form';
import { ExportButtons } from './export-buttons';
import { MessageList } from './message-card';
import { Notices } from './notices';
import { Pager } from './pager';

const DECODING = ['format', 'keyFormat', 'protoType', 'avroSchema'] as const;

/**
 * How a topic is decoded is chosen per topic: the browser remembers the formats (and protobuf
 * type or Avro schema file) last viewed for this topic and applies them when the URL names none.
 */
function useRememberedDecoding(topic: string, cluster: string | undefined, params: BrowseParams, navigate: (p: BrowseParams) => void) {
  const key = `kayak.decoding.${cluster ?? ''}.${topic}`;
  const chosen = DECODING.some((k) => params[k]);
  useEffect(() => {
    if (chosen) {
      localStorage.setItem(key, JSON.stringify(Object.fromEntries(DECODING.map((k) => [k, params[k]]))));
      return;
    }
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as BrowseParams | null;
      if (saved && DECODING.some((k) => saved[k] && saved[k] !== 'auto')) navigate({ ...params, ...saved });
    } catch {
      // nothing usable saved
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, chosen, params.format, params.keyFormat, params.protoType, params.avroSchema]);
}

/** The Kafdrop-style viewer: form, partition range, notices, pager and records. */
export function BrowsePanel({ topic, cluster, params, partitionCount, navigate }: { topic: string; cluster?: string; params: BrowseParams; partitionCount: number; navigate: (p: BrowseParams) => void }) {
  useRememberedDecoding(topic, cluster, params, navigate);
  const q = useQuery(messagesQuery(cluster, topic, params));
  const page = q.data;
  const renderQuery = { format: params.format, keyFormat: params.keyFormat, protoType: params.protoType, avroSchema: params.avroSchema };
  const range = page && page.partition !== null ? page.partitions[0] : undefined;
  return (
    <div className="space-y-4">
      <Card>
        <div className="p-4">
          <BrowseForm key={JSON.stringify(params)} params={params} partitions={partitionCount} onSubmit={navigate} />
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
              <a className="text-xs text-indigo-600 hover:underline dark:text-indigo-400" href={apiUrl(`/topics/${encodeURIComponent(topic)}/messages`, cluster, { ...params, export: 'jsonl' })}>
                Download page
              </a>
              <ExportButtons messages={page.messages} name={`${topic}-${page.partition ?? 'all'}`} />
            </>
          }
        >
          <div className="space-y-3 p-4">
            <Notices notices={page.notices} />
            {page.paging && <Pager paging={page.paging} go={(offset) => navigate({ ...params, offset, timestamp: undefined })} />}
            {page.partition === null && (page.cursor || page.prevCursor) && (
              <nav aria-label="Pages" className="flex gap-2">
                <Button size="sm" disabled={!page.prevCursor} onClick={() => page.prevCursor && navigate({ ...params, before: page.prevCursor, cursor: undefined, offset: undefined, timestamp: undefined })}>
                  Prev
                </Button>
                <Button size="sm" disabled={!page.cursor} onClick={() => page.cursor && navigate({ ...params, cursor: page.cursor, before: undefined, offset: undefined, timestamp: undefined })}>
                  Next
                </Button>
              </nav>
            )}
            <MessageList messages={page.messages} markers={page.markers} topic={topic} cluster={cluster} renderQuery={renderQuery} />
          </div>
        </Card>
      )}
    </div>
  );
}
