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

/** A timestamp ask: the max-timestamp record (-3) or the first at or after a time. */
function byTimestamp(log: PartitionLog, timestamp: bigint): { offset: bigint; timestamp: bigint } {
  const found = timestamp === MAX_TIMESTAMP ? log.maxTimestampOffset() : log.offsetForTimestamp(timestamp);
  return found ?? { offset: -1n, timestamp: -1n };
}

function reply(partitionIndex: number, errorCode: number, offset: bigint, timestamp: bigint, leaderEpoch: number): ListOffsetsPartitionResponse {
  return { partitionIndex, errorCode, oldStyleOffsets: [], timestamp, offset, leaderEpoch };
}

/**
 * One partition's answer, built as one object by module-level functions: a 10,000-topic listing
 * asks this for every partition, and a closure per partition showed in its profile.
 */
function answer(log: PartitionLog | undefined, denied: number | null, p: ListOffsetsPartition, isolationLevel: number): ListOffsetsPartitionResponse {
  const i = p.partitionIndex;
  if (denied !== null) return reply(i, denied, -1n, -1n, -1);
  if (log === undefined) return reply(i, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n, -1n, -1);
  if (p.currentLeaderEpoch > 0) return reply(i, ErrorCode.UNKNOWN_LEADER_EPOCH, -1n, -1n, 0);
  if (p.timestamp < MAX_TIMESTAMP) return reply(i, ErrorCode.INVALID_REQUEST, -1n, -1n, 0);
  if (p.timestamp === EARLIEST) return reply(i, ErrorCode.NONE, log.logStartOffset, -1n, 0);
  if (p.timestamp === LATEST) return reply(i, ErrorCode.NONE, isolationLevel === READ_COMMITTED ? log.lastStableOffset : log.logEndOffset, -1n, 0);
  const found = byTimestamp(log, p.timestamp);
  // No offset found (a timestamp past the last record, an empty log's max timestamp): no epoch either.
  return reply(i, ErrorCode.NONE, found.offset, found.timestamp, found.offset === -1n ? -1 : 0);
}

export default defineHandler({
  apiKey: 2,
  minVersion: 1,
  maxVersion: 7,
  decode: decodeListOffsetsRequest,
  encode: encodeListOffsetsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const topics = [];
    for (const topic of req.topics) {
      // DESCRIBE is granted per topic: asked once, not once per partition.
      const denied = refused(ctx, 'listOffsets', topic.name);
      const partitions = [];
      for (const p of topic.partitions) {
        partitions.push(answer(denied === null ? broker.logs.partition(topic.name, p.partitionIndex) : undefined, denied, p, req.isolationLevel));
      }
      topics.push({ name: topic.name, partitions });
    }
    return { ...defaultListOffsetsResponse(), topics };
  },
});
