import { jobIdSchema } from '@/lib/replay/params';
import { resumeJob } from '@/lib/server/replay/engine';
import { jobUser } from '@/lib/server/replay/routes';
import { assertWritable } from '@/lib/server/read-only';
import { parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** POST /api/replay/{id}/resume — continues a cancelled, failed or interrupted job from its cursor. */
export const POST = route<{ id: string }>(async ({ req, params, cluster }) => {
  assertWritable('Replaying messages');
  await jobUser(req);
  return resumeJob(cluster, parse(jobIdSchema, params.id));
});
