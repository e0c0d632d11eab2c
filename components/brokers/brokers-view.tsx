'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { BrokerSummaryDto } from '@/lib/dto';
import { formatBytes, formatInt } from '@/lib/format';
import { brokersQuery } from '@/lib/queries/brokers';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton, TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { UnknownSize } from '../ui/unknown-size';

/** Free space of a broker's log-dir file systems, as DescribeLogDirs v4 reports it. */
function Disk({ b }: { b: BrokerSummaryDto }) {
  if (b.diskTotalBytes === null || b.diskUsableBytes === null)
    return (
      <span className="text-zinc-400" title="The broker does not report its file systems (DescribeLogDirs before v4)">
        —
      </span>
    );
  return (
    <span title={`${formatInt(b.diskUsableBytes)} of ${formatInt(b.diskTotalBytes)} bytes free`}>
      {formatBytes(b.diskUsableBytes)} free of {formatBytes(b.diskTotalBytes)}
    </span>
  );
}

export function BrokersView({ cluster }: { cluster?: string }) {
  const q = useQuery(brokersQuery(cluster));
  const d = q.data;
  return (
    <>
      <PageHeader
        title="Brokers"
        subtitle={
          d ? (
            d.clusterId && (
              <>
                Cluster id <code className="font-mono">{d.clusterId}</code>
              </>
            )
          ) : q.isError ? undefined : (
            <Skeleton className="h-4 w-64" />
          )
        }
      />
      <Card title="Brokers">
        {d?.sizeUnknownReason && (
          <p role="note" className="border-b border-zinc-200 px-4 py-2 text-xs text-amber-800 dark:border-zinc-800 dark:text-amber-300">
            Sizes are unknown. {d.sizeUnknownReason}
          </p>
        )}
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="brokers" />
          </div>
        ) : d ? (
          <Table label="Brokers">
            <thead>
              <tr>
                <Th numeric>ID</Th>
                <Th>Host</Th>
                <Th numeric>Port</Th>
                <Th>Rack</Th>
                <Th>Role</Th>
                <Th numeric>Partitions led</Th>
                <Th numeric>Replicas</Th>
                <Th numeric>Size on disk</Th>
                <Th>Disk</Th>
              </tr>
            </thead>
            <tbody>
              {d.brokers.length === 0 && <EmptyRow colSpan={9}>The cluster lists no brokers.</EmptyRow>}
              {d.brokers.map((b) => (
                <tr key={b.id} data-broker={b.id}>
                  <Td numeric>
                    <Link
                      href={withCluster(`/broker/${b.id}`, cluster)}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      aria-label={`Broker ${b.id}`}
                    >
                      {b.id}
                    </Link>
                  </Td>
                  <Td className="font-mono">{b.host}</Td>
                  <Td numeric>{b.port}</Td>
                  <Td>{b.rack ?? <span className="text-zinc-400">—</span>}</Td>
                  <Td>{b.controller ? <Badge tone="info">controller</Badge> : <Badge>broker</Badge>}</Td>
                  <Td numeric>{formatInt(b.leaderPartitions)}</Td>
                  <Td numeric>{formatInt(b.replicas)}</Td>
                  <Td numeric>{b.sizeBytes === null ? <UnknownSize /> : <span title={`${formatInt(b.sizeBytes)} bytes`}>{formatBytes(b.sizeBytes)}</span>}</Td>
                  <Td className="whitespace-nowrap text-xs">
                    <Disk b={b} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton rows={2} cols={8} />
        )}
      </Card>
    </>
  );
}
