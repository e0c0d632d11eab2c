import 'server-only';
import { encodeOffsetCommitRequest, type OffsetCommitRequest } from '../../../broker/protocol/messages/offset-commit-request.ts';
import { decodeOffsetCommitResponse, type OffsetCommitResponse } from '../../../broker/protocol/messages/offset-commit-response.ts';
import { encodeOffsetDeleteRequest, type OffsetDeleteRequest } from '../../../broker/protocol/messages/offset-delete-request.ts';
import { decodeOffsetDeleteResponse, type OffsetDeleteResponse } from '../../../broker/protocol/messages/offset-delete-response.ts';
import type { ClusterRef } from '../../dto';
import { coordinatorOf } from './coordinators';
import { withPooledCluster, type KafkaBroker } from './kafkajs-pool';
import { send, throwIfError, type WireApi } from './wire';

/**
 * Commits and deletes group offsets the way Kafka's own AdminClient does, which kafkajs's admin
 * cannot: OffsetCommit with no member (generation -1, empty member id: a standalone commit,
 * accepted only while the group has no members) and OffsetDelete, both sent to the coordinator.
 */
const OffsetCommit: WireApi<OffsetCommitRequest, OffsetCommitResponse> = {
  apiKey: 8,
  // v2+ is what Kafka 4 still accepts; v0-1 keep offsets in ZooKeeper or carry per-partition timestamps.
  minVersion: 2,
  maxVersion: 9,
  encode: encodeOffsetCommitRequest,
  decode: decodeOffsetCommitResponse,
};

const OffsetDelete: WireApi<OffsetDeleteRequest, OffsetDeleteResponse> = {
  apiKey: 47,
  minVersion: 0,
  maxVersion: 0,
  encode: encodeOffsetDeleteRequest,
  decode: decodeOffsetDeleteResponse,
};

/** The group's coordinator, on a borrowed Cluster. */
function withCoordinator<T>(cluster: ClusterRef, groupId: string, fn: (coordinator: KafkaBroker) => Promise<T>): Promise<T> {
  return withPooledCluster(cluster, async (c) => {
    return fn(await coordinatorOf(c, 'group', groupId));
  });
}

function byTopic<T extends { topic: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.topic);
    if (list) list.push(r);
    else out.set(r.topic, [r]);
  }
  return out;
}

/** Any partition the broker refused fails the whole call, as Kafka's AdminClient reports it. */
export function commitGroupOffsets(cluster: ClusterRef, groupId: string, offsets: { topic: string; partition: number; offset: bigint }[]): Promise<void> {
  return withCoordinator(cluster, groupId, async (coordinator) => {
    const res = await send(coordinator, OffsetCommit, {
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      // -1: the broker's offsets.retention.minutes (only v2-4 carry the field).
      retentionTimeMs: -1n,
      topics: [...byTopic(offsets)].map(([name, rows]) => ({
        name,
        partitions: rows.map((r) => ({
          partitionIndex: r.partition,
          committedOffset: r.offset,
          committedLeaderEpoch: -1,
          commitTimestamp: -1n,
          committedMetadata: '',
        })),
      })),
    });
    for (const t of res.topics) for (const p of t.partitions) throwIfError(p.errorCode);
  });
}

export function deleteGroupTopicOffsets(cluster: ClusterRef, groupId: string, topic: string, partitions: number[]): Promise<void> {
  return withCoordinator(cluster, groupId, async (coordinator) => {
    const res = await send(coordinator, OffsetDelete, {
      groupId,
      topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex })) }],
    });
    throwIfError(res.errorCode);
    for (const t of res.topics) for (const p of t.partitions) throwIfError(p.errorCode);
  });
}
