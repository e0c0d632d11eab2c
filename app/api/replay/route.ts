import { jobSpecSchema } from '@/lib/replay/params';
import { allJobs, createJob } from '@/lib/server/replay/engine';
import { jobUser } from '@/lib/server/replay/routes';
import { assertWritable } from '@/lib/server/read-only';
import { jsonBody, parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** GET /api/replay — the cluster's replay and redrive jobs, newest first. */
export const GET = route(async ({ cluster }) => allJobs(cluster.id));

/** POST /api/replay { mode, topic, selection, targetTopic?, partitioning, edit?, ratePerSec?, dltHeaders? } — starts a job. */
export const POST = route(async ({ req, cluster }) => {
  assertWritable('Replaying messages');
  const user = await jobUser(req);
  return createJob(cluster, parse(jobSpecSchema, await jsonBody(req)), user);
}, 201);
