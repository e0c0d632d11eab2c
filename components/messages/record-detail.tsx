'use client';

import { useState, type ReactNode } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import type { MessageDto, MessagePageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import { Timestamp } from '../layout/time-zone';
import { DltOrigin } from '../replay/dlt-origin';
import { Badge } from '../ui/badge';
import { DecodedView } from './decoded-view';
import { FormatBadge } from './format-badge';

/**
 * The full view of one record: metadata line (with `actions` at its end), the dead-letter
 * origin if any, key, headers and value. Values the server cut offer "Show all", which
 * refetches the one record in full.
 */
export function RecordDetail({
  m,
  topic,
  cluster,
  renderQuery,
  actions,
}: {
  m: MessageDto;
  topic: string;
  cluster?: string;
  renderQuery: Record<string, string | undefined>;
  actions?: ReactNode;
}) {
  const [full, setFull] = useState<MessageDto | null>(null);
  const shown = full ?? m;
  const showAll = async () => {
    const page = await fetchJson<MessagePageDto>(
      apiUrl(`/topics/${encodeURIComponent(topic)}/messages`, cluster, {
        ...renderQuery,
        partition: String(m.partition),
        offset: m.offset,
        count: '1',
        maxChars: '0',
      }),
    );
    if (page.messages[0]) setFull(page.messages[0]);
  };
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          Partition <b className="font-mono text-zinc-900 dark:text-zinc-100">{m.partition}</b>
        </span>
        <span>
          Offset <b className="font-mono text-zinc-900 dark:text-zinc-100">{formatInt(m.offset)}</b>
        </span>
        <span>
          <Timestamp ms={m.timestamp} /> <span className="text-zinc-400">({m.timestampType})</span>
        </span>
        <span>{formatInt(m.size)} B</span>
        {m.compression !== 'none' && <Badge tone="info">{m.compression}</Badge>}
        {m.transactional && <Badge tone="warn">transactional</Badge>}
        {m.aborted && <Badge tone="bad">aborted</Badge>}
        {shown.key && <FormatBadge d={shown.key} side="key" cluster={cluster} />}
        {shown.value && <FormatBadge d={shown.value} side="value" cluster={cluster} />}
        {actions && <span className="ml-auto">{actions}</span>}
      </div>
      <DltOrigin m={m} />
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
    </>
  );
}
