'use client';

import { useState } from 'react';
import type { ConfigEntryDto } from '@/lib/dto';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { Input } from '../ui/input';
import { EmptyRow, Table, Td, Th } from '../ui/table';

/**
 * A broker's configs (DescribeConfigs BROKER), read-only. Values that are not Kafka's defaults
 * are highlighted with where they come from: the broker's properties file (static broker), or
 * a dynamic override for this broker or the whole cluster.
 */
export function BrokerConfigTable({ configs }: { configs: ConfigEntryDto[] }) {
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const rows = configs.filter((c) => (!onlyOverrides || !c.isDefault) && (!f || c.name.includes(f)));
  const overrides = configs.filter((c) => !c.isDefault).length;
  return (
    <Card
      title={
        <div className="flex flex-wrap items-center gap-3">
          <span>Configuration</span>
          <Input
            aria-label="Filter configs"
            placeholder="Filter by name…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="h-8 w-56 font-normal"
          />
        </div>
      }
      actions={
        <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} /> Only non-default ({overrides})
        </label>
      }
    >
      <Table label="Broker configs">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Value</Th>
            <Th>Source</Th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <EmptyRow colSpan={3}>No config matches.</EmptyRow>}
          {rows.map((c) => (
            <tr key={c.name} data-config={c.name} data-default={c.isDefault} className={c.isDefault ? undefined : 'bg-indigo-50/70 dark:bg-indigo-950/30'}>
              <Td className="font-mono text-xs">{c.name}</Td>
              <Td className="max-w-xl break-all font-mono text-xs">
                {c.sensitive ? (
                  <span className="text-zinc-400">(sensitive)</span>
                ) : (
                  <span className={c.isDefault ? 'text-zinc-600 dark:text-zinc-400' : 'font-semibold'}>{c.value ?? '—'}</span>
                )}
              </Td>
              <Td className="whitespace-nowrap text-xs">
                {c.isDefault ? <span className="text-zinc-500 dark:text-zinc-400">default</span> : <Badge tone="info">{c.source}</Badge>}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
