/**
 * OffsetDelete (key 47), v0: deletes committed offsets of a group. Partitions of a topic an
 * active consumer group still subscribes to answer GROUP_SUBSCRIBED_TO_TOPIC.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeOffsetDeleteRequest } from '../protocol/messages/offset-delete-request.ts';
import { defaultOffsetDeleteResponse, encodeOffsetDeleteResponse } from '../protocol/messages/offset-delete-response.ts';

export default defineHandler({
  apiKey: 47,
  minVersion: 0,
  maxVersion: 0,
  decode: decodeOffsetDeleteRequest,
  encode: encodeOffsetDeleteResponse,
  handle(req, ctx) {
    const groupDenied = refused(ctx, 'deleteGroupOffsets', req.groupId);
    if (groupDenied !== null) return { ...defaultOffsetDeleteResponse(), errorCode: groupDenied };
    // Topics without READ keep their offsets and answer TOPIC_AUTHORIZATION_FAILED.
    const deniedTopics = req.topics.filter((t) => refused(ctx, 'deleteTopicOffsets', t.name) !== null);
    const query = req.topics.filter((t) => !deniedTopics.includes(t)).map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) }));
    const result = ctx.broker.groups.deleteOffsets(req.groupId, query);
    const topics = result.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partition, errorCode: p.errorCode })),
    }));
    if (result.errorCode === 0) {
      for (const t of deniedTopics)
        topics.push({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED })),
        });
    }
    return { ...defaultOffsetDeleteResponse(), errorCode: result.errorCode, topics };
  },
});
