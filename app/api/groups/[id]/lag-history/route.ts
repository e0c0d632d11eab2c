import { lagHistory } from '@/lib/server/lag-sampler';
import { parse, route } from '@/lib/server/route';
import { groupIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ params, cluster }) => lagHistory(cluster, parse(groupIdSchema, params.id)));
