'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { TopicSummaryDto } from '@/lib/dto';
import { formatBytes, formatInt } from '@/lib/format';
import { hasCounts, type SortDir, type TopicRow, type TopicSortKey } from '@/lib/topic-list-params';
import { UnknownSize } from '../ui/unknown-size';
import { Badge } from '../ui/badge';
import { SortableTh } from '../ui/sortable-th';
import { EmptyRow, Table, Td } from '../ui/table';
import { TopicLagCell } from './topic-lag-cell';

const COLUMNS: { key: TopicSortKey; label: string; title?: string }[] = [
  { key: 'partitions', label: 'Partitions' },
  { key: 'replication', label: 'Replication' },
  { key: 'urp', label: 'Under-replicated' },
  { key: 'messages', label: 'Messages', title: 'last − first offset, summed over the partitions' },
  { key: 'size', label: 'Size', title: "bytes of the partition logs (the leaders' copies), from DescribeLogDirs" },
  { key: 'groups', label: 'Groups', title: 'consumer groups with committed offsets on the topic' },
  { key: 'lag', label: 'Lag', title: "those groups' lag on the topic, summed" },
];

const unknown = (title: string) => (
  <span className="text-zinc-400" title={title}>
    —
  </span>
);

/** The four count cells of a row whose counts are not read yet, or could not be. */
function MissingCounts({ failed }: { failed: boolean }) {
  const cell = failed ? (
    unknown('The counts could not be read (see the error above)')
  ) : (
    <span className="text-zinc-400" aria-busy="true" title="Reading the offsets, sizes and groups…" data-testid="counts-pending">
      …
    </span>
  );
  return (
    <>
      <Td numeric>{cell}</Td>
      <Td numeric data-col="size">
        {cell}
      </Td>
      <Td numeric>{cell}</Td>
      <Td numeric>{cell}</Td>
    </>
  );
}

function Counts({ t }: { t: TopicSummaryDto }) {
  return (
    <>
      <Td numeric>{formatInt(t.messages)}</Td>
      <Td numeric data-col="size">
        {t.sizeBytes === null ? <UnknownSize /> : <span title={`${formatInt(t.sizeBytes)} bytes`}>{formatBytes(t.sizeBytes)}</span>}
      </Td>
      <Td numeric>{t.groups === null ? unknown('Consumer groups could not be read') : t.groups}</Td>
      <Td numeric>
        {t.totalLag === null || t.readers === null ? unknown('Consumer groups could not be read') : <TopicLagCell readers={t.readers} totalLag={t.totalLag} />}
      </Td>
    </>
  );
}

export function TopicTable({
  topics,
  countsFailed,
  cluster,
  emptyText,
  sort,
  dir,
  onSort,
}: {
  topics: TopicRow[];
  /** rows without counts (a listing, shown first) say whether theirs failed or are still being read */
  countsFailed: boolean;
  cluster?: string;
  emptyText: string;
  sort: TopicSortKey;
  dir: SortDir;
  onSort: (column: TopicSortKey) => void;
}) {
  return (
    <Table label="Topics">
      <thead>
        <tr>
          <SortableTh label="Name" column="name" sort={sort} dir={dir} onSort={onSort} />
          {COLUMNS.map((c) => (
            <SortableTh key={c.key} label={c.label} column={c.key} sort={sort} dir={dir} onSort={onSort} numeric title={c.title} />
          ))}
        </tr>
      </thead>
      <tbody>
        {topics.length === 0 && <EmptyRow colSpan={COLUMNS.length + 1}>{emptyText}</EmptyRow>}
        {topics.map((t) => (
          <tr key={t.name} data-topic={t.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <Td>
              <Link
                href={withCluster(`/topic/${encodeURIComponent(t.name)}`, cluster)}
                className="break-all font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {t.name}
              </Link>
              {t.internal && <Badge className="ml-2">internal</Badge>}
            </Td>
            <Td numeric>{t.partitions}</Td>
            <Td numeric>{t.replicationFactor}</Td>
            <Td numeric>{t.underReplicatedPartitions > 0 ? <Badge tone="bad">{t.underReplicatedPartitions}</Badge> : '0'}</Td>
            {hasCounts(t) ? <Counts t={t} /> : <MissingCounts failed={countsFailed} />}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
