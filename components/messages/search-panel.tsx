'use client';

import { useState, type FormEvent } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import type { DoneEventDto, MessageDto, ProgressEventDto } from '@/lib/messages/dto';
import { formatInt, pluralize } from '@/lib/format';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { ExportButtons } from './export-buttons';
import { useOpenReplay } from '../replay/replay-context';
import { MessageList } from './message-card';
import { capped, useEventStream } from './use-event-stream';

const MAX_SHOWN = 5000;

function MatchField({ label, text, op, onText, onOp }: { label: string; text: string; op: string; onText: (v: string) => void; onOp: (v: string) => void }) {
  return (
    <Field label={label}>
      <div className="flex gap-1">
        <Select aria-label={`${label} match`} className="w-28" value={op} onChange={(e) => onOp(e.target.value)}>
          <option value="contains">contains</option>
          <option value="equals">equals</option>
          <option value="regex">regex</option>
        </Select>
        <Input aria-label={label} value={text} onChange={(e) => onText(e.target.value)} />
      </div>
    </Field>
  );
}

/** Server-side search with live progress, Cancel, a scan budget and a continue-from-here cursor. */
export function SearchPanel({ topic, cluster, partitionCount, isolation }: { topic: string; cluster?: string; partitionCount: number; isolation?: string }) {
  const [f, setF] = useState({ partition: 'all', from: 'oldest', fromValue: '', key: '', keyMatch: 'contains', value: '', valueMatch: 'contains', headerName: '', headerValue: '', expr: '', limit: '500', maxRecords: '', maxSeconds: '60' });
  const set = (k: keyof typeof f) => (v: string) => setF((s) => ({ ...s, [k]: v }));
  const [results, setResults] = useState<MessageDto[]>([]);
  const replay = useOpenReplay();
  const [progress, setProgress] = useState<ProgressEventDto | null>(null);
  const [done, setDone] = useState<DoneEventDto | null>(null);
  const stream = useEventStream((e) => {
    if (e.event === 'record') setResults((r) => capped(r, e.data as MessageDto, MAX_SHOWN));
    else if (e.event === 'progress') setProgress(e.data as ProgressEventDto);
    else if (e.event === 'done') setDone(e.data as DoneEventDto);
    else if (e.event === 'error') setDone({ ...(progress ?? { scanned: 0, matched: 0, positions: {}, ratePerSec: 0, elapsedMs: 0 }), reason: 'cancelled', message: `Search failed: ${(e.data as { message: string }).message}` });
  });

  const run = (cursor?: string) => {
    setResults([]);
    setProgress(null);
    setDone(null);
    const q: Record<string, string | undefined> = { partition: f.partition, isolation, limit: f.limit, maxRecords: f.maxRecords || undefined, maxSeconds: f.maxSeconds || undefined, expr: f.expr || undefined };
    if (cursor) q.cursor = cursor;
    else if (f.from === 'offset') q.offset = f.fromValue;
    else if (f.from === 'timestamp') q.timestamp = f.fromValue.includes('T') && !/Z$/.test(f.fromValue) ? `${f.fromValue}Z` : f.fromValue;
    else q.offset = f.from;
    if (f.key) Object.assign(q, { key: f.key, keyMatch: f.keyMatch });
    if (f.value) Object.assign(q, { value: f.value, valueMatch: f.valueMatch });
    if (f.headerName) Object.assign(q, { headerName: f.headerName, headerValue: f.headerValue || undefined });
    stream.start(apiUrl(`/topics/${encodeURIComponent(topic)}/search`, cluster, q));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  const status = done ?? progress;
  const cursor = done && (done.reason === 'budget-records' || done.reason === 'budget-time' || done.reason === 'limit') ? Object.entries(done.positions).map(([p, o]) => `${p}:${o}`).join(',') : null;

  return (
    <div className="space-y-4">
      <Card>
        <form onSubmit={submit} aria-label="Search messages" className="grid grid-cols-1 gap-3 p-4 md:grid-cols-3">
          <Field label="Partition">
            <Select aria-label="Search partition" value={f.partition} onChange={(e) => set('partition')(e.target.value)}>
              <option value="all">All</option>
              {Array.from({ length: partitionCount }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="From">
            <div className="flex gap-1">
              <Select aria-label="Search from" className="w-32" value={f.from} onChange={(e) => set('from')(e.target.value)}>
                <option value="oldest">oldest</option>
                <option value="offset">offset</option>
                <option value="timestamp">time</option>
              </Select>
              {(f.from === 'offset' || f.from === 'timestamp') && <Input aria-label="Search from value" value={f.fromValue} placeholder={f.from === 'offset' ? '0' : '2024-05-01T12:00:00'} onChange={(e) => set('fromValue')(e.target.value)} />}
            </div>
          </Field>
          <Field label="Stop after" hint="matches · records scanned · seconds (empty = no budget)">
            <div className="flex gap-1">
              <Input aria-label="Match limit" value={f.limit} onChange={(e) => set('limit')(e.target.value)} />
              <Input aria-label="Record budget" placeholder="records" value={f.maxRecords} onChange={(e) => set('maxRecords')(e.target.value)} />
              <Input aria-label="Time budget" placeholder="seconds" value={f.maxSeconds} onChange={(e) => set('maxSeconds')(e.target.value)} />
            </div>
          </Field>
          <MatchField label="Key" text={f.key} op={f.keyMatch} onText={set('key')} onOp={set('keyMatch')} />
          <MatchField label="Value" text={f.value} op={f.valueMatch} onText={set('value')} onOp={set('valueMatch')} />
          <Field label="Header">
            <div className="flex gap-1">
              <Input aria-label="Header name" placeholder="name" value={f.headerName} onChange={(e) => set('headerName')(e.target.value)} />
              <Input aria-label="Header value" placeholder="value contains" value={f.headerValue} onChange={(e) => set('headerValue')(e.target.value)} />
            </div>
          </Field>
          <div className="md:col-span-3">
            <Field label="Expression" hint='filtrex over the decoded record: value.user.id == 7 and headers.source == "web"; also key, offset, timestamp, partition, keyText, valueText, ~= for regex'>
              <Input aria-label="Expression" value={f.expr} onChange={(e) => set('expr')(e.target.value)} />
            </Field>
          </div>
          <div className="flex gap-2 md:col-span-3">
            <Button type="submit" variant="primary" disabled={stream.running}>
              Search
            </Button>
            <Button onClick={stream.stop} disabled={!stream.running}>
              Cancel
            </Button>
            {cursor && !stream.running && <Button onClick={() => run(cursor)}>Continue from here</Button>}
          </div>
        </form>
      </Card>
      {stream.error ? <ErrorPanel error={stream.error} /> : null}
      {(status || stream.running) && (
        <div role="status" aria-label="Search progress" className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
          {stream.running ? 'Searching… ' : ''}
          {status && (
            <span>
              scanned {formatInt(status.scanned)} · matched {formatInt(status.matched)} · {formatInt(status.ratePerSec)} records/s · at{' '}
              {Object.entries(status.positions)
                .map(([p, o]) => `p${p}:${o}`)
                .join(' ')}
            </span>
          )}
          {done && <div data-reason={done.reason} className="mt-1 font-medium">{done.message}</div>}
          {!stream.running && !done && progress && <div className="mt-1 font-medium">Cancelled at the position above.</div>}
        </div>
      )}
      {results.length > 0 && (
        <Card title={pluralize(results.length, 'match', 'matches')} actions={
            <>
              {replay && (
                <Button size="sm" onClick={() => replay({ kind: 'records', records: results.map((m) => ({ partition: m.partition, offset: m.offset })) }, results.some((m) => m.dlt?.topic) ? 'redrive' : 'replay')}>
                  Replay results…
                </Button>
              )}
              <ExportButtons messages={results} name={`${topic}-search`} />
            </>
          }
        >
          <div className="p-4">
            <MessageList messages={results} topic={topic} cluster={cluster} renderQuery={{}} />
          </div>
        </Card>
      )}
    </div>
  );
}
