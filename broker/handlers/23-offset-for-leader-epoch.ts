/**
 * OffsetForLeaderEpoch (key 23), v2-4. The single node's leader epoch is always 0, so the end
 * offset of epoch 0 (or any later epoch asked about) is the high watermark.
 */
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeOffsetForLeaderEpochRequest } from '../protocol/messages/offset-for-leader-epoch-request.ts';
import { defaultOffsetForLeaderEpochResponse, encodeOffsetForLeaderEpochResponse } from '../protocol/messages/offset-for-leader-epoch-response.ts';

export default defineHandler({
  apiKey: 23,
  minVersion: 2,
  maxVersion: 4,
  decode: decodeOffsetForLeaderEpochRequest,
  encode: encodeOffsetForLeaderEpochResponse,
  handle(req, ctx) {
    const topics = req.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((p) => {
        const log = ctx.broker.logs.partition(topic.topic, p.partition);
        const base = { partition: p.partition, leaderEpoch: -1, endOffset: -1n };
        const denied = refused(ctx, 'offsetForLeaderEpoch', topic.topic);
        if (denied !== null) return { ...base, errorCode: denied };
        if (log === undefined) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (p.currentLeaderEpoch > 0) return { ...base, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
        // Epoch 0 is the only one there has been; a later epoch is unknown (UNDEFINED_EPOCH, -1).
        if (p.leaderEpoch > 0) return { ...base, errorCode: ErrorCode.NONE };
        return { ...base, errorCode: ErrorCode.NONE, leaderEpoch: 0, endOffset: log.logEndOffset };
      }),
    }));
    return { ...defaultOffsetForLeaderEpochResponse(), topics };
  },
});
