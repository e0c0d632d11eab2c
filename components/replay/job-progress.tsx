'use client';

import { useEffect, useState } from 'react';
import { apiUrl } from '@/lib/cluster-url';
import { fetchJson } from '@/lib/fetch-json';
import { formatInt } from '@/lib/format';
import { streamEvents } from '@/lib/messages/sse-client';
import type { ReplayJobDto } from '@/lib/replay/params';
import { useCan } from '@/lib/queries/access';
import { Badge, type Tone } from '../ui/badge';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';

const TONE: Record<ReplayJobDto['state'], Tone> = { running: 'info', cancelling: 'warn', cancelled: 'warn', interrupted: 'warn', failed: 'bad', done: 'good' };

/** One job: live progress over server-sent events, Cancel while it runs, Resume once it stopped. */
export function JobProgress({ job: initial, cluster }: { job: ReplayJobDto; cluster?: string }) {
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [watch, setWatch] = useState(0);
  const can = useCan(cluster);
  const running = job.state === 'running' || job.state === 'cancelling';
  useEffect(() => {
    if (!running) return;
    const ctl = new AbortController();
    const url = apiUrl(`/replay/${job.id}/events`, cluster);
    streamEvents(url, ctl.signal, (e) => e.event === 'job' && setJob(e.data as ReplayJobDto))
      // The stream ends with the job; read the final state once more in case the last event raced the end.
      .then(() => (ctl.signal.aborted ? undefined : fetchJson<ReplayJobDto>(apiUrl(`/replay/${job.id}`, cluster)).then(setJob)))
      .catch((e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.id, cluster, watch]);
  const act = async (what: 'cancel' | 'resume') => {
    setError(null);
    try {
      setJob(await fetchJson<ReplayJobDto>(apiUrl(`/replay/${job.id}/${what}`, cluster), { method: 'POST', body: '{}' }));
      if (what === 'resume') setWatch((w) => w + 1);
    } catch (e) {
      setError(e);
    }
  };
  const total = Number(job.offsets);
  const doneCount = job.produced + job.skipped + job.recovered;
  const pct = total > 0 ? Math.min(100, Math.round((doneCount * 100) / total)) : 100;
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="replay-job" data-state={job.state}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[job.state]}>{job.state}</Badge>
        <span>
          {job.spec.mode === 'redrive' ? 'Redrive' : 'Replay'} from <b className="font-mono">{job.spec.topic}</b>
          {job.spec.mode === 'replay' && (
            <>
              {' '}
              to <b className="font-mono">{job.spec.targetTopic ?? job.spec.topic}</b>
            </>
          )}
        </span>
        {job.idempotent && <Badge tone="info">idempotent</Badge>}
        <span className="ml-auto flex gap-1">
          {running && can('replay.cancel') && (
            <Button size="sm" onClick={() => void act('cancel')} disabled={job.state === 'cancelling'}>
              Cancel job
            </Button>
          )}
          {!running && job.state !== 'done' && can('replay.resume') && (
            <Button size="sm" variant="primary" onClick={() => void act('resume')}>
              Resume
            </Button>
          )}
        </span>
      </div>
      <div
        className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Job progress"
      >
        <div className="h-full bg-indigo-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="replay-counts">
        {formatInt(job.produced)} produced · {formatInt(job.skipped)} skipped · {formatInt(job.recovered)} already written before a restart ·{' '}
        {formatInt(job.offsets)} offsets selected
      </p>
      {job.error && <p className="text-xs text-red-600 dark:text-red-400">{job.error}</p>}
      {error ? <ErrorPanel error={error} /> : null}
    </div>
  );
}
