import { jobIdSchema } from '@/lib/replay/params';
import { cancelJob } from '@/lib/server/replay/engine';
import { parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** POST /api/replay/{id}/cancel — stops after the batch in flight; the saved cursor is where resume continues. */
export const POST = route<{ id: string }>(async ({ params }) => cancelJob(parse(jobIdSchema, params.id)));
