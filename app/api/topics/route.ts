import { assertWritable } from '@/lib/server/read-only';
import { createTopic, listTopics } from '@/lib/server/kafka/topics';
import { jsonBody, parse, route } from '@/lib/server/route';
import { createTopicSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ cluster }) => listTopics(cluster));

export const POST = route(async ({ req, cluster }) => {
  assertWritable('Creating topics');
  return createTopic(cluster, parse(createTopicSchema, await jsonBody(req)));
}, 201);
