import { topicGroups } from '@/lib/server/kafka/groups';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ params, cluster }) => {
  const name = parse(topicNameSchema, params.name);
  await assertTopicExistsIn(cluster, name);
  return topicGroups(cluster, name);
});
