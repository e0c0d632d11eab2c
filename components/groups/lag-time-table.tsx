'use client';

import { useQuery } from '@tanstack/react-query';
import type { PartitionLagTimeDto } from '@/lib/dto';
import { formatDuration, formatInt, formatRate } from '@/lib/format';
import { lagTimeQuery } from '@/lib/queries/groups';
import { Badge, type Tone } from '../ui/badge';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { Skeleton } from '../ui/skeleton';

const TREND: Record<PartitionLagTimeDto['trend'], { tone: Tone; label: string }> = {
  'caught-up': { tone: 'good', label: 'caught up' },
  'catching-up': { tone: 'info', label: 'catching up' },
  'falling-behind': { tone: 'bad', label: 'falling behind' },
  unknown: { tone: 'neutral', label: 'measuring…' },
};

function Eta({ p }: { p: Pick<PartitionLagTimeDto, 'etaSec' | 'trend'> }) {
  const t = TREND[p.trend];
  return <Badge tone={t.tone}>{p.trend === 'catching-up' ? `${formatDuration((p.etaSec ?? 0) * 1000)} to catch up` : t.label}</Badge>;
}

/** Per partition: lag in records and in time, consume and produce rates, and when it catches up. */
export function LagTimeTable({ groupId, cluster }: { groupId: string; cluster?: string }) {
  const q = useQuery(lagTimeQuery(cluster, groupId));
  const d = q.data;
  return (
    <Card
      title="Lag in time"
      actions={
        d && (
          <span className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="lag-time-summary">
            behind by <b>{formatDuration(d.maxLagMs)}</b> · consuming {formatRate(d.consumeRate)} · producing {formatRate(d.produceRate)} <Eta p={d} />
          </span>
        )
      }
    >
      {q.isError ? (
        <ErrorPanel error={q.error} />
      ) : !d ? (
        <Skeleton className="h-24" />
      ) : (
        <Table label="Lag in time">
          <thead>
            <tr>
              <Th>Topic</Th>
              <Th numeric>Partition</Th>
              <Th numeric>Lag</Th>
              <Th numeric>Behind by</Th>
              <Th numeric>Consume rate</Th>
              <Th numeric>Produce rate</Th>
              <Th>Catch-up</Th>
            </tr>
          </thead>
          <tbody>
            {d.partitions.length === 0 && <EmptyRow colSpan={7}>No committed offsets.</EmptyRow>}
            {d.partitions.map((p) => (
              <tr key={`${p.topic}:${p.partition}`} data-testid="lag-time-row">
                <Td>{p.topic}</Td>
                <Td numeric>{p.partition}</Td>
                <Td numeric>{formatInt(p.lag)}</Td>
                <Td numeric>{formatDuration(p.lagMs)}</Td>
                <Td numeric>{formatRate(p.consumeRate)}</Td>
                <Td numeric>{formatRate(p.produceRate)}</Td>
                <Td>
                  <Eta p={p} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
