'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { useDeleteTopic } from '@/lib/queries/topics';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input } from '../ui/input';

/** Deletion needs the topic's name typed in full, so a stray click can never delete data. */
export function DeleteTopicDialog({ open, onClose, cluster, topic }: { open: boolean; onClose: () => void; cluster?: string; topic: string }) {
  const router = useRouter();
  const del = useDeleteTopic(cluster);
  const [typed, setTyped] = useState('');
  return (
    <Dialog open={open} onClose={onClose} title={`Delete topic ${topic}`}>
      <div className="space-y-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This deletes the topic and all its messages. It cannot be undone. Type <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">{topic}</code> to confirm.
        </p>
        <Field label="Topic name">
          <Input name="confirm" autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field>
        {del.isError && <ErrorPanel error={del.error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            disabled={typed !== topic || del.isPending}
            onClick={() => del.mutate(topic, { onSuccess: () => router.push(withCluster('/topics', cluster)) })}
          >
            {del.isPending ? 'Deleting…' : 'Delete topic'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
