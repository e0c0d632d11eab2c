import { jobSpecSchema } from '@/lib/replay/params';
import { renderOptions } from '@/lib/server/messages/request-params';
import { previewJob } from '@/lib/server/replay/preview';
import { jsonBody, parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/**
 * POST /api/replay/preview (same body as POST /api/replay) — the first records and the dry-run
 * count; produces nothing. The records come decoded as the message view's query parameters say
 * (format, keyFormat, protoType, avroSchema…; auto-detected by default).
 */
export const POST = route(async ({ req, cluster }) => {
  const render = renderOptions(req.nextUrl.searchParams, cluster);
  return previewJob(cluster, parse(jobSpecSchema, await jsonBody(req)), render);
});
