/**
 * OffsetDelete (key 47), v0: deletes committed offsets of a group. Partitions of a topic an
 * active consumer group still subscribes to answer GROUP_SUBSCRIBED_TO_TOPIC.
 */
import { defineHandler } from './handler.ts';
import { decodeOffsetDeleteRequest } from '../protocol/messages/offset-delete-request.ts';
import { defaultOffsetDeleteResponse, encodeOffsetDeleteResponse } from '../protocol/messages/offset-delete-response.ts';

export default defineHandler({
  apiKey: 47,
  minVersion: 0,
  maxVersion: 0,
  decode: decodeOffsetDeleteRequest,
  encode: encodeOffsetDeleteResponse,
  handle(req, { broker }) {
    const query = req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) }));
    const result = broker.groups.deleteOffsets(req.groupId, query);
    const topics = result.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partition, errorCode: p.errorCode })),
    }));
    return { ...defaultOffsetDeleteResponse(), errorCode: result.errorCode, topics };
  },
});
