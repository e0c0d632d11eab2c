import type { TopicRatesDto } from '@/lib/dto';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { sampleTopicNow, topicRates } from '@/lib/server/lag-sampler';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** GET /api/topics/{name}/rates — produce rate per partition from log-end offset deltas (last 10 minutes). */
export const GET = route<{ name: string }>(async ({ params, cluster }): Promise<TopicRatesDto> => {
  const topic = parse(topicNameSchema, params.name);
  await assertTopicExistsIn(cluster, topic);
  await sampleTopicNow(cluster, topic);
  return { topic, points: topicRates(cluster, topic) };
});
