/**
 * ListOffsets (key 2), v1-7: earliest (-2), latest (-1), max timestamp (-3, v7) and the first
 * offset whose timestamp is at or after a given time (found through the time index).
 * READ_COMMITTED (v2+) answers "latest" with the last stable offset.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeListOffsetsRequest } from '../protocol/messages/list-offsets-request.ts';
import {
  defaultListOffsetsResponse,
  encodeListOffsetsResponse,
  type ListOffsetsPartitionResponse,
} from '../protocol/messages/list-offsets-response.ts';
import type { PartitionLog } from '../log/partition-log.ts';
import { refused } from '../acl/api-acls.ts';

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;

const READ_COMMITTED = 1;

function lookup(log: PartitionLog, timestamp: bigint, isolationLevel: number): { offset: bigint; timestamp: bigint } {
  switch (timestamp) {
    case LATEST:
      return { offset: isolationLevel === READ_COMMITTED ? log.lastStableOffset : log.logEndOffset, timestamp: -1n };
    case EARLIEST:
      return { offset: log.logStartOffset, timestamp: -1n };
    case MAX_TIMESTAMP:
      return log.maxTimestampOffset() ?? { offset: -1n, timestamp: -1n };
    default:
      return log.offsetForTimestamp(timestamp) ?? { offset: -1n, timestamp: -1n };
  }
}

export default defineHandler({
  apiKey: 2,
  minVersion: 1,
  maxVersion: 7,
  decode: decodeListOffsetsRequest,
  encode: encodeListOffsetsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const topics = req.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p): ListOffsetsPartitionResponse => {
        const base = { partitionIndex: p.partitionIndex, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: 0 };
        const denied = refused(ctx, 'listOffsets', topic.name);
        if (denied !== null) return { ...base, errorCode: denied, leaderEpoch: -1 };
        const log = broker.logs.partition(topic.name, p.partitionIndex);
        if (log === undefined) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, leaderEpoch: -1 };
        if (p.currentLeaderEpoch > 0) return { ...base, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
        if (p.timestamp < MAX_TIMESTAMP) return { ...base, errorCode: ErrorCode.INVALID_REQUEST };
        const found = lookup(log, p.timestamp, req.isolationLevel);
        // No offset found (a timestamp past the last record, an empty log's max timestamp): no epoch either.
        return { ...base, errorCode: ErrorCode.NONE, ...found, ...(found.offset === -1n ? { leaderEpoch: -1 } : {}) };
      }),
    }));
    return { ...defaultListOffsetsResponse(), topics };
  },
});
