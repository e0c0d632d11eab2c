'use client';

import { useState } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import type { MessageDto, MessagePageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import { Badge } from '../ui/badge';
import { DecodedView } from './decoded-view';

function when(ms: string): string {
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? ms : d.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** One record: metadata line, key, headers and value. */
export function MessageCard({ m, topic, cluster, renderQuery }: { m: MessageDto; topic: string; cluster?: string; renderQuery: Record<string, string | undefined> }) {
  const [full, setFull] = useState<MessageDto | null>(null);
  const shown = full ?? m;
  const showAll = async () => {
    const page = await fetchJson<MessagePageDto>(apiUrl(`/topics/${encodeURIComponent(topic)}/messages`, cluster, { ...renderQuery, partition: String(m.partition), offset: m.offset, count: '1', maxChars: '0' }));
    if (page.messages[0]) setFull(page.messages[0]);
  };
  return (
    <li className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="message" data-offset={m.offset} data-partition={m.partition}>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          Partition <b className="font-mono text-zinc-900 dark:text-zinc-100">{m.partition}</b>
        </span>
        <span>
          Offset <b className="font-mono text-zinc-900 dark:text-zinc-100">{formatInt(m.offset)}</b>
        </span>
        <span title={`${m.timestampType} ${m.timestamp}`}>
          {when(m.timestamp)} <span className="text-zinc-400">({m.timestampType})</span>
        </span>
        <span>{formatInt(m.size)} B</span>
        {m.compression !== 'none' && <Badge tone="info">{m.compression}</Badge>}
        {m.transactional && <Badge tone="warn">transactional</Badge>}
        {shown.key && <Badge>key: {shown.key.format}</Badge>}
        {shown.value && (
          <Badge>
            value: {shown.value.format}
            {shown.value.schemaId !== undefined ? ` #${shown.value.schemaId}` : ''}
          </Badge>
        )}
      </div>
      <dl className="grid grid-cols-[5rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
        <dt className="text-xs font-medium text-zinc-500">Key</dt>
        <dd>
          <DecodedView d={shown.key} label="key" onShowAll={showAll} />
        </dd>
        {shown.headers.length > 0 && (
          <>
            <dt className="text-xs font-medium text-zinc-500">Headers</dt>
            <dd className="space-y-1">
              {shown.headers.map((h, i) => (
                <div key={i} className="flex gap-2 text-xs">
                  <span className="font-mono font-semibold">{h.key}:</span>
                  <DecodedView d={h.value} label="header" />
                </div>
              ))}
            </dd>
          </>
        )}
        <dt className="text-xs font-medium text-zinc-500">Value</dt>
        <dd>
          <DecodedView d={shown.value} label="value" onShowAll={showAll} />
        </dd>
      </dl>
    </li>
  );
}

export function MessageList({ messages, ...rest }: { messages: MessageDto[]; topic: string; cluster?: string; renderQuery: Record<string, string | undefined> }) {
  return (
    <ol className="space-y-2" aria-label="Messages">
      {messages.map((m) => (
        <MessageCard key={`${m.partition}:${m.offset}`} m={m} {...rest} />
      ))}
    </ol>
  );
}
