/**
 * TxnOffsetCommit (key 28), v0-4: offsets staged in the transaction (durably, in the
 * transaction log) and committed to the group only when the transaction commits. v3+ carries
 * the member's generation, checked as OffsetCommit checks it.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeTxnOffsetCommitRequest } from '../protocol/messages/txn-offset-commit-request.ts';
import { defaultTxnOffsetCommitResponse, encodeTxnOffsetCommitResponse } from '../protocol/messages/txn-offset-commit-response.ts';
import { refused } from '../acl/api-acls.ts';
import { isValidGroupId } from '../group/group-coordinator.ts';

export default defineHandler({
  apiKey: 28,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeTxnOffsetCommitRequest,
  encode: encodeTxnOffsetCommitResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const unknown = (topic: string, p: number): boolean => broker.logs.partition(topic, p) === undefined;
    const maxMetadata = broker.config.getInt('offset.metadata.max.bytes');
    const tooLarge = (m: string | null): boolean => m !== null && Buffer.byteLength(m) > maxMetadata;
    const denied = refused(ctx, 'writeTransactionalId', req.transactionalId) ?? refused(ctx, 'useGroup', req.groupId);
    let code: number;
    if (req.transactionalId === '') code = ErrorCode.INVALID_REQUEST;
    else if (!isValidGroupId(req.groupId)) code = ErrorCode.INVALID_GROUP_ID;
    else if (denied !== null) code = denied;
    else code = broker.groups.validateMember(req.groupId, req.memberId, req.groupInstanceId, req.generationId);
    const accepted = req.topics.flatMap((t) =>
      t.partitions
        .filter((p) => !unknown(t.name, p.partitionIndex) && !tooLarge(p.committedMetadata))
        .map((p) => ({
          topic: t.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          leaderEpoch: p.committedLeaderEpoch,
          metadata: p.committedMetadata,
        })),
    );
    if (code === ErrorCode.NONE && accepted.length > 0) {
      code = broker.transactions.stageOffsets(req.transactionalId, req.producerId, req.producerEpoch, req.groupId, accepted);
    }
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: unknown(t.name, p.partitionIndex)
          ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
          : tooLarge(p.committedMetadata)
            ? ErrorCode.OFFSET_METADATA_TOO_LARGE
            : code,
      })),
    }));
    return { ...defaultTxnOffsetCommitResponse(), topics };
  },
});
