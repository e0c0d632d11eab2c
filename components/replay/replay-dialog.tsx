'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import { formatInt } from '@/lib/format';
import { useCan } from '@/lib/queries/access';
import type { HeaderEdit, JobSpecInput, Partitioning, ReplayJobDto, ReplayPreviewDto, Selection } from '@/lib/replay/params';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { HeaderEdits } from './header-edits';
import { JobProgress } from './job-progress';
import { PreviewTable } from './preview-table';

/**
 * Replay (copy records to this or another topic) or redrive (send dead-lettered records back to
 * their origin): the selection, options, a dry run with the first records, then the job's progress.
 * Without the right to start jobs (or in read-only mode) only the dry run is offered.
 */
export function ReplayDialog({
  topic,
  cluster,
  initial,
  mode: initialMode,
  onClose,
}: {
  topic: string;
  cluster?: string;
  initial: Selection;
  mode: 'replay' | 'redrive';
  onClose: () => void;
}) {
  const can = useCan(cluster);
  const [mode, setMode] = useState(initialMode);
  const [range, setRange] = useState(initial.kind === 'range' ? { partition: String(initial.partition), from: initial.from, to: initial.to ?? '' } : null);
  const [target, setTarget] = useState('');
  const [partitioning, setPartitioning] = useState<Partitioning>(initialMode === 'redrive' ? 'same' : 'same');
  const [rate, setRate] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [headerEdits, setHeaderEdits] = useState<HeaderEdit[]>([]);
  // The preview decodes as the message view does: its formats are in the page's URL.
  const url = useSearchParams();
  const view = Object.fromEntries(['format', 'keyFormat', 'protoType', 'keyProtoType', 'avroSchema', 'keyAvroSchema'].map((k) => [k, url.get(k) ?? undefined]));
  const [preview, setPreview] = useState<ReplayPreviewDto | null>(null);
  const [job, setJob] = useState<ReplayJobDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const selection = (): Selection =>
    range ? { kind: 'range', partition: Number(range.partition), from: range.from.trim(), ...(range.to.trim() ? { to: range.to.trim() } : {}) } : initial;
  const spec = (): JobSpecInput => ({
    mode,
    topic,
    selection: selection(),
    ...(mode === 'replay' && target.trim() ? { targetTopic: target.trim() } : {}),
    partitioning,
    ...(rate.trim() ? { ratePerSec: Number(rate) } : {}),
    edit: { ...(key !== null ? { key } : {}), ...(value !== null ? { value } : {}), ...(headerEdits.length ? { headerEdits } : {}) },
  });
  const call = async <T,>(path: string, then: (t: T) => void, query: Record<string, string | undefined> = {}) => {
    setBusy(true);
    setError(null);
    try {
      then(await fetchJson<T>(apiUrl(path, cluster, query), { method: 'POST', body: JSON.stringify(spec()) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const dryRun = (e?: FormEvent) => {
    e?.preventDefault();
    void call<ReplayPreviewDto>('/replay/preview', setPreview, view);
  };
  const title = mode === 'redrive' ? `Redrive dead letters from ${topic}` : `Replay records of ${topic}`;
  return (
    <Dialog open onClose={onClose} title={title} wide>
      {job ? (
        <div className="space-y-3">
          <JobProgress job={job} cluster={cluster} />
          <div className="flex justify-end">
            <Button onClick={onClose}>Close</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={dryRun} className="space-y-3">
          <div className="grid grid-cols-2 gap-3">
            <Field label="Mode">
              <Select
                value={mode}
                onChange={(e) => {
                  setMode(e.target.value as 'replay' | 'redrive');
                  setPreview(null);
                }}
              >
                <option value="replay">Replay (copy to a topic)</option>
                <option value="redrive">Redrive (back to each record&apos;s origin)</option>
              </Select>
            </Field>
            {mode === 'replay' ? (
              <Field label="Target topic" hint={`Empty: ${topic} itself`}>
                <Input value={target} onChange={(e) => setTarget(e.target.value)} placeholder={topic} />
              </Field>
            ) : (
              <p className="self-end text-xs text-zinc-500">
                Each record goes to the topic in its kafka_dlt-original-topic header; records without it are skipped.
              </p>
            )}
          </div>
          {range ? (
            <div className="grid grid-cols-3 gap-3">
              <Field label="Partition">
                <Input inputMode="numeric" value={range.partition} onChange={(e) => setRange({ ...range, partition: e.target.value })} />
              </Field>
              <Field label="From offset">
                <Input inputMode="numeric" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
              </Field>
              <Field label="To offset (inclusive)" hint="Empty: up to the end now">
                <Input inputMode="numeric" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
              </Field>
            </div>
          ) : (
            <p className="text-sm">
              {formatInt(initial.kind === 'records' ? initial.records.length : 0)} selected record
              {initial.kind === 'records' && initial.records.length === 1 ? '' : 's'}
            </p>
          )}
          <div className="grid grid-cols-2 gap-3">
            <Field label="Partitioning">
              <Select value={partitioning} onChange={(e) => setPartitioning(e.target.value as Partitioning)}>
                <option value="same">{mode === 'redrive' ? 'Original partition' : 'Same partition'}</option>
                <option value="key">By key (as Kafka&apos;s producer)</option>
                <option value="round-robin">Round robin</option>
              </Select>
            </Field>
            <Field label="Rate limit (records/s)" hint="Empty: no limit">
              <Input inputMode="numeric" value={rate} onChange={(e) => setRate(e.target.value)} />
            </Field>
          </div>
          <EditField label="Replace key" value={key} onChange={setKey} />
          <EditField label="Replace value" value={value} onChange={setValue} />
          <HeaderEdits edits={headerEdits} onChange={setHeaderEdits} />
          {preview && <PreviewTable preview={preview} />}
          {error ? <ErrorPanel error={error} /> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Close</Button>
            <Button type="submit" disabled={busy}>
              Dry run
            </Button>
            {can('replay.start') && (
              <Button
                variant="primary"
                disabled={busy || !preview || preview.count === 0}
                onClick={() => void call<ReplayJobDto>('/replay', setJob)}
                title={preview ? undefined : 'Run the dry run first'}
              >
                Start {mode}
              </Button>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}

function EditField({ label, value, onChange }: { label: string; value: string | null; onChange: (v: string | null) => void }) {
  return (
    <div className="space-y-1 text-sm">
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? '' : null)} />
        {label} for every record
      </label>
      {value !== null && (
        <textarea
          aria-label={`${label} text`}
          className="h-20 w-full rounded-md border border-zinc-300 p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
