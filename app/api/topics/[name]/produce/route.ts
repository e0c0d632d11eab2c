import { produceSchema } from '@/lib/messages/params';
import { produce, produceBodyLimit } from '@/lib/server/messages/produce';
import { assertWritable } from '@/lib/server/read-only';
import { jsonBody, parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** POST /api/topics/{name}/produce { partition?, key?, value?, keyFormat, valueFormat, headers[] } */
export const POST = route<{ name: string }>(async ({ req, params, cluster }) => {
  assertWritable('Producing messages');
  const topic = parse(topicNameSchema, params.name);
  const limit = await produceBodyLimit(cluster, topic);
  return produce(cluster, topic, parse(produceSchema, await jsonBody(req, limit)));
}, 201);
