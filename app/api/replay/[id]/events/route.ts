import { jobIdSchema } from '@/lib/replay/params';
import { getJob, toDto, watchJob } from '@/lib/server/replay/engine';
import { parse, route } from '@/lib/server/route';
import { sseResponse } from '@/lib/server/sse';

export const dynamic = 'force-dynamic';

/**
 * GET /api/replay/{id}/events — server-sent events: `job` with the job's state now and on every
 * change, until the job stops. A browser that goes away stops listening; the job keeps running.
 */
export const GET = route<{ id: string }>(async ({ req, params }) => {
  const id = parse(jobIdSchema, params.id);
  const first = toDto(await getJob(id));
  return sseResponse(req.signal, async (send, signal) => {
    send('job', first);
    await new Promise<void>((resolve) => {
      const stop = watchJob(id, (job, ended) => {
        send('job', job);
        if (ended) finish();
      });
      function finish() {
        stop?.();
        resolve();
      }
      if (!stop) return resolve();
      signal.addEventListener('abort', finish, { once: true });
    });
  });
});
