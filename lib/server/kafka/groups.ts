import 'server-only';
import { AssignerProtocol } from 'kafkajs';
import { ErrorCode } from '../../../broker/protocol/error-codes.ts';
import type { DescribedGroup } from '../../../broker/protocol/messages/describe-groups-response.ts';
import { ApiError } from '../../api-error';
import type { ClusterRef, GroupDetailDto, GroupMemberDto, GroupOffsetDto, GroupSummaryDto } from '../../dto';
import { withAdmin } from './admin';
import { DescribeGroups } from './apis';
import { committedOn, lagInputs, offsetRows, readCommitted, totalLag, withOffsets, type Committed } from './committed-offsets';
import { consumerGroupOn, type ConsumerGroupView } from './consumer-groups';
import { coordinatorOf } from './coordinators';
import { describeListed, listedGroups, type GroupHeader } from './group-listing';
import { withPooledCluster, type KafkaBroker, type KafkaCluster } from './kafkajs-pool';
import { send, throwIfError } from './wire';

export async function listGroupIds(cluster: ClusterRef): Promise<string[]> {
  return withAdmin(cluster, async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId).sort());
}

const notFound = (groupId: string): ApiError => new ApiError('not_found', `Consumer group "${groupId}" does not exist`);

/** A classic group as DescribeGroups shows it. */
interface ClassicGroup {
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberDto[];
}

function decodeAssignments(g: DescribedGroup): GroupMemberDto[] {
  return g.members.map((m) => {
    let assignments: GroupMemberDto['assignments'] = [];
    if (g.protocolType === 'consumer' && m.memberAssignment.length > 0) {
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

async function classicGroupOn(coordinator: KafkaBroker, groupId: string): Promise<ClassicGroup> {
  const res = await send(coordinator, DescribeGroups, { groups: [groupId], includeAuthorizedOperations: false });
  const g = res.groups.find((x) => x.groupId === groupId);
  // Kafka answers an unknown group as Dead (GROUP_ID_NOT_FOUND from 4.0 on, and for consumer-protocol groups).
  if (!g || g.errorCode === ErrorCode.GROUP_ID_NOT_FOUND || g.groupState === 'Dead') throw notFound(groupId);
  throwIfError(g.errorCode);
  return { state: g.groupState, protocolType: g.protocolType, protocol: g.protocolData, members: decodeAssignments(g) };
}

/** One group as its coordinator sees it: a consumer-protocol view, or else the classic one. */
type GroupSeen = ({ modern: ConsumerGroupView; classic: null } | { modern: null; classic: ClassicGroup }) & { committed: Committed };

/**
 * One FindCoordinator, then DescribeGroups, ConsumerGroupDescribe and (when asked) OffsetFetch to
 * the coordinator at once: which kind the group is is not known before the answers.
 */
async function lookAt(cluster: KafkaCluster, groupId: string, withCommitted: boolean): Promise<GroupSeen> {
  const coordinator = await coordinatorOf(cluster, 'group', groupId);
  const classic = classicGroupOn(coordinator, groupId);
  // Only awaited when the group turns out to be classic; a consumer-protocol group fails it.
  classic.catch(() => undefined);
  const [modern, committed] = await Promise.all([
    consumerGroupOn(coordinator, groupId),
    withCommitted ? committedOn(coordinator, [groupId]).then((m) => m.get(groupId) ?? new Map()) : new Map(),
  ]);
  return modern ? { modern, classic: null, committed } : { modern: null, classic: await classic, committed };
}

/** State and member count of either kind of group. */
export async function groupMembers(cluster: ClusterRef, groupId: string): Promise<{ state: string; members: number }> {
  return withPooledCluster(cluster, async (c) => {
    const { modern, classic } = await lookAt(c, groupId, false);
    const g = modern ?? classic;
    return { state: g.state, members: g.members.length };
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
  const { headers, committed } = await withPooledCluster(cluster, async (c) => {
    const listed = await listedGroups(c);
    const ids = listed.map((g) => g.groupId);
    const [headers, committed] = await Promise.all([describeListed(c, listed), readCommitted(c, ids)]);
    return { headers, committed };
  });
  if (headers.length === 0) return [];
  const inputs = await withOffsets(cluster, committed);
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

/**
 * One group's page in one borrowed Cluster: the coordinator's description of either kind and its
 * committed offsets (lookAt), then the offsets of only the topics it has committed on.
 */
export async function describeGroup(cluster: ClusterRef, groupId: string): Promise<GroupDetailDto> {
  const seen = await withPooledCluster(cluster, async (c) => {
    const s = await lookAt(c, groupId, true);
    // Some brokers describe any unknown group as Empty: only a listed group is one.
    if (s.classic?.state === 'Empty' && s.classic.members.length === 0 && s.committed.size === 0) {
      if (!(await listedGroups(c)).some((g) => g.groupId === groupId)) throw notFound(groupId);
    }
    return s;
  });
  const rows = offsetRows(await withOffsets(cluster, new Map([[groupId, seen.committed]])), groupId);
  if (seen.modern) {
    const offsets = withOwners(rows, seen.modern.members);
    const { state, groupEpoch, assignmentEpoch, assignor, members } = seen.modern;
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
  const g = seen.classic;
  const offsets = withOwners(rows, g.members);
  return {
    groupId,
    type: 'classic',
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members,
    offsets,
    totalLag: totalLag(offsets),
  };
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
  const g = await groupMembers(cluster, groupId);
  if (g.members > 0) throw new ApiError('conflict', `Consumer group "${groupId}" has ${g.members} active member(s); stop its consumers first`);
  await withAdmin(cluster, (admin) => admin.deleteGroups([groupId]));
}
