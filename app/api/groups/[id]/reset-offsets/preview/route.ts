import { previewReset } from '@/lib/server/kafka/reset-offsets';
import { jsonBody, parse, route } from '@/lib/server/route';
import { groupIdSchema, resetPreviewSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** Computes the new offsets without changing anything. */
export const POST = route<{ id: string }>(async ({ req, params, cluster }) => {
  const id = parse(groupIdSchema, params.id);
  const body = parse(resetPreviewSchema, await jsonBody(req));
  return previewReset(cluster, id, body.strategy, { topic: body.topic, partition: body.partition });
});
