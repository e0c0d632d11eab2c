'use client';

import { useRef, useState } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import type { MarkerDto, MessageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Select } from '../ui/input';
import { ExportButtons } from './export-buttons';
import { FormatSelect } from './format-select';
import { MessageList } from './message-card';
import { capped, useEventStream } from './use-event-stream';

const MAX_SHOWN = 1000;

/**
 * Live tail. Pause closes the stream (the server stops reading) and keeps the cursor; Resume
 * reopens from it, so nothing produced while paused is missed.
 */
export function TailPanel({ topic, cluster, partitionCount, isolation }: { topic: string; cluster?: string; partitionCount: number; isolation?: string }) {
  const [partition, setPartition] = useState('all');
  const [format, setFormat] = useState('auto');
  const [records, setRecords] = useState<MessageDto[]>([]);
  // Every record received, not just the newest MAX_SHOWN kept on screen.
  const [received, setReceived] = useState(0);
  const [markers, setMarkers] = useState<MarkerDto[]>([]);
  const cursor = useRef<string | null>(null);
  const [paused, setPaused] = useState(false);
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
  const open = (from: string | null) => {
    setReady(false);
    stream.start(apiUrl(`/topics/${encodeURIComponent(topic)}/tail`, cluster, { partition, format, isolation, cursor: from ?? undefined }));
  };
  const start = () => {
    setRecords([]);
    setReceived(0);
    setMarkers([]);
    setPaused(false);
    cursor.current = null;
    open(null);
  };
  const pause = () => {
    stream.stop();
    setPaused(true);
  };
  const resume = () => {
    setPaused(false);
    open(cursor.current);
  };
  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end gap-3 p-4">
          <Field label="Partition">
            <Select aria-label="Tail partition" value={partition} disabled={stream.running || paused} onChange={(e) => setPartition(e.target.value)}>
              <option value="all">All</option>
              {Array.from({ length: partitionCount }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Value format">
            <FormatSelect label="Tail value format" value={format} onChange={setFormat} />
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
              <Button onClick={() => setPaused(false)}>Stop</Button>
            </>
          )}
          <span role="status" aria-label="Tail status" className="text-sm text-zinc-500">
            {stream.running ? (ready ? 'Live: waiting for new records…' : 'Connecting…') : paused ? 'Paused' : 'Stopped'} · {formatInt(received)} received{received > records.length ? ` (newest ${formatInt(records.length)} shown)` : ''}
          </span>
        </div>
      </Card>
      {stream.error ? <ErrorPanel error={stream.error} /> : null}
      <Card title="New records" actions={<ExportButtons messages={records} name={`${topic}-tail`} />}>
        <div className="p-4">
          {records.length === 0 ? <p className="text-sm text-zinc-500">Nothing yet.</p> : <MessageList messages={records} markers={markers} newestFirst topic={topic} cluster={cluster} renderQuery={{ format }} />}
        </div>
      </Card>
    </div>
  );
}
