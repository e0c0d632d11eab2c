'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { MessageDto } from '@/lib/messages/dto';
import { Button } from '../ui/button';
import { setComparePick, useComparePick } from './compare-store';

/**
 * A record's diff actions: pick it as the first side of a comparison (or compare it with the
 * record picked before, in this topic or another), and open the history of its key.
 */
export function RecordDiffActions({
  m,
  topic,
  cluster,
  renderQuery = {},
}: {
  m: MessageDto;
  topic: string;
  cluster?: string;
  renderQuery?: Record<string, string | undefined>;
}) {
  const pick = useComparePick();
  const samePick = pick && pick.topic === topic && pick.partition === m.partition && pick.offset === m.offset && pick.cluster === cluster;
  const usable = pick && !samePick && pick.cluster === cluster;
  const compareHref = usable
    ? withCluster(`/topic/${encodeURIComponent(pick.topic)}/diff`, cluster, {
        ...renderQuery,
        a: `${pick.partition}:${pick.offset}`,
        b: pick.topic === topic ? `${m.partition}:${m.offset}` : `${topic}:${m.partition}:${m.offset}`,
      })
    : null;
  return (
    <span className="flex gap-1" data-testid="diff-actions">
      {compareHref ? (
        <>
          <Link
            href={compareHref}
            className="rounded px-2 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50 dark:text-indigo-400 dark:hover:bg-indigo-950"
          >
            Compare with {pick!.topic === topic ? '' : `${pick!.topic} `}
            {pick!.partition}:{pick!.offset}
          </Link>
          <Button size="sm" variant="ghost" onClick={() => setComparePick(null)} title="Forget the record picked for comparing">
            ×
          </Button>
        </>
      ) : samePick ? (
        <Button size="sm" variant="ghost" onClick={() => setComparePick(null)} title="Forget this record as the first side">
          Picked to compare ✓
        </Button>
      ) : (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setComparePick({ topic, partition: m.partition, offset: m.offset, cluster })}
          title="Pick this record, then choose the one to compare it with"
        >
          Compare…
        </Button>
      )}
      {m.key && (
        <Link
          // By record, not by key text: the server takes this record's key bytes, whatever their format.
          href={withCluster(`/topic/${encodeURIComponent(topic)}/history`, cluster, {
            ...renderQuery,
            of: `${m.partition}:${m.offset}`,
            partition: String(m.partition),
          })}
          className="rounded px-2 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50 dark:text-indigo-400 dark:hover:bg-indigo-950"
        >
          History of this key
        </Link>
      )}
    </span>
  );
}
