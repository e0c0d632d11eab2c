'use client';

import { useQuery } from '@tanstack/react-query';
import type { ActiveProducerDto } from '@/lib/dto';
import { formatInt } from '@/lib/format';
import { topicProducersQuery } from '@/lib/queries/transactions';
import { Timestamp } from '../layout/time-zone';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';

/** Idempotent and transactional producers with state on each partition (DescribeProducers). */
export function TopicProducers({ topic, cluster }: { topic: string; cluster?: string }) {
  const q = useQuery(topicProducersQuery(cluster, topic));
  const rows = (q.data ?? []).flatMap((p): { partition: number; error?: string; a: ActiveProducerDto | null }[] =>
    p.producers.length
      ? p.producers.map((a) => ({ partition: p.partition, error: p.error, a }))
      : p.error
        ? [{ partition: p.partition, error: p.error, a: null }]
        : [],
  );
  return (
    <Card title="Active producers">
      {q.isError ? (
        <div className="p-4">
          <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="active producers" />
        </div>
      ) : q.data ? (
        <Table label="Active producers">
          <thead>
            <tr>
              <Th numeric>Partition</Th>
              <Th numeric>Producer id</Th>
              <Th numeric>Epoch</Th>
              <Th numeric>Last sequence</Th>
              <Th>Last write</Th>
              <Th>Open transaction</Th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && <EmptyRow colSpan={6}>No idempotent or transactional producer has state on this topic.</EmptyRow>}
            {rows.map(({ partition, error, a }) => (
              <tr key={`${partition}:${a?.producerId ?? 'error'}`} data-partition={partition}>
                <Td numeric>{partition}</Td>
                {a ? (
                  <>
                    <Td numeric className="font-mono">
                      {a.producerId}
                    </Td>
                    <Td numeric>{a.producerEpoch}</Td>
                    <Td numeric>{a.lastSequence}</Td>
                    <Td>{Number(a.lastTimestamp) < 0 ? '—' : <Timestamp ms={a.lastTimestamp} millis={false} />}</Td>
                    <Td>
                      {a.currentTxnStartOffset === null ? (
                        <span className="text-zinc-400">none</span>
                      ) : (
                        <Badge tone="info">since offset {formatInt(a.currentTxnStartOffset)}</Badge>
                      )}
                    </Td>
                  </>
                ) : (
                  <Td colSpan={5} className="text-red-700 dark:text-red-400">
                    {error}
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <TableSkeleton rows={2} cols={6} />
      )}
    </Card>
  );
}
