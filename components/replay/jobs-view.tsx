'use client';

import { useQuery } from '@tanstack/react-query';
import { apiUrl } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import type { ReplayJobDto } from '@/lib/replay/params';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { Skeleton } from '../ui/skeleton';
import { JobProgress } from './job-progress';

/** /replay: every replay and redrive job of the cluster, kept across console restarts. */
export function JobsView({ cluster }: { cluster?: string }) {
  const q = useQuery({ queryKey: ['replay-jobs', cluster ?? ''], queryFn: () => fetchJson<ReplayJobDto[]>(apiUrl('/replay', cluster)), refetchInterval: 5000 });
  return (
    <>
      <PageHeader title="Replay jobs" subtitle="Replays and dead-letter redrives; a stopped job resumes from where it stopped." />
      {q.error ? (
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton className="h-24" />
      ) : q.data.length === 0 ? (
        <p className="text-sm text-zinc-500">No jobs yet. Start one from a topic&apos;s messages page (Replay… or a record&apos;s Replay).</p>
      ) : (
        <div className="space-y-2">
          {q.data.map((j) => (
            <JobProgress key={`${j.id}:${j.state}`} job={j} cluster={cluster} />
          ))}
        </div>
      )}
    </>
  );
}
