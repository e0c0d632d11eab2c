'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { ErrorPanel } from './error-panel';
import { Field, Input } from './input';

/**
 * Destructive actions (delete a topic, a group, a group's offsets) need the thing's name typed
 * in full, so a stray click can never delete data. One dialog for all of them.
 */
export function ConfirmNameDialog({
  open,
  onClose,
  title,
  name,
  nameLabel,
  action,
  pending,
  error,
  onConfirm,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  /** what must be typed */
  name: string;
  /** label of the field, e.g. "Topic name" */
  nameLabel: string;
  /** the button, e.g. "Delete topic" */
  action: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  /** what will happen, and any warning */
  children: ReactNode;
}) {
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (!open) setTyped('');
  }, [open]);
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === name && !pending) onConfirm();
        }}
      >
        <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          It cannot be undone. Type <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">{name}</code> to confirm.
        </p>
        <Field label={nameLabel}>
          <Input name="confirm" autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field>
        {error !== null && error !== undefined && <ErrorPanel error={error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={typed !== name || pending}>
            {pending ? 'Deleting…' : action}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
