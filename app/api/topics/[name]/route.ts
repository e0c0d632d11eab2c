import { assertWritable } from '@/lib/server/read-only';
import { deleteTopic, describeTopic } from '@/lib/server/kafka/topics';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ params, cluster }) => describeTopic(cluster, parse(topicNameSchema, params.name)));

export const DELETE = route<{ name: string }>(async ({ params, cluster }) => {
  assertWritable('Deleting topics');
  const name = parse(topicNameSchema, params.name);
  await deleteTopic(cluster, name);
  return { deleted: name };
});
