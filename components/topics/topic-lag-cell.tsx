'use client';

import type { TopicReaderDto } from '@/lib/dto';
import { formatInt } from '@/lib/format';
import { StateBadge } from '../groups/state-badge';

/** The topic list's lag column: the row's groups (from the topic list itself), their state and lag. */
export function TopicLagCell({ readers, totalLag }: { readers: TopicReaderDto[]; totalLag: string }) {
  if (readers.length === 0) return <span className="text-zinc-400">no groups</span>;
  return (
    <span className="inline-flex items-center gap-1" data-testid="topic-lag" title={readers.map((g) => `${g.groupId}: ${g.state}, lag ${g.lag}`).join('\n')}>
      {formatInt(totalLag)}
      {readers.length === 1 ? <StateBadge state={readers[0]!.state} /> : <span className="text-xs text-zinc-500">({readers.length} groups)</span>}
    </span>
  );
}
