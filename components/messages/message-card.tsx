'use client';

import Link from 'next/link';
import { useState } from 'react';
import { apiUrl, withCluster } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import type { DecodedDto, MarkerDto, MessageDto, MessagePageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import { Badge } from '../ui/badge';
import { DltOrigin, RecordReplayActions } from '../replay/record-actions';
import { RecordDiffActions } from '../diff/record-diff-actions';
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
        {m.aborted && <Badge tone="bad">aborted</Badge>}
        {shown.key && <FormatBadge d={shown.key} side="key" topic={topic} cluster={cluster} />}
        {shown.value && <FormatBadge d={shown.value} side="value" topic={topic} cluster={cluster} />}
        <RecordReplayActions m={m} />
        <RecordDiffActions m={m} topic={topic} cluster={cluster} renderQuery={renderQuery} />
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
    </li>
  );
}

/** A transaction marker: it uses an offset but is no record, so it shows as a gap line. */
function MarkerLine({ m }: { m: MarkerDto }) {
  return (
    <li role="separator" data-testid="marker" data-offset={m.offset} data-partition={m.partition} className="flex items-center gap-2 px-1 text-xs text-zinc-500">
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      transaction marker: {m.kind} at offset {formatInt(m.offset)} (partition {m.partition}, producer {m.producerId})
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </li>
  );
}

type Item = { message: MessageDto } | { marker: MarkerDto };

/** Records in their order, each partition's markers placed after that partition's records before them. */
function interleave(messages: MessageDto[], markers: MarkerDto[]): Item[] {
  const pending = [...markers].sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
  const out: Item[] = [];
  for (const message of messages) {
    const offset = BigInt(message.offset);
    for (let i = 0; i < pending.length; ) {
      const k = pending[i]!;
      if (k.partition === message.partition && BigInt(k.offset) < offset) out.push({ marker: pending.splice(i, 1)[0]! });
      else i++;
    }
    out.push({ message });
  }
  return [...out, ...pending.map((marker) => ({ marker }))];
}

export function MessageList({ messages, markers = [], newestFirst = false, ...rest }: { messages: MessageDto[]; markers?: MarkerDto[]; newestFirst?: boolean; topic: string; cluster?: string; renderQuery: Record<string, string | undefined> }) {
  const items = interleave(messages, markers);
  if (newestFirst) items.reverse();
  return (
    <ol className="space-y-2" aria-label="Messages">
      {items.map((it) =>
        'marker' in it ? <MarkerLine key={`marker:${it.marker.partition}:${it.marker.offset}`} m={it.marker} /> : <MessageCard key={`${it.message.partition}:${it.message.offset}`} m={it.message} {...rest} />,
      )}
    </ol>
  );
}

/** The format a key or value was read as; for registry schemas also the subject and version (or id), linked to the subject's page. */
function FormatBadge({ d, side, cluster }: { d: DecodedDto; side: string; topic: string; cluster?: string }) {
  const schema = d.subject !== undefined ? `${d.subject} v${d.version}` : d.schemaId !== undefined ? `schema id ${d.schemaId}` : d.messageType;
  const label = (
    <Badge tone={d.schemaType ? 'info' : 'neutral'}>
      {side}: {d.format}
      {schema ? ` · ${schema}` : ''}
    </Badge>
  );
  if (d.subject === undefined) return label;
  return (
    <Link href={withCluster(`/schemas/${encodeURIComponent(d.subject)}`, cluster, { version: d.version })} title={`Schema id ${d.schemaId}${d.messageType ? `, message ${d.messageType}` : ''}`} data-testid={`${side}-schema`}>
      {label}
    </Link>
  );
}
