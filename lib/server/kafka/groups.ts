import 'server-only';
import { AssignerProtocol, type Admin, type GroupDescription } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef, GroupDetailDto, GroupMemberDto, GroupOffsetDto, GroupSummaryDto } from '../../dto';
import { withAdmin } from './admin';
import { describeConsumerGroup, groupTypes, type ConsumerGroupView } from './consumer-groups';
import type { PartitionOffsets } from './dto';

/** Caches ListOffsets answers for the duration of one request. */
export class OffsetsCache {
  private readonly byTopic = new Map<string, Promise<Map<number, PartitionOffsets>>>();
  constructor(private readonly admin: Admin) {}

  topic(name: string): Promise<Map<number, PartitionOffsets>> {
    let p = this.byTopic.get(name);
    if (!p) {
      p = this.admin.fetchTopicOffsets(name).then((rows) => new Map(rows.map((r) => [r.partition, { low: BigInt(r.low), high: BigInt(r.high) }])));
      this.byTopic.set(name, p);
    }
    return p;
  }
}

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

/** Committed offsets of a group with log-end offsets and lag, for every topic it has committed on. */
export async function groupOffsets(admin: Admin, groupId: string, cache: OffsetsCache, onlyTopics?: string[]): Promise<GroupOffsetDto[]> {
  const topics = onlyTopics ?? (await admin.listTopics());
  if (topics.length === 0) return [];
  const fetched = await admin.fetchOffsets({ groupId, topics });
  const rows: GroupOffsetDto[] = [];
  for (const t of fetched) {
    const committed = t.partitions.filter((p) => BigInt(p.offset) >= 0n);
    if (committed.length === 0 && !onlyTopics) continue;
    const ends = await cache.topic(t.topic);
    for (const p of t.partitions) {
      const offset = BigInt(p.offset);
      const end = ends.get(p.partition) ?? { low: 0n, high: 0n };
      const base = offset >= 0n ? offset : end.low;
      rows.push({
        topic: t.topic,
        partition: p.partition,
        committedOffset: offset >= 0n ? offset.toString() : null,
        logEndOffset: end.high.toString(),
        logStartOffset: end.low.toString(),
        lag: (end.high > base ? end.high - base : 0n).toString(),
      });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** Which member holds each partition, from the members' current assignments. */
function withOwners(rows: GroupOffsetDto[], members: GroupMemberDto[]): GroupOffsetDto[] {
  const owners = new Map<string, GroupOffsetDto['owner']>();
  for (const m of members) for (const a of m.assignments) for (const p of a.partitions) owners.set(`${a.topic}\u0000${p}`, { memberId: m.memberId, clientId: m.clientId, host: m.host });
  return rows.map((r) => ({ ...r, owner: owners.get(`${r.topic}\u0000${r.partition}`) ?? null }));
}

function total(rows: GroupOffsetDto[]): string {
  return rows.reduce((s, r) => s + BigInt(r.lag), 0n).toString();
}

/** Every group with its type, state and committed offsets (the group list, the lag sampler, the topic list). */
export async function allGroupOffsets(cluster: ClusterRef) {
  return withAdmin(cluster, async (admin) => {
    const ids = (await admin.listGroups()).groups.map((g) => g.groupId);
    if (ids.length === 0) return [];
    const [{ groups }, types] = await Promise.all([admin.describeGroups(ids), groupTypes(cluster)]);
    const cache = new OffsetsCache(admin);
    return Promise.all(
      groups.map(async (g) => {
        const type = types.get(g.groupId) ?? 'classic';
        // Classic DescribeGroups does not describe consumer-protocol groups; ConsumerGroupDescribe does.
        const modern = type === 'consumer' ? await describeConsumerGroup(cluster, g.groupId) : null;
        const offsets = await groupOffsets(admin, g.groupId, cache);
        return {
          groupId: g.groupId,
          type,
          state: modern?.state ?? g.state,
          protocolType: modern ? 'consumer' : g.protocolType,
          protocol: modern?.assignor ?? g.protocol,
          members: modern?.members.length ?? g.members.length,
          offsets,
        };
      }),
    );
  });
}

export async function listGroups(cluster: ClusterRef): Promise<GroupSummaryDto[]> {
  const out = (await allGroupOffsets(cluster)).map(({ offsets, ...g }) => ({ ...g, topics: [...new Set(offsets.map((o) => o.topic))], totalLag: total(offsets) }));
  return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** A consumer-protocol (KIP-848) group by that name, or null when the group is classic or unknown. */
export async function consumerGroup(cluster: ClusterRef, groupId: string): Promise<ConsumerGroupView | null> {
  return (await groupTypes(cluster)).get(groupId) === 'consumer' ? describeConsumerGroup(cluster, groupId) : null;
}

export async function describeGroup(cluster: ClusterRef, groupId: string): Promise<GroupDetailDto> {
  const modern = await consumerGroup(cluster, groupId);
  return withAdmin(cluster, async (admin) => {
    if (modern) {
      const offsets = withOwners(await groupOffsets(admin, groupId, new OffsetsCache(admin)), modern.members);
      const { state, groupEpoch, assignmentEpoch, assignor, members } = modern;
      return { groupId, type: 'consumer', state, groupEpoch, assignmentEpoch, assignor, protocolType: 'consumer', protocol: assignor, members, offsets, totalLag: total(offsets) };
    }
    const g = await describeOne(admin, groupId);
    const members = decodeAssignments(g);
    const offsets = withOwners(await groupOffsets(admin, groupId, new OffsetsCache(admin)), members);
    if (g.state === 'Empty' && members.length === 0 && offsets.length === 0) {
      const ids = (await admin.listGroups()).groups.map((x) => x.groupId);
      if (!ids.includes(groupId)) throw new ApiError('not_found', `Consumer group "${groupId}" does not exist`);
    }
    return { groupId, type: 'classic', state: g.state, protocolType: g.protocolType, protocol: g.protocol, members, offsets, totalLag: total(offsets) };
  });
}

/** Groups with committed offsets on one topic, with their lag on it. */
export async function topicGroups(cluster: ClusterRef, topic: string): Promise<{ groupId: string; lag: string }[]> {
  return withAdmin(cluster, async (admin) => {
    const ids = (await admin.listGroups()).groups.map((g) => g.groupId);
    const cache = new OffsetsCache(admin);
    // All groups at once, as listGroups does: one after another costs a round trip per group.
    const found = await Promise.all(
      ids.map(async (id) => {
        const rows = (await groupOffsets(admin, id, cache, [topic])).filter((r) => r.committedOffset !== null);
        return rows.length > 0 ? { groupId: id, lag: total(rows) } : null;
      }),
    );
    return found.filter((g) => g !== null).sort((a, b) => a.groupId.localeCompare(b.groupId));
  });
}

export async function deleteGroup(cluster: ClusterRef, groupId: string): Promise<void> {
  await withAdmin(cluster, async (admin) => {
    const g = await describeOne(admin, groupId);
    if (g.members.length > 0) throw new ApiError('conflict', `Consumer group "${groupId}" has ${g.members.length} active member(s); stop its consumers first`);
    await admin.deleteGroups([groupId]);
  });
}

export { describeOne };
