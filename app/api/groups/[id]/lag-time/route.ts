import { groupLagTime } from '@/lib/server/kafka/lag-time';
import { watchCluster } from '@/lib/server/lag-sampler';
import { parse, route } from '@/lib/server/route';
import { groupIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** GET /api/groups/{id}/lag-time — per partition: lag in records and in time, rates, catch-up estimate. */
export const GET = route<{ id: string }>(async ({ params, cluster }) => {
  watchCluster(cluster);
  return groupLagTime(cluster, parse(groupIdSchema, params.id));
});
