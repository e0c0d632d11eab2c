import { cursorSchema } from '@/lib/messages/params';
import { param, renderOptions, startParams } from '@/lib/server/messages/request-params';
import { runTail } from '@/lib/server/messages/tail';
import { withFreeConsumer } from '@/lib/server/kafka/free-consumer';
import { ApiError } from '@/lib/api-error';
import { parse, route } from '@/lib/server/route';
import { sseResponse } from '@/lib/server/sse';
import { acquireStreamSlot, clientAddress } from '@/lib/server/stream-slots';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/topics/{name}/tail?partition=|all&cursor=&isolation=&format=&keyFormat= — server-sent
 * events: `ready` {cursor}, then `record` per new record, `marker` per transaction marker and
 * `position` {cursor} after each batch. read_committed (the default) shows records once committed.
 */
export const GET = route<{ name: string }>(async ({ req, params, cluster }) => {
  const topic = parse(topicNameSchema, params.name);
  const q = req.nextUrl.searchParams;
  const { partition, isolation } = startParams(q, null);
  const cursor = param(q, 'cursor', cursorSchema);
  const render = renderOptions(q, cluster);
  // Unknown topics and partitions are answered as a 404 before the stream starts.
  await withFreeConsumer(cluster, topic, async (c) => {
    if (partition !== null && !c.partitions.includes(partition)) throw new ApiError('not_found', `Topic "${topic}" has no partition ${partition}`);
  });
  const release = acquireStreamSlot(clientAddress(req.headers), 'a live tail');
  return sseResponse(req.signal, (send, signal) => runTail(cluster, { topic, partition, cursor, render, isolation }, send, signal), release);
});
