import { assertWritable } from '@/lib/server/read-only';
import { applyReset } from '@/lib/server/kafka/reset-offsets';
import { jsonBody, parse, route } from '@/lib/server/route';
import { groupIdSchema, resetApplySchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** Commits exactly the offsets in the body (those a preview returned). */
export const POST = route<{ id: string }>(async ({ req, params, cluster }) => {
  assertWritable('Resetting offsets');
  const id = parse(groupIdSchema, params.id);
  const { offsets } = parse(resetApplySchema, await jsonBody(req));
  await applyReset(
    cluster,
    id,
    offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: BigInt(o.offset) })),
  );
  return { groupId: id, applied: offsets.length };
});
