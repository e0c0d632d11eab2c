'use client';

import { useState } from 'react';
import { resetCommand, type ResetCliStrategy } from '@/lib/cli-commands';
import type { ResetPreviewDto } from '@/lib/dto';
import { formatInt } from '@/lib/format';
import { useApplyReset, useResetPreview } from '@/lib/queries/groups';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { Table, Td, Th } from '../ui/table';

type Kind = ResetCliStrategy['type'];

/** The strategy the inputs describe, or the field error that keeps Preview and Apply waiting. */
function strategyOf(kind: Kind, value: string): { strategy: ResetCliStrategy } | { error: string } {
  const v = value.trim();
  if (kind === 'timestamp') {
    const ms = v === '' ? NaN : new Date(v).getTime();
    return Number.isFinite(ms)
      ? { strategy: { type: 'timestamp', timestamp: String(ms) } }
      : { error: v === '' ? 'Choose a date and time' : 'Not a valid date and time' };
  }
  if (kind === 'offset') return /^\d{1,19}$/.test(v) ? { strategy: { type: 'offset', offset: v } } : { error: 'Enter an offset (a whole number ≥ 0)' };
  if (kind === 'shift')
    return /^[+-]?\d{1,19}$/.test(v) ? { strategy: { type: 'shift', by: v.replace(/^\+/, '') } } : { error: 'Enter a whole number such as -10 or 5' };
  return { strategy: { type: kind } };
}

/** Reset in two steps: compute a preview (nothing changes), then apply exactly the previewed offsets. */
export function ResetOffsetsDialog({
  open,
  onClose,
  groupId,
  topics,
  cluster,
  brokers,
}: {
  open: boolean;
  onClose: () => void;
  groupId: string;
  topics: string[];
  cluster?: string;
  brokers: string[];
}) {
  const preview = useResetPreview(cluster, groupId);
  const apply = useApplyReset(cluster, groupId);
  const [kind, setKind] = useState<Kind>('earliest');
  const [value, setValue] = useState('');
  const [topic, setTopic] = useState('');
  const [partition, setPartition] = useState('');
  const [shown, setShown] = useState<ResetPreviewDto | null>(null);
  const needsValue = kind === 'timestamp' || kind === 'offset' || kind === 'shift';
  const parsed = strategyOf(kind, value);
  const strategy = 'strategy' in parsed ? parsed.strategy : null;
  const fieldError = 'error' in parsed ? parsed.error : undefined;
  const part = partition === '' ? undefined : Number(partition);
  const adjusted = shown?.rows.filter((r) => r.adjusted) ?? [];

  function runPreview() {
    if (!strategy) return;
    setShown(null);
    apply.reset();
    preview.mutate({ strategy, topic: topic || undefined, partition: part }, { onSuccess: setShown });
  }
  function runApply() {
    if (!shown || shown.blockedReason) return;
    apply.mutate(
      { offsets: shown.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset })) },
      {
        onSuccess: () => {
          setShown(null);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Reset offsets of ${groupId}`} wide>
      <div className="space-y-4">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Field label="Reset to">
            <Select
              name="strategy"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setShown(null);
              }}
            >
              <option value="earliest">Earliest</option>
              <option value="latest">Latest</option>
              <option value="timestamp">Timestamp</option>
              <option value="offset">Specific offset</option>
              <option value="shift">Shift by ±N</option>
            </Select>
          </Field>
          {needsValue && (
            <Field
              label={kind === 'timestamp' ? 'Date and time' : kind === 'offset' ? 'Offset' : 'Shift by'}
              error={value !== '' || kind === 'timestamp' ? fieldError : undefined}
            >
              <Input
                name="value"
                type={kind === 'timestamp' ? 'datetime-local' : 'text'}
                step={kind === 'timestamp' ? 1 : undefined}
                value={value}
                onChange={(e) => {
                  setValue(e.target.value);
                  setShown(null);
                }}
                placeholder={kind === 'shift' ? '-10' : '0'}
              />
            </Field>
          )}
          <div className="col-span-2">
            <Field label="Topic">
              <Select
                name="topic"
                value={topic}
                onChange={(e) => {
                  setTopic(e.target.value);
                  setPartition('');
                  setShown(null);
                }}
              >
                <option value="">All topics of the group</option>
                {topics.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {topic && (
            <Field label="Partition">
              <Input
                name="partition"
                type="number"
                min={0}
                placeholder="all"
                value={partition}
                onChange={(e) => {
                  setPartition(e.target.value);
                  setShown(null);
                }}
              />
            </Field>
          )}
        </div>
        <pre className="overflow-x-auto rounded bg-zinc-100 px-2 py-1.5 font-mono text-[11px] text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
          {strategy ? resetCommand(brokers, groupId, strategy, topic || undefined, part, Boolean(shown)) : `# ${fieldError}`}
        </pre>
        {preview.isError && <ErrorPanel error={preview.error} />}
        {shown && (
          <div className="max-h-72 overflow-y-auto rounded-md border border-zinc-200 dark:border-zinc-800">
            <Table label="Reset preview">
              <thead>
                <tr>
                  <Th>Topic</Th>
                  <Th numeric>Partition</Th>
                  <Th numeric>Current</Th>
                  <Th numeric>New</Th>
                  <Th numeric>Lag after</Th>
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((r) => (
                  <tr key={`${r.topic}:${r.partition}`}>
                    <Td>{r.topic}</Td>
                    <Td numeric>{r.partition}</Td>
                    <Td numeric>{formatInt(r.currentOffset)}</Td>
                    <Td numeric className="font-semibold text-indigo-700 dark:text-indigo-300">
                      {formatInt(r.newOffset)}
                    </Td>
                    <Td numeric>{formatInt(r.lagAfter)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
        {adjusted.length > 0 && (
          <div role="status" aria-label="Adjusted offsets" className="text-sm text-amber-700 dark:text-amber-300">
            {adjusted.length === 1 ? '1 offset lies' : `${adjusted.length} offsets lie`} outside the log and will be moved, as Kafka&apos;s tool does:
            <ul className="ml-4 list-disc">
              {adjusted.slice(0, 5).map((r) => (
                <li key={`${r.topic}:${r.partition}`}>
                  {r.topic}:{r.partition}: {r.adjusted}
                </li>
              ))}
            </ul>
          </div>
        )}
        {shown?.blockedReason && (
          <p id="reset-blocked" className="text-sm text-amber-700 dark:text-amber-300">
            {shown.blockedReason}
          </p>
        )}
        {apply.isError && <ErrorPanel error={apply.error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button onClick={runPreview} disabled={preview.isPending || !strategy}>
            {preview.isPending ? 'Computing…' : 'Preview'}
          </Button>
          <Button
            variant="primary"
            onClick={runApply}
            disabled={!shown || Boolean(shown.blockedReason) || apply.isPending}
            aria-describedby={shown?.blockedReason ? 'reset-blocked' : undefined}
            title={shown?.blockedReason ?? undefined}
          >
            {apply.isPending ? 'Applying…' : `Apply ${shown ? shown.rows.length : ''} offsets`}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
