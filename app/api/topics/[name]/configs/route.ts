import { assertWritable } from '@/lib/server/read-only';
import { alterTopicConfigs, topicConfigs } from '@/lib/server/kafka/configs';
import { jsonBody, parse, route } from '@/lib/server/route';
import { alterConfigsSchema, topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ params, cluster }) => topicConfigs(cluster, parse(topicNameSchema, params.name)));

export const PATCH = route<{ name: string }>(async ({ req, params, cluster }) => {
  assertWritable('Changing topic configs');
  const name = parse(topicNameSchema, params.name);
  const body = parse(alterConfigsSchema, await jsonBody(req));
  return alterTopicConfigs(cluster, name, body.set, body.reset);
});
