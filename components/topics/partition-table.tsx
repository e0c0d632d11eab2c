'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { PartitionDto } from '@/lib/dto';
import { formatBytes, formatInt } from '@/lib/format';
import { UnknownSize } from '../ui/unknown-size';
import { Badge } from '../ui/badge';
import { Table, Td, Th } from '../ui/table';

const PAGE = 100;

/** Offset of the first message of the last page, as Kafdrop's "Last" link. */
function tailOffset(p: PartitionDto): string {
  const last = BigInt(p.lastOffset);
  const first = BigInt(p.firstOffset);
  const start = last - BigInt(PAGE);
  return (start > first ? start : first).toString();
}

export function PartitionTable({ topic, partitions, cluster }: { topic: string; partitions: PartitionDto[]; cluster?: string }) {
  return (
    <Table label="Partitions">
      <thead>
        <tr>
          <Th numeric>Partition</Th>
          <Th numeric>First offset</Th>
          <Th numeric>Last offset</Th>
          <Th numeric>Messages</Th>
          <Th numeric title="bytes of the leader's copy of the partition log, from DescribeLogDirs">
            Size
          </Th>
          <Th numeric>Leader</Th>
          <Th>Replicas</Th>
          <Th>In sync</Th>
          <Th>Status</Th>
          <Th />
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => (
          <tr key={p.partition} data-partition={p.partition}>
            <Td numeric>{p.partition}</Td>
            <Td numeric>{formatInt(p.firstOffset)}</Td>
            <Td numeric>
              {formatInt(p.lastOffset)}
              {p.lastStableOffset !== undefined && p.lastStableOffset !== p.lastOffset && (
                <div
                  className="text-xs text-amber-700 dark:text-amber-400"
                  data-testid="lso"
                  title="Last stable offset: read_committed consumers read up to here; the offsets after it belong to a transaction still open"
                >
                  LSO {formatInt(p.lastStableOffset)}
                </div>
              )}
            </Td>
            <Td numeric>{formatInt(p.messages)}</Td>
            <Td numeric data-col="size">
              {p.sizeBytes === null || p.sizeBytes === undefined ? (
                <UnknownSize />
              ) : (
                <span title={`${formatInt(p.sizeBytes)} bytes`}>{formatBytes(p.sizeBytes)}</span>
              )}
            </Td>
            <Td numeric>{p.leader < 0 ? <Badge tone="bad">none</Badge> : p.leader}</Td>
            <Td className="font-mono">{p.replicas.join(', ')}</Td>
            <Td className="font-mono">{p.isr.join(', ')}</Td>
            <Td>
              {p.leader < 0 ? (
                <Badge tone="bad">offline</Badge>
              ) : p.underReplicated ? (
                <Badge tone="warn">under-replicated</Badge>
              ) : (
                <Badge tone="good">ok</Badge>
              )}
            </Td>
            <Td className="text-right">
              <Link
                className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
                href={withCluster(`/topic/${encodeURIComponent(topic)}/messages`, cluster, { partition: p.partition, offset: tailOffset(p), count: PAGE })}
              >
                Messages →
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
