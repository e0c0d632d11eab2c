/**
 * DeleteRecords (key 21), v0-2: moves a partition's log start offset forward. Offset -1 means
 * "up to the high watermark"; offsets past the high watermark are OFFSET_OUT_OF_RANGE.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { errorCodeOf } from './partition-errors.ts';
import { refused } from '../acl/api-acls.ts';
import { decodeDeleteRecordsRequest } from '../protocol/messages/delete-records-request.ts';
import { defaultDeleteRecordsResponse, encodeDeleteRecordsResponse } from '../protocol/messages/delete-records-response.ts';

export default defineHandler({
  apiKey: 21,
  minVersion: 0,
  maxVersion: 2,
  decode: decodeDeleteRecordsRequest,
  encode: encodeDeleteRecordsResponse,
  handle(req, ctx) {
    const topics = req.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => {
        const log = ctx.broker.logs.partition(topic.name, p.partitionIndex);
        const result = { partitionIndex: p.partitionIndex, lowWatermark: -1n };
        const denied = refused(ctx, 'deleteRecords', topic.name);
        if (denied !== null) return { ...result, errorCode: denied };
        if (log === undefined) return { ...result, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        const target = p.offset === -1n ? log.logEndOffset : p.offset;
        if (target < 0n || target > log.logEndOffset) return { ...result, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
        try {
          if (target > log.logStartOffset) log.deleteRecordsBefore(target);
          return { ...result, lowWatermark: log.logStartOffset, errorCode: ErrorCode.NONE };
        } catch (err) {
          return { ...result, errorCode: errorCodeOf(err) };
        }
      }),
    }));
    return { ...defaultDeleteRecordsResponse(), topics };
  },
});
