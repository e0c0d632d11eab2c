'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { GroupMemberDto, GroupOffsetDto } from '@/lib/dto';
import { formatInt } from '@/lib/format';
import { Button } from '../ui/button';
import { EmptyRow, Table, Td, Th } from '../ui/table';

const partitionList = (assignments: GroupMemberDto['assignments']): string => assignments.map((a) => `${a.topic}: ${a.partitions.join(', ')}`).join(' · ');

/** Members of either kind of group; consumer-protocol (KIP-848) members also show their epoch and, while reconciling, their target. */
export function MembersTable({ members, consumerProtocol = false }: { members: GroupMemberDto[]; consumerProtocol?: boolean }) {
  const cols = consumerProtocol ? 5 : 4;
  return (
    <Table label="Members">
      <thead>
        <tr>
          <Th>Client id</Th>
          <Th>Host</Th>
          <Th>Member id</Th>
          {consumerProtocol && <Th numeric>Member epoch</Th>}
          <Th>Assigned partitions</Th>
        </tr>
      </thead>
      <tbody>
        {members.length === 0 && <EmptyRow colSpan={cols}>No active members: the group is empty.</EmptyRow>}
        {members.map((m) => {
          const assigned = partitionList(m.assignments);
          const target = m.targetAssignments ? partitionList(m.targetAssignments) : assigned;
          return (
            <tr key={m.memberId}>
              <Td>{m.clientId}</Td>
              <Td className="font-mono text-xs">{m.host}</Td>
              <Td className="max-w-64 truncate font-mono text-xs" title={m.memberId}>
                {m.memberId}
              </Td>
              {consumerProtocol && <Td numeric>{m.memberEpoch ?? '—'}</Td>}
              <Td className="text-xs">
                {assigned || '—'}
                {target !== assigned && (
                  <span className="ml-2 text-zinc-500" title="What the broker's assignor means this member to own once it has reconciled">
                    → target {target || 'none'}
                  </span>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export function OffsetsTable({ offsets, cluster, onDeleteTopic }: { offsets: GroupOffsetDto[]; cluster?: string; onDeleteTopic?: (topic: string) => void }) {
  const topics = [...new Set(offsets.map((o) => o.topic))];
  return (
    <Table label="Committed offsets">
      <thead>
        <tr>
          <Th>Topic</Th>
          <Th numeric>Partition</Th>
          <Th numeric>Committed</Th>
          <Th numeric>Log end</Th>
          <Th numeric>Lag</Th>
          <Th>Consumer</Th>
        </tr>
      </thead>
      <tbody>
        {offsets.length === 0 && <EmptyRow colSpan={6}>This group has not committed any offsets.</EmptyRow>}
        {topics.map((t) => {
          const rows = offsets.filter((o) => o.topic === t);
          const lag = rows.reduce((s, r) => s + BigInt(r.lag), 0n);
          return [
            ...rows.map((o) => (
              <tr key={`${t}:${o.partition}`}>
                <Td>
                  <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={withCluster(`/topic/${encodeURIComponent(t)}`, cluster)}>
                    {t}
                  </Link>
                </Td>
                <Td numeric>{o.partition}</Td>
                <Td numeric>{formatInt(o.committedOffset)}</Td>
                <Td numeric>{formatInt(o.logEndOffset)}</Td>
                <Td numeric className={BigInt(o.lag) > 0n ? 'text-amber-700 dark:text-amber-300' : undefined}>
                  {formatInt(o.lag)}
                </Td>
                <Td className="max-w-64 truncate text-xs" title={o.owner ? `${o.owner.memberId} (${o.owner.host})` : 'No member holds this partition'}>
                  {o.owner ? o.owner.clientId || o.owner.memberId : '—'}
                </Td>
              </tr>
            )),
            <tr key={`${t}:total`} className="bg-zinc-50 dark:bg-zinc-900/60">
              <Td className="text-xs font-semibold">
                {t} total
                {onDeleteTopic && (
                  <Button size="sm" variant="ghost" className="ml-2" onClick={() => onDeleteTopic(t)}>
                    Delete offsets
                  </Button>
                )}
              </Td>
              <Td />
              <Td />
              <Td />
              <Td numeric className="font-semibold">
                {formatInt(lag)}
              </Td>
              <Td />
            </tr>,
          ];
        })}
      </tbody>
    </Table>
  );
}
