/**
 * OffsetFetch (key 9), v1-9. Partitions without a committed offset answer -1. Topics null
 * (v2+) means every partition the group has committed. v8 batches several groups. v9 carries a
 * KIP-848 member's id and epoch, checked against the consumer group (UNKNOWN_MEMBER_ID,
 * STALE_MEMBER_EPOCH) as Kafka does.
 * With `requireStable` (v7+), a partition with an offset staged by an open transaction answers
 * UNSTABLE_OFFSET_COMMIT (retriable) instead of the committed offset, as Kafka does.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeOffsetFetchRequest } from '../protocol/messages/offset-fetch-request.ts';
import { defaultOffsetFetchResponse, encodeOffsetFetchResponse } from '../protocol/messages/offset-fetch-response.ts';
import type { HandlerContext } from './handler.ts';
import { allowed, refused } from '../acl/api-acls.ts';

type TopicQuery = { name: string; partitionIndexes: number[] }[] | null;

/**
 * Offsets of topics the caller may DESCRIBE; named others answer TOPIC_AUTHORIZATION_FAILED,
 * unnamed ones are left out. With requireStable, offsets an open transaction holds are unstable.
 */
function fetchGroup(ctx: HandlerContext, groupId: string, topics: TopicQuery, requireStable: boolean) {
  const query = topics === null ? null : topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes }));
  return ctx.broker.groups
    .fetchOffsets(groupId, query)
    .filter((t) => query !== null || allowed(ctx, 'fetchTopicOffsets', t.name))
    .map((t) => {
      const denied = refused(ctx, 'fetchTopicOffsets', t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          const unstable = denied === null && requireStable && ctx.broker.transactions.hasPendingOffset(groupId, t.name, p.partition);
          const error = denied ?? (unstable ? ErrorCode.UNSTABLE_OFFSET_COMMIT : null);
          return {
            partitionIndex: p.partition,
            committedOffset: error === null ? p.offset : -1n,
            committedLeaderEpoch: error === null ? p.leaderEpoch : -1,
            metadata: error === null ? p.metadata : '',
            errorCode: error ?? p.errorCode,
          };
        }),
      };
    });
}

/** Without DESCRIBE on the group nothing about its offsets is returned. */
function refusedGroup(topics: TopicQuery, errorCode: number) {
  const partitions = (t: { partitionIndexes: number[] }) =>
    t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode }));
  return (topics ?? []).map((t) => ({ name: t.name, partitions: partitions(t) }));
}

export default defineHandler({
  apiKey: 9,
  minVersion: 1,
  maxVersion: 9,
  decode: decodeOffsetFetchRequest,
  encode: encodeOffsetFetchResponse,
  handle(req, ctx) {
    if (ctx.version >= 8) {
      const groups = req.groups.map((g) => {
        const denied = refused(ctx, 'describeGroup', g.groupId);
        if (denied !== null) return { groupId: g.groupId, topics: [], errorCode: denied };
        const stale = ctx.version >= 9 ? ctx.broker.groups.modern.validateFetch(g.groupId, g.memberId, g.memberEpoch) : ErrorCode.NONE;
        if (stale !== ErrorCode.NONE) return { groupId: g.groupId, topics: [], errorCode: stale };
        return { groupId: g.groupId, topics: fetchGroup(ctx, g.groupId, g.topics, req.requireStable), errorCode: ErrorCode.NONE };
      });
      return { ...defaultOffsetFetchResponse(), groups };
    }
    const denied = refused(ctx, 'describeGroup', req.groupId);
    if (denied !== null) return { ...defaultOffsetFetchResponse(), topics: refusedGroup(req.topics, denied), errorCode: denied };
    // v0-1 have no "all topics" form: a null list can only come from v2+.
    return { ...defaultOffsetFetchResponse(), topics: fetchGroup(ctx, req.groupId, req.topics, req.requireStable), errorCode: ErrorCode.NONE };
  },
});
