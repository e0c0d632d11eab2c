'use client';

import { useEffect, useRef, useState } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import type { MarkerDto, MessageDto } from '@/lib/messages/dto';
import { pick, SHARED_KEYS, type PanelProps, type ViewParams } from '@/lib/messages/view-state';
import { formatInt } from '@/lib/format';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Select } from '../ui/input';
import { ExportButtons } from './export-buttons';
import { FormatSelect } from './format-select';
import { MessageList } from './message-list';
import { capped, useEventStream } from './use-event-stream';
import { ViewToggle } from './view-toggle';

const MAX_SHOWN = 1000;

/**
 * Live tail. Pause closes the stream (the server stops reading) and keeps the cursor; Resume
 * reopens from it, so nothing produced while paused is missed. The URL says what is tailed and
 * whether it runs (`tail=live`) or is paused (`tail=paused&cursor=…`): a reload starts the tail
 * again, or offers Resume from the paused position.
 */
export function TailPanel({ topic, cluster, partitionCount, params, writeUrl, view, onView }: PanelProps & { writeUrl: (p: ViewParams) => void }) {
  const [partition, setPartition] = useState(params.partition ?? 'all');
  const [format, setFormat] = useState(params.format ?? 'auto');
  const [records, setRecords] = useState<MessageDto[]>([]);
  // Every record received, not just the newest MAX_SHOWN kept on screen.
  const [received, setReceived] = useState(0);
  const [markers, setMarkers] = useState<MarkerDto[]>([]);
  const cursor = useRef<string | null>(params.tail === 'paused' ? (params.cursor ?? null) : null);
  const [paused, setPaused] = useState(cursor.current !== null);
  // "Live" only once the server has fixed its start positions: records written before that
  // moment may be older than where the tail begins.
  const [ready, setReady] = useState(false);
  const stream = useEventStream((e) => {
    if (e.event === 'record') {
      setRecords((r) => capped(r, e.data as MessageDto, MAX_SHOWN));
      setReceived((n) => n + 1);
    } else if (e.event === 'marker') setMarkers((m) => [...m, e.data as MarkerDto].slice(-MAX_SHOWN));
    else if (e.event === 'ready' || e.event === 'position') cursor.current = (e.data as { cursor: string }).cursor;
    if (e.event === 'ready') setReady(true);
  });
  const url = (state: ViewParams, at: { partition?: string; format?: string } = {}) =>
    writeUrl({ ...pick(params, SHARED_KEYS), tab: 'tail', partition: at.partition ?? partition, format: at.format ?? format, ...state });
  const open = (from: string | null) => {
    setReady(false);
    stream.start(
      apiUrl(`/topics/${encodeURIComponent(topic)}/tail`, cluster, {
        partition,
        format,
        keyFormat: params.keyFormat,
        protoType: params.protoType,
        avroSchema: format === 'avro' ? params.avroSchema : undefined,
        isolation: params.isolation,
        cursor: from ?? undefined,
      }),
    );
  };
  const start = () => {
    setRecords([]);
    setReceived(0);
    setMarkers([]);
    setPaused(false);
    cursor.current = null;
    url({ tail: 'live' });
    open(null);
  };
  const pause = () => {
    stream.stop();
    setPaused(true);
    url({ tail: 'paused', cursor: cursor.current ?? undefined });
  };
  const resume = () => {
    setPaused(false);
    url({ tail: 'live' });
    open(cursor.current);
  };
  const stop = () => {
    setPaused(false);
    url({});
  };
  // Opened from a URL of a running tail (a reload or a shared link): run it.
  useEffect(() => {
    if (params.tail === 'live') start();
    // Only on mount: later starts come from the buttons.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the URL the page was opened with
  }, []);
  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end gap-3 p-4">
          <Field label="Partition">
            <Select
              aria-label="Tail partition"
              value={partition}
              disabled={stream.running || paused}
              onChange={(e) => {
                setPartition(e.target.value);
                url({}, { partition: e.target.value });
              }}
            >
              <option value="all">All</option>
              {Array.from({ length: partitionCount }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Value format">
            <FormatSelect
              label="Tail value format"
              value={format}
              onChange={(v) => {
                setFormat(v);
                if (!stream.running && !paused) url({}, { format: v });
              }}
            />
          </Field>
          {!stream.running && !paused && (
            <Button variant="primary" onClick={start}>
              Start tail
            </Button>
          )}
          {stream.running && <Button onClick={pause}>Pause</Button>}
          {paused && (
            <>
              <Button variant="primary" onClick={resume}>
                Resume
              </Button>
              <Button onClick={stop}>Stop</Button>
            </>
          )}
          <span role="status" aria-label="Tail status" className="text-sm text-zinc-500">
            {stream.running ? (ready ? 'Live: waiting for new records…' : 'Connecting…') : paused ? 'Paused' : 'Stopped'} · {formatInt(received)} received
            {received > records.length ? ` (newest ${formatInt(records.length)} shown)` : ''}
          </span>
        </div>
      </Card>
      {stream.error ? <ErrorPanel error={stream.error} /> : null}
      <Card
        title="New records"
        actions={
          <>
            <ViewToggle value={view} onChange={onView} />
            <ExportButtons messages={records} name={`${topic}-tail`} />
          </>
        }
      >
        <div className={records.length === 0 || view === 'cards' ? 'p-4' : 'pt-1'}>
          {records.length === 0 ? (
            <p className="text-sm text-zinc-500">Nothing yet.</p>
          ) : (
            <MessageList
              messages={records}
              markers={markers}
              newestFirst
              view={view}
              topic={topic}
              cluster={cluster}
              renderQuery={{ format, keyFormat: params.keyFormat, protoType: params.protoType, avroSchema: format === 'avro' ? params.avroSchema : undefined }}
              shared={{ ...params, format }}
            />
          )}
        </div>
      </Card>
    </div>
  );
}
