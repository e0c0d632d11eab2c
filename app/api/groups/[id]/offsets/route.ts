import { assertWritable } from '@/lib/server/read-only';
import { deleteTopicOffsets } from '@/lib/server/kafka/reset-offsets';
import { parse, route } from '@/lib/server/route';
import { groupIdSchema, topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** DELETE ?topic=<name>: forgets the group's committed offsets on one topic. */
export const DELETE = route<{ id: string }>(async ({ req, params, cluster }) => {
  assertWritable("Deleting a group's offsets");
  const id = parse(groupIdSchema, params.id);
  const topic = parse(topicNameSchema, req.nextUrl.searchParams.get('topic') ?? '');
  await deleteTopicOffsets(cluster, id, topic);
  return { groupId: id, topic, deleted: true };
});
