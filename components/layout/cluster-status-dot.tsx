'use client';

import { useQuery } from '@tanstack/react-query';
import { overviewQuery } from '@/lib/queries/cluster';

/**
 * The header's reachability light for the cluster in view: amber while the first answer is
 * pending, green when the cluster answers, red (reason on hover) when it does not. It shares
 * the overview's query, so it costs no extra requests on the overview page.
 */
export function ClusterStatusDot({ cluster }: { cluster: string | undefined }) {
  const q = useQuery(overviewQuery(cluster));
  const [tone, label] = q.isError
    ? ['bg-red-500', `Unreachable: ${q.error instanceof Error ? q.error.message : String(q.error)}`]
    : q.isSuccess
      ? ['bg-emerald-400', 'Connected']
      : ['bg-amber-400', 'Connecting…'];
  return (
    <span
      role="img"
      aria-label={`Cluster status: ${label}`}
      title={label}
      data-status={q.isError ? 'error' : q.isSuccess ? 'ok' : 'pending'}
      className={`inline-block h-2 w-2 shrink-0 rounded-full ${tone}`}
    />
  );
}
