'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { alterConfigCommand } from '@/lib/cli-commands';
import { humanizeConfig } from '@/lib/config-humanize';
import type { ConfigEntryDto } from '@/lib/dto';
import { useCan } from '@/lib/queries/access';
import { topicConfigsQuery, useAlterConfigs } from '@/lib/queries/topics';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { TableSkeleton } from '../ui/skeleton';
import { Table, Td, Th } from '../ui/table';

type Done = { onSuccess: () => void };

/** "7 days", "1 GiB", "no limit": the raw value (what Kafka stores and the editor shows) on hover. */
function ConfigValue({ entry }: { entry: ConfigEntryDto }) {
  const human = humanizeConfig(entry.name, entry.value);
  const tone = entry.isDefault ? 'text-zinc-600 dark:text-zinc-400' : 'font-semibold';
  if (human === null) return <span className={tone}>{entry.value ?? '—'}</span>;
  return (
    <span className={`${tone} font-sans`} title={entry.value ?? undefined} data-raw={entry.value ?? undefined}>
      {human}
    </span>
  );
}

function ConfigRow({
  entry,
  onSave,
  onReset,
  busy,
  command,
  editable,
  error,
}: {
  entry: ConfigEntryDto;
  onSave: (v: string, done: Done) => void;
  onReset: () => void;
  busy: boolean;
  command: string;
  editable: boolean;
  error: unknown;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(entry.value ?? '');
  const overridden = !entry.isDefault;
  return (
    <tr data-config={entry.name} className={overridden ? 'bg-indigo-50/70 dark:bg-indigo-950/30' : undefined}>
      <Td className="font-mono text-xs">
        {entry.name}
        {overridden && (
          <Badge tone="info" className="ml-2">
            {entry.source}
          </Badge>
        )}
      </Td>
      <Td className="font-mono text-xs">
        {editing ? (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              // The editor stays open when the cluster refuses the value, with its message below.
              onSave(value, { onSuccess: () => setEditing(false) });
            }}
          >
            <Input aria-label={`Value of ${entry.name}`} value={value} onChange={(e) => setValue(e.target.value)} className="h-7 font-mono text-xs" autoFocus />
            <Button size="sm" type="submit" variant="primary" disabled={busy}>
              Save
            </Button>
            <Button size="sm" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </form>
        ) : entry.sensitive ? (
          <span className="text-zinc-400">(sensitive)</span>
        ) : (
          <ConfigValue entry={entry} />
        )}
        {error !== null && error !== undefined && (
          <div className="mt-2 font-sans">
            <ErrorPanel error={error} />
          </div>
        )}
      </Td>
      <Td className="whitespace-nowrap text-right">
        {editable && !entry.readOnly && !editing && (
          <>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setValue(entry.value ?? '');
                setEditing(true);
              }}
              title={command}
            >
              Edit
            </Button>
            {overridden && (
              <Button size="sm" variant="ghost" disabled={busy} onClick={onReset}>
                Reset
              </Button>
            )}
          </>
        )}
        {entry.readOnly && <span className="text-xs text-zinc-400">read-only</span>}
      </Td>
    </tr>
  );
}

export function ConfigTable({ topic, cluster, brokers }: { topic: string; cluster?: string; brokers: string[] }) {
  const q = useQuery(topicConfigsQuery(cluster, topic));
  const alter = useAlterConfigs(cluster, topic);
  const can = useCan(cluster);
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const rows = (q.data ?? []).filter((c) => !onlyOverrides || !c.isDefault);
  // A failed change is shown at the row of the key it tried to change.
  const failedKeys = alter.isError && alter.variables ? [...Object.keys(alter.variables.set ?? {}), ...(alter.variables.reset ?? [])] : [];
  return (
    <Card
      title="Configuration"
      actions={
        <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} /> Only non-default
        </label>
      }
    >
      {q.isError ? (
        <div className="p-4">
          <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="configs" />
        </div>
      ) : q.data ? (
        <Table label="Configs">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Value</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <ConfigRow
                key={`${c.name}:${c.value}`}
                entry={c}
                busy={alter.isPending}
                editable={can('topic.configs')}
                command={alterConfigCommand(brokers, topic, c.name, c.value)}
                error={failedKeys.includes(c.name) ? alter.error : null}
                onSave={(v, done) => alter.mutate({ set: { [c.name]: v } }, done)}
                onReset={() => alter.mutate({ reset: [c.name] })}
              />
            ))}
          </tbody>
        </Table>
      ) : (
        <TableSkeleton rows={8} cols={2} />
      )}
    </Card>
  );
}
