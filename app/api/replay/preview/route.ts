import { jobSpecSchema } from '@/lib/replay/params';
import { previewJob } from '@/lib/server/replay/preview';
import { jsonBody, parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** POST /api/replay/preview (same body as POST /api/replay) — the first records and the dry-run count; produces nothing. */
export const POST = route(async ({ req, cluster }) => previewJob(cluster, parse(jobSpecSchema, await jsonBody(req))));
