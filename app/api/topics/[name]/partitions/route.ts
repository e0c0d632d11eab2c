import { assertWritable } from '@/lib/server/read-only';
import { addPartitions } from '@/lib/server/kafka/topics';
import { jsonBody, parse, route } from '@/lib/server/route';
import { addPartitionsSchema, topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const POST = route<{ name: string }>(async ({ req, params, cluster }) => {
  assertWritable('Adding partitions');
  const name = parse(topicNameSchema, params.name);
  const { count } = parse(addPartitionsSchema, await jsonBody(req));
  return addPartitions(cluster, name, count);
});
