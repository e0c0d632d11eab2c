/**
 * OffsetCommit (key 8), v0-9. Members commit with their generation (a KIP-848 consumer group's
 * members with their member epoch, v9+); clients that do not use group management (and admin
 * tools) commit with generation -1 to an Empty or unknown group.
 * Offsets are in the group metadata log before the response is sent. v2-4 may set a retention
 * time that overrides `offsets.retention.minutes` for these offsets.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeOffsetCommitRequest } from '../protocol/messages/offset-commit-request.ts';
import { defaultOffsetCommitResponse, encodeOffsetCommitResponse } from '../protocol/messages/offset-commit-response.ts';
import { isValidGroupId } from '../group/group-coordinator.ts';
import { refused } from '../acl/api-acls.ts';

export default defineHandler({
  apiKey: 8,
  minVersion: 0,
  maxVersion: 9,
  decode: decodeOffsetCommitRequest,
  encode: encodeOffsetCommitResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    // READ on the group, then READ on each topic; refused partitions are not committed.
    const groupDenied = refused(ctx, 'useGroup', req.groupId);
    const denied = req.topics.flatMap((t) => {
      const code = groupDenied ?? refused(ctx, 'commitTopic', t.name);
      return t.partitions.map(() => code);
    });
    const offsets = req.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata: p.committedMetadata,
      })),
    );
    const permitted = offsets.filter((_, j) => denied[j] === null);
    const committed =
      permitted.length === 0
        ? []
        : isValidGroupId(req.groupId)
          ? broker.groups.commitOffsets(
              req.groupId,
              {
                memberId: req.memberId,
                groupInstanceId: req.groupInstanceId,
                generationId: req.generationIdOrMemberEpoch,
                retentionTimeMs: req.retentionTimeMs,
                apiVersion: ctx.version,
              },
              permitted,
            )
          : permitted.map(() => ErrorCode.INVALID_GROUP_ID);
    let k = 0;
    const errors = denied.map((code) => code ?? committed[k++] ?? ErrorCode.NONE);
    let i = 0;
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: errors[i++] ?? ErrorCode.NONE })),
    }));
    return { ...defaultOffsetCommitResponse(), topics };
  },
});
