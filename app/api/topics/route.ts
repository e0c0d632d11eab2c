import { z } from 'zod';
import { assertWritable } from '@/lib/server/read-only';
import { createTopic, listTopicListings, listTopics } from '@/lib/server/kafka/topics';
import { jsonBody, parse, route } from '@/lib/server/route';
import { createTopicSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

const statsSchema = z.enum(['true', 'false'], { message: 'stats must be true or false' });

/**
 * GET /api/topics: every topic with its counts (messages, size, groups, lag).
 * GET /api/topics?stats=false: every topic from one Metadata request, without counts.
 */
export const GET = route(async ({ req, cluster }) =>
  parse(statsSchema, req.nextUrl.searchParams.get('stats') ?? 'true') === 'true' ? listTopics(cluster) : listTopicListings(cluster),
);

export const POST = route(async ({ req, cluster }) => {
  assertWritable('Creating topics');
  return createTopic(cluster, parse(createTopicSchema, await jsonBody(req)));
}, 201);
