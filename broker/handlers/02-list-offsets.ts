/**
 * ListOffsets (key 2), v1-7: earliest (-2), latest (-1), max timestamp (-3, v7) and the first
 * offset whose timestamp is at or after a given time (found through the time index).
 * READ_COMMITTED (v2+) answers "latest" with the last stable offset.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeListOffsetsRequest, type ListOffsetsPartition } from '../protocol/messages/list-offsets-request.ts';
import { defaultListOffsetsResponse, encodeListOffsetsResponse, type ListOffsetsPartitionResponse } from '../protocol/messages/list-offsets-response.ts';
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

/** One partition's answer, built as one object: a 10,000-topic listing asks this for every partition. */
function answer(log: PartitionLog | undefined, denied: number | null, p: ListOffsetsPartition, isolationLevel: number): ListOffsetsPartitionResponse {
  const reply = (errorCode: number, offset: bigint, timestamp: bigint, leaderEpoch: number): ListOffsetsPartitionResponse => ({
    partitionIndex: p.partitionIndex,
    errorCode,
    oldStyleOffsets: [],
    timestamp,
    offset,
    leaderEpoch,
  });
  if (denied !== null) return reply(denied, -1n, -1n, -1);
  if (log === undefined) return reply(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n, -1n, -1);
  if (p.currentLeaderEpoch > 0) return reply(ErrorCode.UNKNOWN_LEADER_EPOCH, -1n, -1n, 0);
  if (p.timestamp < MAX_TIMESTAMP) return reply(ErrorCode.INVALID_REQUEST, -1n, -1n, 0);
  const found = lookup(log, p.timestamp, isolationLevel);
  // No offset found (a timestamp past the last record, an empty log's max timestamp): no epoch either.
  return reply(ErrorCode.NONE, found.offset, found.timestamp, found.offset === -1n ? -1 : 0);
}

export default defineHandler({
  apiKey: 2,
  minVersion: 1,
  maxVersion: 7,
  decode: decodeListOffsetsRequest,
  encode: encodeListOffsetsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const topics = req.topics.map((topic) => {
      // DESCRIBE is granted per topic: asked once, not once per partition.
      const denied = refused(ctx, 'listOffsets', topic.name);
      return {
        name: topic.name,
        partitions: topic.partitions.map((p) =>
          answer(denied === null ? broker.logs.partition(topic.name, p.partitionIndex) : undefined, denied, p, req.isolationLevel),
        ),
      };
    });
    return { ...defaultListOffsetsResponse(), topics };
  },
});
