'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import type { DoneEventDto, MessageDto, ProgressEventDto } from '@/lib/messages/dto';
import { pick, SEARCH_KEYS, type PanelProps, type ViewParams } from '@/lib/messages/view-state';
import { formatInt, pluralize } from '@/lib/format';
import { timeQueryValue, urlTimeToInput } from '@/lib/time-zone';
import { useTimeZone } from '../layout/time-zone';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { ExportButtons } from './export-buttons';
import { useOpenReplay } from '../replay/replay-context';
import { FormatSelect } from './format-select';
import { MessageList } from './message-list';
import { capped, useEventStream } from './use-event-stream';
import { ViewToggle } from './view-toggle';

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

type Form = ReturnType<typeof formOf>;

/** The form as the URL describes it (a shared or reloaded search). */
function formOf(p: ViewParams) {
  const from = p.timestamp ? 'timestamp' : p.offset && /^\d+$/.test(p.offset) ? 'offset' : 'oldest';
  return {
    partition: p.partition ?? 'all',
    from,
    fromValue: from === 'timestamp' ? urlTimeToInput(p.timestamp) : from === 'offset' ? p.offset! : '',
    key: p.key ?? '',
    keyMatch: p.keyMatch ?? 'contains',
    value: p.value ?? '',
    valueMatch: p.valueMatch ?? 'contains',
    headerName: p.headerName ?? '',
    headerValue: p.headerValue ?? '',
    expr: p.expr ?? '',
    limit: p.limit ?? '500',
    maxRecords: p.maxRecords ?? '',
    maxSeconds: p.maxSeconds ?? '60',
    format: p.format ?? 'auto',
    keyFormat: p.keyFormat ?? 'auto',
  };
}

/** A URL that names a criterion is a search that ran: opening it runs it again. */
const hasCriteria = (p: ViewParams) => Boolean(p.key || p.value || p.headerName || p.expr?.trim());

/**
 * Server-side search with live progress, Cancel, a scan budget and a continue-from-here cursor.
 * Each search writes its criteria into the page URL, so the URL reruns it.
 */
