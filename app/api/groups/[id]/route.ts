import { assertWritable } from '@/lib/server/read-only';
import { deleteGroup, describeGroup } from '@/lib/server/kafka/groups';
import { recordLag, watchCluster } from '@/lib/server/lag-sampler';
import { parse, route } from '@/lib/server/route';
import { groupIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ params, cluster }) => {
  const group = await describeGroup(cluster, parse(groupIdSchema, params.id));
  watchCluster(cluster);
  recordLag(cluster, group.groupId, group.totalLag, Date.now(), group.offsets);
  return group;
});

export const DELETE = route<{ id: string }>(async ({ params, cluster }) => {
  assertWritable('Deleting consumer groups');
  const id = parse(groupIdSchema, params.id);
  await deleteGroup(cluster, id);
  return { deleted: id };
});
