import { listGroups } from '@/lib/server/kafka/groups';
import { recordLag, watchCluster } from '@/lib/server/lag-sampler';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ cluster }) => {
  const groups = await listGroups(cluster);
  watchCluster(cluster);
  for (const g of groups) recordLag(cluster, g.groupId, g.totalLag);
  return groups;
});