export function SearchPanel({ topic, cluster, partitionCount, params, writeUrl, view, onView }: PanelProps & { writeUrl: (p: ViewParams) => void }) {
  const zone = useTimeZone();
  const [f, setF] = useState(() => formOf(params));
  const set = (k: keyof Form) => (v: string) => setF((s) => ({ ...s, [k]: v }));
  const [results, setResults] = useState<MessageDto[]>([]);
  const replay = useOpenReplay();
  const [progress, setProgress] = useState<ProgressEventDto | null>(null);
  const [done, setDone] = useState<DoneEventDto | null>(null);
  const stream = useEventStream((e) => {
    if (e.event === 'record') setResults((r) => capped(r, e.data as MessageDto, MAX_SHOWN));
    else if (e.event === 'progress') setProgress(e.data as ProgressEventDto);
    else if (e.event === 'done') setDone(e.data as DoneEventDto);
    else if (e.event === 'error')
      setDone({
        ...(progress ?? { scanned: 0, matched: 0, positions: {}, ratePerSec: 0, elapsedMs: 0 }),
        reason: 'cancelled',
        message: `Search failed: ${(e.data as { message: string }).message}`,
      });
  });

  const run = (form: Form, cursor?: string) => {
    setResults([]);
    setProgress(null);
    setDone(null);
    const q: ViewParams = {
      partition: form.partition,
      isolation: params.isolation,
      limit: form.limit,
      maxRecords: form.maxRecords || undefined,
      maxSeconds: form.maxSeconds || undefined,
      expr: form.expr || undefined,
    };
    if (cursor) q.cursor = cursor;
    else if (form.from === 'offset') q.offset = form.fromValue;
    else if (form.from === 'timestamp') q.timestamp = timeQueryValue(form.fromValue, zone);
    else q.offset = form.from;
    if (form.key) Object.assign(q, { key: form.key, keyMatch: form.keyMatch });
    if (form.value) Object.assign(q, { value: form.value, valueMatch: form.valueMatch });
    if (form.headerName) Object.assign(q, { headerName: form.headerName, headerValue: form.headerValue || undefined });
    if (form.format !== 'auto') q.format = form.format;
    if (form.keyFormat !== 'auto') q.keyFormat = form.keyFormat;
    if (q.format === 'protobuf' || q.keyFormat === 'protobuf') q.protoType = params.protoType;
    if (q.format === 'avro') q.avroSchema = params.avroSchema;
    writeUrl({ ...q, tab: 'search', view: params.view });
    stream.start(apiUrl(`/topics/${encodeURIComponent(topic)}/search`, cluster, pick(q, SEARCH_KEYS)));
  };
  // Opened from a URL with criteria (a reload or a shared link): run that search.
  useEffect(() => {
    if (hasCriteria(params)) run(formOf(params), params.cursor);
    // Only on mount: later runs come from the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the URL the page was opened with
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(f);
  };
  const status = done ?? progress;
  const cursor =
    done && (done.reason === 'budget-records' || done.reason === 'budget-time' || done.reason === 'limit')
      ? Object.entries(done.positions)
          .map(([p, o]) => `${p}:${o}`)
          .join(',')
      : null;
  const renderQuery = {
    format: f.format,
    keyFormat: f.keyFormat,
    protoType: params.protoType,
    avroSchema: f.format === 'avro' ? params.avroSchema : undefined,
  };

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
                <option value="timestamp">time ({zone === 'utc' ? 'UTC' : 'local'})</option>
              </Select>
              {(f.from === 'offset' || f.from === 'timestamp') && (
                <Input
                  aria-label="Search from value"
                  value={f.fromValue}
                  placeholder={f.from === 'offset' ? '0' : '2024-05-01T12:00:00'}
                  onChange={(e) => set('fromValue')(e.target.value)}
                />
              )}
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
          <div className="md:col-span-2">
            <Field
              label="Expression"
              hint='filtrex over the decoded record: value.user.id == 7 and headers.source == "web"; also key, offset, timestamp, partition, keyText, valueText, ~= for regex'
            >
              <Input aria-label="Expression" value={f.expr} onChange={(e) => set('expr')(e.target.value)} />
            </Field>
          </div>
          <Field label="Key · value format">
            <div className="flex gap-1">
              <FormatSelect label="Search key format" value={f.keyFormat} onChange={set('keyFormat')} />
              <FormatSelect label="Search value format" value={f.format} onChange={set('format')} />
            </div>
          </Field>
          <div className="flex gap-2 md:col-span-3">
            <Button type="submit" variant="primary" disabled={stream.running}>
              Search
            </Button>
            <Button onClick={stream.stop} disabled={!stream.running}>
              Cancel
            </Button>
            {cursor && !stream.running && <Button onClick={() => run(f, cursor)}>Continue from here</Button>}
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
          {done && (
            <div data-reason={done.reason} className="mt-1 font-medium">
              {done.message}
            </div>
          )}
          {!stream.running && !done && progress && <div className="mt-1 font-medium">Cancelled at the position above.</div>}
        </div>
      )}
      {results.length > 0 && (
        <Card
          title={pluralize(results.length, 'match', 'matches')}
          actions={
            <>
              <ViewToggle value={view} onChange={onView} />
              {replay && (
                <Button
                  size="sm"
                  onClick={() =>
                    replay(
                      { kind: 'records', records: results.map((m) => ({ partition: m.partition, offset: m.offset })) },
                      results.some((m) => m.dlt?.topic) ? 'redrive' : 'replay',
                    )
                  }
                >
                  Replay results…
                </Button>
              )}
              <ExportButtons messages={results} name={`${topic}-search`} />
            </>
          }
        >
          <div className={view === 'cards' ? 'p-4' : 'pt-1'}>
            <MessageList
              messages={results}
              view={view}
              topic={topic}
              cluster={cluster}
              renderQuery={renderQuery}
              shared={{ ...params, format: f.format, keyFormat: f.keyFormat }}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
