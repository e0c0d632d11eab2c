import 'server-only';
import { AssignerProtocol, type Admin, type GroupDescription } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef, GroupDetailDto, GroupMemberDto, GroupOffsetDto, GroupSummaryDto } from '../../dto';
import { withAdmin } from './admin';
import { lagInputs, offsetRows, totalLag } from './committed-offsets';
import { describeConsumerGroup, type ConsumerGroupView } from './consumer-groups';
import { describeListed, listedGroups, type GroupHeader } from './group-listing';
import { withPlatformaticAdmin } from './platformatic-admin';

export async function listGroupIds(cluster: ClusterRef): Promise<string[]> {
  return withAdmin(cluster, async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId).sort());
}

async function describeOne(admin: Admin, groupId: string): Promise<GroupDescription> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0] as (GroupDescription & { errorCode?: number }) | undefined;
  if (!g || g.state === 'Dead') throw new ApiError('not_found', `Consumer group "${groupId}" does not exist`);
  return g;
}

function decodeAssignments(g: GroupDescription): GroupMemberDto[] {
  return g.members.map((m) => {
    let assignments: GroupMemberDto['assignments'] = [];
    if (g.protocolType === 'consumer' && m.memberAssignment?.length) {
      try {
        const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        assignments = Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
      } catch {
        assignments = [];
      }
    }
    return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments };
  });
}

/** Committed offsets of one group with log-start and log-end offsets and lag, for every topic it has committed on (or `onlyTopics`). */
export async function groupOffsets(cluster: ClusterRef, groupId: string, onlyTopics?: string[]): Promise<GroupOffsetDto[]> {
  return offsetRows(await lagInputs(cluster, [groupId], onlyTopics), groupId, onlyTopics);
}

/** Which member holds each partition, from the members' current assignments. */
function withOwners(rows: GroupOffsetDto[], members: GroupMemberDto[]): GroupOffsetDto[] {
  const owners = new Map<string, GroupOffsetDto['owner']>();
  for (const m of members)
    for (const a of m.assignments)
      for (const p of a.partitions) owners.set(`${a.topic}\u0000${p}`, { memberId: m.memberId, clientId: m.clientId, host: m.host });
  return rows.map((r) => ({ ...r, owner: owners.get(`${r.topic}\u0000${r.partition}`) ?? null }));
}

/**
 * Every group with its type, state and committed offsets (the group list, the lag sampler), in
 * a fixed number of requests however many groups there are (group-listing.ts, committed-offsets.ts).
 */
export async function allGroupOffsets(cluster: ClusterRef): Promise<(GroupHeader & { offsets: GroupOffsetDto[] })[]> {
  const listed = await withPlatformaticAdmin(cluster, listedGroups);
  if (listed.length === 0) return [];
  const [headers, inputs] = await Promise.all([
    withPlatformaticAdmin(cluster, (admin) => describeListed(admin, listed)),
    lagInputs(
      cluster,
      listed.map((g) => g.groupId),
    ),
  ]);
  return headers.map((g) => ({ ...g, offsets: offsetRows(inputs, g.groupId) }));
}

export async function listGroups(cluster: ClusterRef): Promise<GroupSummaryDto[]> {
  const out = (await allGroupOffsets(cluster)).map(({ offsets, ...g }) => ({
    ...g,
    topics: [...new Set(offsets.map((o) => o.topic))],
    totalLag: totalLag(offsets),
  }));
  return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** A consumer-protocol (KIP-848) group by that name, or null when the group is classic or unknown. */
export async function consumerGroup(cluster: ClusterRef, groupId: string): Promise<ConsumerGroupView | null> {
  // ConsumerGroupDescribe answers GROUP_ID_NOT_FOUND for a classic group, so asking it directly
  // is one request, where listing every group to learn this one's kind was a ListGroups of all.
  // A cluster without the API (before Kafka 3.7) has only classic groups.
  return describeConsumerGroup(cluster, groupId).catch((e: unknown) => {
    if (e instanceof ApiError && e.code === 'unsupported') return null;
    throw e;
  });
}

export async function describeGroup(cluster: ClusterRef, groupId: string): Promise<GroupDetailDto> {
  // The three lookups do not depend on each other: asked together, the page costs the longest of them.
  const classic = withAdmin(cluster, (admin) => describeOne(admin, groupId));
  classic.catch(() => undefined);
  const [modern, rows] = await Promise.all([consumerGroup(cluster, groupId), groupOffsets(cluster, groupId)]);
  if (modern) {
    const offsets = withOwners(rows, modern.members);
    const { state, groupEpoch, assignmentEpoch, assignor, members } = modern;
    return {
      groupId,
      type: 'consumer',
      state,
      groupEpoch,
      assignmentEpoch,
      assignor,
      protocolType: 'consumer',
      protocol: assignor,
      members,
      offsets,
      totalLag: totalLag(offsets),
    };
  }
  const g = await classic;
  const members = decodeAssignments(g);
  const offsets = withOwners(rows, members);
  if (g.state === 'Empty' && members.length === 0 && offsets.length === 0) {
    if (!(await listGroupIds(cluster)).includes(groupId)) throw new ApiError('not_found', `Consumer group "${groupId}" does not exist`);
  }
  return { groupId, type: 'classic', state: g.state, protocolType: g.protocolType, protocol: g.protocol, members, offsets, totalLag: totalLag(offsets) };
}

/** Groups with committed offsets on one topic, with their lag on it. */
export async function topicGroups(cluster: ClusterRef, topic: string): Promise<{ groupId: string; lag: string }[]> {
  const ids = await listGroupIds(cluster);
  const inputs = await lagInputs(cluster, ids, [topic]);
  return ids
    .filter((id) => inputs.committed.get(id)?.has(topic))
    .map((id) => ({ groupId: id, lag: totalLag(offsetRows(inputs, id, [topic]).filter((r) => r.committedOffset !== null)) }));
}

export async function deleteGroup(cluster: ClusterRef, groupId: string): Promise<void> {
  await withAdmin(cluster, async (admin) => {
    const g = await describeOne(admin, groupId);
    if (g.members.length > 0) throw new ApiError('conflict', `Consumer group "${groupId}" has ${g.members.length} active member(s); stop its consumers first`);
    await admin.deleteGroups([groupId]);
  });
}

export { describeOne };
