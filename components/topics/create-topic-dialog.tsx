'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createTopicCommands } from '@/lib/cli-commands';
import { withCluster } from '@/lib/cluster-url';
import { useCreateTopic } from '@/lib/queries/topics';
import { createTopicSchema, describeZodError } from '@/lib/validation';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input } from '../ui/input';

function parseConfigs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`"${trimmed}" is not key=value`);
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return out;
}

/** The configs typed so far, for the CLI preview; lines that do not parse yet are left out. */
function previewConfigs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    try {
      Object.assign(out, parseConfigs(line));
    } catch {
      // shown as a field error on submit
    }
  }
  return out;
}

export function CreateTopicDialog({ open, onClose, cluster, brokers }: { open: boolean; onClose: () => void; cluster?: string; brokers: string[] }) {
  const router = useRouter();
  const create = useCreateTopic(cluster);
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState('3');
  const [rf, setRf] = useState('1');
  const [configs, setConfigs] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    let parsedConfigs: Record<string, string>;
    try {
      parsedConfigs = parseConfigs(configs);
    } catch (err) {
      setErrors({ configs: (err as Error).message });
      return;
    }
    const input = { name: name.trim(), partitions: Number(partitions), replicationFactor: Number(rf), configs: parsedConfigs };
    const result = createTopicSchema.safeParse(input);
    if (!result.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? 'name')] ??= issue.message;
      setErrors(Object.keys(fieldErrors).length ? fieldErrors : { name: describeZodError(result.error).message });
      return;
    }
    setErrors({});
    create.mutate(input, {
      onSuccess: (t) => {
        onClose();
        setName('');
        router.push(withCluster(`/topic/${encodeURIComponent(t.name)}`, cluster));
      },
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title="Create topic">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label="Name" error={errors.name} hint="Letters, digits, “.”, “_” and “-”; up to 249 characters.">
          <Input name="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="orders.v1" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Partitions" error={errors.partitions}>
            <Input name="partitions" type="number" min={1} value={partitions} onChange={(e) => setPartitions(e.target.value)} />
          </Field>
          <Field label="Replication factor" error={errors.replicationFactor} hint={`The cluster has ${brokers.length ? 'these' : 'its'} brokers`}>
            <Input name="replicationFactor" type="number" min={1} value={rf} onChange={(e) => setRf(e.target.value)} />
          </Field>
        </div>
        <Field label="Configs (optional, one key=value per line)" error={errors.configs}>
          <textarea
            name="configs"
            value={configs}
            onChange={(e) => setConfigs(e.target.value)}
            rows={3}
            placeholder={'retention.ms=604800000\ncleanup.policy=compact'}
            className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          />
        </Field>
        {create.isError && <ErrorPanel error={create.error} />}
        {name && (
          <pre className="overflow-x-auto rounded bg-zinc-100 px-2 py-1.5 font-mono text-[11px] text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
            {createTopicCommands(brokers, name, Number(partitions) || 1, Number(rf) || 1, previewConfigs(configs))[0]?.command}
          </pre>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create topic'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
