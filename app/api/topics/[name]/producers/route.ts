import { topicProducers } from '@/lib/server/kafka/transactions';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** GET /api/topics/{name}/producers — the active (idempotent or transactional) producers per partition. 501 without DescribeProducers. */
export const GET = route<{ name: string }>(async ({ params, cluster }) => topicProducers(cluster, parse(topicNameSchema, params.name)));
