'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { TransactionDto } from '@/lib/dto';
import { withCluster } from '@/lib/cluster-url';
import { transactionsQuery } from '@/lib/queries/transactions';
import { formatTimestamp } from '@/lib/time-zone';
import { useTimeZone } from '../layout/time-zone';
import { Badge, type Tone } from '../ui/badge';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';

const TONE: Record<string, Tone> = {
  Ongoing: 'info',
  PrepareCommit: 'warn',
  PrepareAbort: 'warn',
  PrepareEpochFence: 'warn',
  CompleteCommit: 'good',
  CompleteAbort: 'bad',
  Dead: 'neutral',
  Empty: 'neutral',
};

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** How long the open transaction has run, against the timeout after which the coordinator aborts it. */
function Age({ t }: { t: TransactionDto }) {
  const zone = useTimeZone();
  if (t.ageMs === null) return <span className="text-zinc-400">—</span>;
  const late = t.ageMs > t.timeoutMs;
  const started = t.startTimeMs !== null && Number(t.startTimeMs) >= 0 ? `Started ${formatTimestamp(t.startTimeMs, zone)}` : '';
  return (
    <span
      className={late ? 'font-medium text-red-700 dark:text-red-400' : undefined}
      title={[started, late ? 'Past its timeout: the coordinator aborts it' : ''].filter(Boolean).join(' · ') || undefined}
    >
      {seconds(t.ageMs)} <span className="text-zinc-400">/ {seconds(t.timeoutMs)}</span>
    </span>
  );
}

function Partitions({ t, cluster }: { t: TransactionDto; cluster?: string }) {
  if (t.partitions.length === 0) return <span className="text-zinc-400">none</span>;
  return (
    <span className="font-mono text-xs">
      {t.partitions.map((p, i) => (
        <span key={`${p.topic}:${p.partition}`}>
          {i > 0 && ', '}
          <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href={withCluster(`/topic/${encodeURIComponent(p.topic)}`, cluster)}>
            {p.topic}
          </Link>
          -{p.partition}
        </span>
      ))}
    </span>
  );
}

/** /transactions: every transactional id the coordinators know, ongoing ones first. */
export function TransactionsView({ cluster }: { cluster?: string }) {
  const q = useQuery(transactionsQuery(cluster));
  const [filter, setFilter] = useState('');
  const all = q.data?.transactions ?? [];
  const rows = all
    .filter((t) => t.transactionalId.toLowerCase().includes(filter.trim().toLowerCase()))
    .sort((a, b) => Number(b.state === 'Ongoing') - Number(a.state === 'Ongoing') || a.transactionalId.localeCompare(b.transactionalId));
  const open = all.filter((t) => t.state === 'Ongoing').length;
  return (
    <>
      <PageHeader title="Transactions" subtitle={q.data ? `${all.length} transactional ids · ${open} ongoing` : q.isError ? undefined : 'Loading…'} />
      <Card
        title={
          <Input
            aria-label="Filter transactions"
            placeholder="Filter by transactional id…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="h-8 w-64"
          />
        }
      >
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="transactions" />
          </div>
        ) : q.data ? (
          <Table label="Transactions">
            <thead>
              <tr>
                <Th>Transactional id</Th>
                <Th>State</Th>
                <Th numeric>Producer id</Th>
                <Th numeric>Epoch</Th>
                <Th>Partitions</Th>
                <Th>Age / timeout</Th>
                <Th numeric>Coordinator</Th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <EmptyRow colSpan={7}>
                  {all.length === 0 ? 'No transactional producer has used this cluster recently.' : 'No transactional id matches the filter.'}
                </EmptyRow>
              )}
              {rows.map((t) => (
                <tr key={t.transactionalId} data-transactional-id={t.transactionalId}>
                  <Td className="font-mono">{t.transactionalId}</Td>
                  <Td>
                    <Badge tone={TONE[t.state] ?? 'neutral'}>{t.state}</Badge>
                    {t.error && <span className="ml-2 text-xs text-red-700 dark:text-red-400">{t.error}</span>}
                  </Td>
                  <Td numeric className="font-mono">
                    {t.producerId}
                  </Td>
                  <Td numeric>{t.producerEpoch}</Td>
                  <Td>
                    <Partitions t={t} cluster={cluster} />
                  </Td>
                  <Td>
                    <Age t={t} />
                  </Td>
                  <Td numeric>{t.coordinator}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton rows={4} cols={7} />
        )}
      </Card>
    </>
  );
}
