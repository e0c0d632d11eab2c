'use client';

import { useQuery } from '@tanstack/react-query';
import { formatInt } from '@/lib/format';
import { topicLagQuery } from '@/lib/queries/groups';
import { StateBadge } from '../groups/state-badge';

/** The topic list's lag column: one query for all rows, each row shows its groups' state and lag. */
export function TopicLagCell({ topic, cluster }: { topic: string; cluster?: string }) {
  const q = useQuery(topicLagQuery(cluster));
  if (q.isError) return <span title={q.error instanceof Error ? q.error.message : undefined}>?</span>;
  if (!q.data) return <span className="text-zinc-400">…</span>;
  const groups = q.data.find((t) => t.topic === topic)?.groups ?? [];
  if (groups.length === 0) return <span className="text-zinc-400">no groups</span>;
  const total = groups.reduce((n, g) => n + BigInt(g.lag), 0n);
  return (
    <span className="inline-flex items-center gap-1" data-testid="topic-lag" title={groups.map((g) => `${g.groupId}: ${g.state}, lag ${g.lag}`).join('\n')}>
      {formatInt(total.toString())}
      {groups.length === 1 ? <StateBadge state={groups[0]!.state} /> : <span className="text-xs text-zinc-500">({groups.length} groups)</span>}
    </span>
  );
}
