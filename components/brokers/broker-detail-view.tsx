'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import { formatBytes, formatInt } from '@/lib/format';
import { brokerQuery } from '@/lib/queries/brokers';
import { Badge } from '../ui/badge';
import { Card, Stat } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton, TableSkeleton } from '../ui/skeleton';
import { BrokerConfigTable } from './broker-config-table';
import { UnknownSize } from '../ui/unknown-size';

export function BrokerDetailView({ id, cluster }: { id: number; cluster?: string }) {
  const q = useQuery(brokerQuery(cluster, id));
  const d = q.data;
  const crumbs = (
    <Link href={withCluster('/brokers', cluster)} className="hover:underline">
      Brokers
    </Link>
  );
  if (q.isError) {
    return (
      <>
        <PageHeader title={`Broker ${id}`} subtitle={crumbs} />
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what={`broker ${id}`} />
      </>
    );
  }
  const b = d?.broker;
  return (
    <>
      <PageHeader
        title={
          <>
            Broker {id} {b?.controller && <Badge tone="info">controller</Badge>}
          </>
        }
        subtitle={crumbs}
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {d && b ? (
          <>
            <Stat
              label="Address"
              value={
                <span className="font-mono text-lg">
                  {b.host}:{b.port}
                </span>
              }
              hint={b.rack ? `rack ${b.rack}` : 'no rack'}
            />
            <Stat label="Partitions led" value={formatInt(b.leaderPartitions)} hint={`${formatInt(b.replicas)} replicas held`} />
            <Stat
              label="Size on disk"
              value={b.sizeBytes === null ? <UnknownSize /> : formatBytes(b.sizeBytes)}
              hint={
                b.diskUsableBytes !== null && b.diskTotalBytes !== null
                  ? `${formatBytes(b.diskUsableBytes)} free of ${formatBytes(b.diskTotalBytes)}`
                  : undefined
              }
            />
            <Stat
              label="Kafka version"
              value={<span data-testid="kafka-version">{d.version.reported ?? (d.version.guess ? `${d.version.guess} (guess)` : 'not reported')}</span>}
              hint={
                <span title={d.version.basis}>{d.version.reported ? 'reported by the cluster' : 'Kafka reports no version; guessed from ApiVersions'}</span>
              }
            />
          </>
        ) : (
          Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-[84px]" />)
        )}
      </div>
      {d?.sizeUnknownReason && (
        <p role="note" className="mb-4 text-xs text-amber-800 dark:text-amber-300">
          Sizes are unknown. {d.sizeUnknownReason}
        </p>
      )}
      {b && b.logDirs.length > 0 && (
        <p className="mb-4 text-xs text-zinc-500 dark:text-zinc-400">
          Log dirs:{' '}
          {b.logDirs.map((l) => (
            <span key={l.path} className="mr-3 font-mono">
              {l.path}
              {l.error && (
                <Badge tone="bad" className="ml-1">
                  {l.error}
                </Badge>
              )}
            </span>
          ))}
        </p>
      )}
      {d ? (
        d.configs ? (
          <BrokerConfigTable configs={d.configs} />
        ) : (
          <Card title="Configuration">
            <p role="note" className="p-4 text-sm text-amber-800 dark:text-amber-300">
              The cluster did not describe this broker's configs: {d.configsError}
            </p>
          </Card>
        )
      ) : (
        <Card title="Configuration">
          <TableSkeleton rows={8} cols={3} />
        </Card>
      )}
    </>
  );
}
