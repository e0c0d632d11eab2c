/**
 * OffsetFetch (key 9), v1-8. Partitions without a committed offset answer -1. Topics null
 * (v2+) means every partition the group has committed. v8 batches several groups.
 * Transactional offset commits do not exist yet, so `requireStable` never waits.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeOffsetFetchRequest } from '../protocol/messages/offset-fetch-request.ts';
import { defaultOffsetFetchResponse, encodeOffsetFetchResponse } from '../protocol/messages/offset-fetch-response.ts';
import type { Broker } from '../broker.ts';

type TopicQuery = { name: string; partitionIndexes: number[] }[] | null;

function fetchGroup(broker: Broker, groupId: string, topics: TopicQuery) {
  const query = topics === null ? null : topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes }));
  return broker.groups.fetchOffsets(groupId, query).map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({
      partitionIndex: p.partition,
      committedOffset: p.offset,
      committedLeaderEpoch: p.leaderEpoch,
      metadata: p.metadata,
      errorCode: p.errorCode,
    })),
  }));
}

export default defineHandler({
  apiKey: 9,
  minVersion: 1,
  maxVersion: 8,
  decode: decodeOffsetFetchRequest,
  encode: encodeOffsetFetchResponse,
  handle(req, { broker, version }) {
    if (version >= 8) {
      const groups = req.groups.map((g) => ({ groupId: g.groupId, topics: fetchGroup(broker, g.groupId, g.topics), errorCode: ErrorCode.NONE }));
      return { ...defaultOffsetFetchResponse(), groups };
    }
    // v0-1 have no "all topics" form: a null list can only come from v2+.
    return { ...defaultOffsetFetchResponse(), topics: fetchGroup(broker, req.groupId, req.topics), errorCode: ErrorCode.NONE };
  },
});
