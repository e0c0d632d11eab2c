import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef, ResetPreviewDto, ResetPreviewRowDto } from '../../dto';
import type { ResetStrategy } from '../../validation';
import { groupMembers, groupOffsets } from './groups';
import { commitGroupOffsets, deleteGroupTopicOffsets } from './offset-writer';
import { offsetsAtTime } from './topic-offsets';
import { assertTopicExistsIn, existingTopic } from './topics';

/** As in Kafka, offsets can only be changed while no consumer is in the group. */
const RESETTABLE = new Set(['Empty', 'Dead']);

function clamp(v: bigint, low: bigint, high: bigint): bigint {
  return v < low ? low : v > high ? high : v;
}

export interface ResetScope {
  topic?: string;
  partition?: number;
}

/** Works out, without changing anything, where each partition's committed offset would move. */
export async function previewReset(cluster: ClusterRef, groupId: string, strategy: ResetStrategy, scope: ResetScope): Promise<ResetPreviewDto> {
  const g = await groupMembers(cluster, groupId);
  if (scope.topic) await assertTopicExistsIn(cluster, scope.topic);
  let rows = await groupOffsets(cluster, groupId, scope.topic ? [scope.topic] : undefined);
  if (scope.partition !== undefined) {
    rows = rows.filter((r) => r.partition === scope.partition);
    if (rows.length === 0) throw new ApiError('not_found', `Topic "${scope.topic}" has no partition ${scope.partition}`);
  }
  if (rows.length === 0) throw new ApiError('bad_request', `Group "${groupId}" has no committed offsets; choose a topic to reset`);

  const byTimestamp =
    strategy.type === 'timestamp'
      ? await offsetsAtTime(
          cluster,
          await Promise.all([...new Set(rows.map((r) => r.topic))].map((t) => existingTopic(cluster, t))),
          BigInt(strategy.timestamp),
        )
      : new Map<string, Map<number, bigint>>();

  const preview: ResetPreviewRowDto[] = rows.map((r) => {
    const low = BigInt(r.logStartOffset);
    const high = BigInt(r.logEndOffset);
    const current = r.committedOffset === null ? null : BigInt(r.committedOffset);
    let next: bigint;
    switch (strategy.type) {
      case 'earliest':
        next = low;
        break;
      case 'latest':
        next = high;
        break;
      case 'timestamp':
        next = byTimestamp.get(r.topic)?.get(r.partition) ?? high;
        if (next < 0n) next = high;
        break;
      case 'offset':
        next = BigInt(strategy.offset);
        break;
      case 'shift':
        next = (current ?? low) + BigInt(strategy.by);
        break;
    }
    const wanted = next;
    next = clamp(next, low, high);
    const adjusted =
      wanted === next
        ? undefined
        : wanted > high
          ? `${wanted} is past the end (${high}); set to the end`
          : `${wanted} is before the log start (${low}); set to the start`;
    return {
      topic: r.topic,
      partition: r.partition,
      currentOffset: current?.toString() ?? null,
      newOffset: next.toString(),
      logStartOffset: low.toString(),
      logEndOffset: high.toString(),
      lagAfter: (high - next).toString(),
      ...(adjusted && { adjusted }),
    };
  });
  return { groupId, state: g.state, members: g.members, blockedReason: blockedReason(groupId, g.state, g.members), rows: preview };
}

function blockedReason(groupId: string, state: string, members: number): string | null {
  if (RESETTABLE.has(state) && members === 0) return null;
  return `Consumer group "${groupId}" is ${state} with ${members} member(s); offsets can only be changed while the group is empty. Stop its consumers first.`;
}

async function assertResettable(cluster: ClusterRef, groupId: string): Promise<void> {
  const g = await groupMembers(cluster, groupId).catch((e: unknown) => {
    if (e instanceof ApiError && e.code === 'not_found') return null;
    throw e;
  });
  const reason = g && blockedReason(groupId, g.state, g.members);
  if (reason) throw new ApiError('conflict', reason);
}

/** Commits exactly the given offsets (the ones the preview showed). */
export async function applyReset(cluster: ClusterRef, groupId: string, offsets: { topic: string; partition: number; offset: bigint }[]): Promise<void> {
  await assertResettable(cluster, groupId);
  for (const topic of new Set(offsets.map((o) => o.topic))) {
    // Kafka would store an offset for a partition that does not exist; refuse it instead.
    const known = new Set((await existingTopic(cluster, topic)).partitions.map((p) => p.partitionId));
    const missing = offsets.find((o) => o.topic === topic && !known.has(o.partition));
    if (missing) throw new ApiError('not_found', `Topic "${topic}" has no partition ${missing.partition} (it has ${known.size})`);
  }
  await commitGroupOffsets(cluster, groupId, offsets);
}

export async function deleteTopicOffsets(cluster: ClusterRef, groupId: string, topic: string): Promise<void> {
  await assertResettable(cluster, groupId);
  await assertTopicExistsIn(cluster, topic);
  const partitions = (await groupOffsets(cluster, groupId, [topic])).filter((r) => r.committedOffset !== null).map((r) => r.partition);
  if (partitions.length === 0) throw new ApiError('not_found', `Group "${groupId}" has no committed offsets on topic "${topic}"`);
  await deleteGroupTopicOffsets(cluster, groupId, topic, partitions);
}
