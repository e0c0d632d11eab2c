import { produceSchema } from '@/lib/messages/params';
import { produce } from '@/lib/server/messages/produce';
import { jsonBody, parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** POST /api/topics/{name}/produce { partition?, key?, value?, keyFormat, valueFormat, headers[] } */
export const POST = route<{ name: string }>(async ({ req, params, cluster }) => {
  const topic = parse(topicNameSchema, params.name);
  return produce(cluster, topic, parse(produceSchema, await jsonBody(req)));
}, 201);
