import { jobIdSchema } from '@/lib/replay/params';
import { getJob, toDto } from '@/lib/server/replay/engine';
import { parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ params }) => toDto(await getJob(parse(jobIdSchema, params.id))));
