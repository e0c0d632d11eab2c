import { z } from 'zod';
import { lagHistory, RANGES, type LagRange } from '@/lib/server/lag-sampler';
import { parse, route } from '@/lib/server/route';
import { groupIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

const rangeSchema = z.enum(Object.keys(RANGES) as [LagRange, ...LagRange[]], { message: `range must be one of: ${Object.keys(RANGES).join(', ')}` });

/** GET /api/groups/{id}/lag-history?range=1h|24h|7d — total lag samples, kept across console restarts. */
export const GET = route<{ id: string }>(async ({ req, params, cluster }) =>
  lagHistory(cluster, parse(groupIdSchema, params.id), parse(rangeSchema, req.nextUrl.searchParams.get('range') ?? '1h')),
);
