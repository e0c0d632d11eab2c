import { topicLag } from '@/lib/server/kafka/lag-time';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** GET /api/topic-lag — for the topic list: each topic's consumer groups, their state and lag on it. */
export const GET = route(async ({ cluster }) => topicLag(cluster));
