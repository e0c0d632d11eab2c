'use client';

import { useState } from 'react';
import { addPartitionsCommand } from '@/lib/cli-commands';
import { useAddPartitions } from '@/lib/queries/topics';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input } from '../ui/input';

export function AddPartitionsDialog({
  open,
  onClose,
  topic,
  current,
  cluster,
  brokers,
}: {
  open: boolean;
  onClose: () => void;
  topic: string;
  current: number;
  cluster?: string;
  brokers: string[];
}) {
  const add = useAddPartitions(cluster, topic);
  const [count, setCount] = useState(String(current + 1));
  const n = Number(count);
  const invalid = !Number.isInteger(n) || n <= current ? `Must be a whole number greater than ${current}` : n > 10000 ? 'At most 10000 partitions' : undefined;
  return (
    <Dialog open={open} onClose={onClose} title={`Add partitions to ${topic}`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) add.mutate(n, { onSuccess: onClose });
        }}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Partitions can only be added. Keyed records may map to different partitions afterwards.</p>
        <Field label="New total partition count" error={count ? invalid : undefined}>
          <Input name="count" type="number" min={current + 1} value={count} onChange={(e) => setCount(e.target.value)} />
        </Field>
        <pre className="overflow-x-auto rounded bg-zinc-100 px-2 py-1.5 font-mono text-[11px] text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
          {addPartitionsCommand(brokers, topic, n || current)}
        </pre>
        {add.isError && <ErrorPanel error={add.error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={Boolean(invalid) || add.isPending}>
            {add.isPending ? 'Adding…' : 'Add partitions'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
