/**
 * The group coordinator: owns every ConsumerGroup, their committed offsets and the durable
 * group metadata log. Handlers call it; it never blocks: JoinGroup/SyncGroup return promises
 * that only the waiting connection awaits, so one group's rebalance never holds up another
 * group or produce/fetch traffic.
 */
import { ErrorCode } from '../protocol/error-codes.ts';
import type { BrokerConfig } from '../config/broker-config.ts';
import { ConsumerGroup, type GroupEnv, type JoinRequest, type SyncRequest } from './consumer-group.ts';
import { GroupLog } from './group-log.ts';
import type { GroupRecord } from './group-records.ts';
import type { JoinResult, SyncResult } from './member.ts';
import type { CommittedOffset } from './offset-table.ts';
import { subscribedTopics } from './consumer-protocol.ts';
import type { GroupState } from './group-state.ts';
import { ModernGroups } from './modern/modern-groups.ts';
import type { TopicLookup } from './modern/modern-group.ts';

export interface CoordinatorDeps {
  dataDir: string;
  config: BrokerConfig;
  log: (line: string) => void;
  /** Whether the partition exists (commits to unknown partitions are refused). */
  partitionExists: (topic: string, partition: number) => boolean;
  /** Topic partition counts for KIP-848 consumer groups (none known when absent). */
  topics?: TopicLookup;
}

const NO_TOPICS: TopicLookup = { partitionCount: () => undefined, allTopics: () => [] };

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string | null;
}

export interface CommitContext {
  memberId: string;
  groupInstanceId: string | null;
  generationId: number;
  /** OffsetCommit v2-4 retention_time_ms; -1 = broker default (expire after the group empties). */
  retentionTimeMs: bigint;
  /** The OffsetCommit version: consumer-group members must commit with v9+. */
  apiVersion?: number;
}

export interface FetchedOffset {
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export type GroupType = 'classic' | 'consumer';

export interface GroupSummary {
  errorCode: number;
  state: GroupState;
  protocolType: string;
  protocolData: string;
  members: { memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[];
}

export const isValidGroupId = (groupId: string): boolean => groupId.length > 0;

export class GroupCoordinator {
  private readonly groups = new Map<string, ConsumerGroup>();
  /** KIP-848 consumer groups; their committed offsets live in `groups` like any group's. */
  readonly modern: ModernGroups;
  private readonly log: GroupLog;
  private readonly env: GroupEnv;
  private expiryTimer: NodeJS.Timeout | null = null;
  private compactChecks = 0;

  constructor(private readonly deps: CoordinatorDeps) {
    this.env = {
      initialRebalanceDelayMs: () => deps.config.getInt('group.initial.rebalance.delay.ms'),
      storeGroup: (group) => this.log.append([{ type: 'group', group: group.groupId, value: group.snapshot() }]),
      log: deps.log,
    };
    this.modern = new ModernGroups({
      topics: deps.topics ?? NO_TOPICS,
      sessionTimeoutMs: () => deps.config.getInt('group.consumer.session.timeout.ms'),
      heartbeatIntervalMs: () => deps.config.getInt('group.consumer.heartbeat.interval.ms'),
      store: (group, value) => this.log.append([value === null ? { type: 'consumer-group-tombstone', group } : { type: 'consumer-group', group, value }]),
      classicState: (groupId) => {
        const g = this.groups.get(groupId);
        return g === undefined ? 'none' : g.state === 'Empty' || g.state === 'Dead' ? 'empty' : 'active';
      },
      log: deps.log,
    });
    const started = Date.now();
    const { log, replay } = GroupLog.open(deps.dataDir, (rec) => this.replay(rec), deps.log);
    this.log = log;
    for (const g of this.groups.values()) g.armRestoredSessions();
    this.modern.armRestoredSessions();
    deps.log(`group coordinator loaded ${this.groups.size} group(s) from ${replay.records} record(s) in ${Date.now() - started} ms`);
    this.maybeCompact(true);
    const interval = deps.config.getInt('offsets.retention.check.interval.ms');
    this.expiryTimer = setInterval(() => this.expireOffsets(BigInt(Date.now())), interval);
    this.expiryTimer.unref();
  }

  private replay(rec: GroupRecord): void {
    switch (rec.type) {
      case 'offset':
        this.getOrCreate(rec.group).offsets.set(rec.topic, rec.partition, rec.value);
        break;
      case 'offset-tombstone':
        this.groups.get(rec.group)?.offsets.delete(rec.topic, rec.partition);
        break;
      case 'group':
        this.getOrCreate(rec.group).restore(rec.value);
        break;
      case 'group-tombstone':
        this.groups.get(rec.group)?.shutdown();
        this.groups.delete(rec.group);
        break;
      case 'consumer-group':
        this.modern.restore(rec.group, rec.value);
        break;
      case 'consumer-group-tombstone':
        this.modern.forget(rec.group);
        break;
    }
  }

  private getOrCreate(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) this.groups.set(groupId, (group = new ConsumerGroup(groupId, this.env)));
    return group;
  }

  group(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId);
  }

  // ---------------------------------------------------------------- membership

  join(groupId: string, req: JoinRequest): Promise<JoinResult> {
    const min = this.deps.config.getInt('group.min.session.timeout.ms');
    const max = this.deps.config.getInt('group.max.session.timeout.ms');
    const fail = (errorCode: number): Promise<JoinResult> =>
      Promise.resolve({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId: req.memberId, members: [] });
    if (!isValidGroupId(groupId)) return fail(ErrorCode.INVALID_GROUP_ID);
    if (req.sessionTimeoutMs < min || req.sessionTimeoutMs > max) return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    const modern = this.modern.get(groupId);
    if (modern !== undefined) {
      // A consumer group with members speaks only the consumer protocol; an empty one becomes classic.
      if (modern.members.size > 0) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      this.dropModern(groupId);
    }
    const existing = this.groups.get(groupId);
    // A member id for a group this coordinator does not know belongs to a group that is gone.
    if (existing === undefined && req.memberId !== '') return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    return this.getOrCreate(groupId).join(req);
  }

  sync(groupId: string, req: SyncRequest): Promise<SyncResult> {
    const group = this.groups.get(groupId);
    const fail = (errorCode: number): Promise<SyncResult> =>
      Promise.resolve({ errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    if (!isValidGroupId(groupId)) return fail(ErrorCode.INVALID_GROUP_ID);
    if (group === undefined) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    return group.sync(req);
  }

  heartbeat(groupId: string, memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (!isValidGroupId(groupId)) return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(groupId);
    return group === undefined ? ErrorCode.UNKNOWN_MEMBER_ID : group.heartbeat(memberId, groupInstanceId, generationId);
  }

  /** LeaveGroup: per-member error codes (v3+ batches members). */
  leave(groupId: string, members: readonly { memberId: string; groupInstanceId: string | null }[]): { errorCode: number; members: number[] } {
    if (!isValidGroupId(groupId)) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: members.map(() => ErrorCode.INVALID_GROUP_ID) };
    const group = this.groups.get(groupId);
    if (group === undefined) return { errorCode: ErrorCode.NONE, members: members.map(() => ErrorCode.UNKNOWN_MEMBER_ID) };
    return { errorCode: ErrorCode.NONE, members: members.map((m) => group.leave(m.memberId, m.groupInstanceId)) };
  }

  // ---------------------------------------------------------------- offsets

  /**
   * TxnOffsetCommit's member check: as an OffsetCommit's, but a group that does not exist
   * yet accepts any generation (a transactional producer need not be a member).
   */
  validateMember(groupId: string, memberId: string, groupInstanceId: string | null, generationId: number): number {
    const group = this.groups.get(groupId);
    if (group === undefined || generationId < 0) return ErrorCode.NONE;
    return group.validateCommit(memberId, groupInstanceId, generationId);
  }

  /**
   * Offsets of a committed transaction: they were validated when staged, so they are recorded
   * as they are (no member check: the member may have left since).
   */
  commitTransactionalOffsets(offsets: readonly (OffsetToCommit & { group: string })[]): void {
    const now = BigInt(Date.now());
    const records: GroupRecord[] = offsets
      .filter((o) => this.deps.partitionExists(o.topic, o.partition))
      .map((o) => ({
        type: 'offset',
        group: o.group,
        topic: o.topic,
        partition: o.partition,
        value: { offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata ?? '', commitTimestamp: now, expireTimestamp: null },
      }));
    if (records.length === 0) return;
    this.log.append(records);
    for (const r of records) if (r.type === 'offset') this.getOrCreate(r.group).offsets.set(r.topic, r.partition, r.value);
    this.maybeCompact();
  }

  /** Validates and durably records commits; returns one error code per requested offset. */
  commitOffsets(groupId: string, ctx: CommitContext, offsets: readonly OffsetToCommit[]): number[] {
    let group = this.groups.get(groupId);
    let groupError: number;
    if (this.modern.get(groupId) !== undefined) {
      groupError = this.modern.validateCommit(groupId, ctx.memberId, ctx.generationId, ctx.apiVersion ?? 9);
    } else if (group === undefined) {
      // No group: only a client that does not use group management (generation -1) may commit.
      groupError = ctx.generationId < 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    } else {
      groupError = group.validateCommit(ctx.memberId, ctx.groupInstanceId, ctx.generationId);
    }
    if (groupError !== ErrorCode.NONE) return offsets.map(() => groupError);
    const maxMetadata = this.deps.config.getInt('offset.metadata.max.bytes');
    const now = BigInt(Date.now());
    const expireTimestamp = ctx.retentionTimeMs >= 0n ? now + ctx.retentionTimeMs : null;
    const records: GroupRecord[] = [];
    const errors = offsets.map((o) => {
      if (!this.deps.partitionExists(o.topic, o.partition)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      if (o.metadata !== null && Buffer.byteLength(o.metadata) > maxMetadata) return ErrorCode.OFFSET_METADATA_TOO_LARGE;
      const value: CommittedOffset = { offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata ?? '', commitTimestamp: now, expireTimestamp };
      records.push({ type: 'offset', group: groupId, topic: o.topic, partition: o.partition, value });
      return ErrorCode.NONE;
    });
    if (records.length > 0) {
      // Written before the reply: an acknowledged commit survives a broker crash.
      this.log.append(records);
      group ??= this.getOrCreate(groupId);
      for (const r of records) if (r.type === 'offset') group.offsets.set(r.topic, r.partition, r.value);
      this.maybeCompact();
    }
    return errors;
  }

  /** OffsetFetch for one group; `topics` null = every partition with a committed offset. */
  fetchOffsets(groupId: string, topics: readonly { name: string; partitions: readonly number[] }[] | null): { name: string; partitions: FetchedOffset[] }[] {
    const table = this.groups.get(groupId)?.offsets;
    const found = (topic: string, partition: number): FetchedOffset => {
      const c = table?.get(topic, partition);
      return c
        ? { partition, offset: c.offset, leaderEpoch: c.leaderEpoch, metadata: c.metadata, errorCode: ErrorCode.NONE }
        : { partition, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };
    };
    if (topics === null) {
      if (!table) return [];
      return table.topics().map((name) => ({ name, partitions: table.partitions(name).map(([p]) => found(name, p)) }));
    }
    return topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => found(t.name, p)) }));
  }

  /** OffsetDelete: refuses partitions of topics the active group still subscribes to. */
  deleteOffsets(
    groupId: string,
    topics: readonly { name: string; partitions: readonly number[] }[],
  ): { errorCode: number; topics: { name: string; partitions: { partition: number; errorCode: number }[] }[] } {
    if (!isValidGroupId(groupId)) return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    const modern = this.modern.get(groupId);
    const group = modern === undefined ? this.groups.get(groupId) : this.getOrCreate(groupId);
    if (group === undefined || group.state === 'Dead') return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    const active = group.state !== 'Empty';
    if (active && group.protocolType !== 'consumer') return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };
    const subscribed =
      modern !== undefined ? modern.allSubscribedTopics(this.deps.topics ?? NO_TOPICS) : new Set(active ? group.subscriptions().flatMap(subscribedTopics) : []);
    const records: GroupRecord[] = [];
    const result = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((partition) => {
        if (!this.deps.partitionExists(t.name, partition)) return { partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (subscribed.has(t.name)) return { partition, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
        if (group.offsets.delete(t.name, partition)) records.push({ type: 'offset-tombstone', group: groupId, topic: t.name, partition });
        return { partition, errorCode: ErrorCode.NONE };
      }),
    }));
    this.log.append(records);
    return { errorCode: ErrorCode.NONE, topics: result };
  }

  // ---------------------------------------------------------------- admin views

  listGroups(): { groupId: string; protocolType: string; state: string; type: GroupType }[] {
    const classic = [...this.groups.values()]
      .filter((g) => g.state !== 'Dead' && this.modern.get(g.groupId) === undefined)
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.state as string, type: 'classic' as const }));
    const modern = this.modern.all().map((g) => ({ groupId: g.groupId, protocolType: 'consumer', state: g.state as string, type: 'consumer' as const }));
    return [...classic, ...modern];
  }

  describe(groupId: string): GroupSummary {
    const group = this.groups.get(groupId);
    if (!isValidGroupId(groupId)) return { errorCode: ErrorCode.INVALID_GROUP_ID, state: 'Dead', protocolType: '', protocolData: '', members: [] };
    // Kafka describes an unknown group as Dead with no error (DescribeGroups v0-5), and so a
    // consumer group too: DescribeGroups only knows classic groups.
    if (group === undefined || this.modern.get(groupId) !== undefined)
      return { errorCode: ErrorCode.NONE, state: 'Dead', protocolType: '', protocolData: '', members: [] };
    const stable = group.state === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(group.protocolName) : Buffer.alloc(0),
        assignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  }

  deleteGroup(groupId: string): number {
    if (!isValidGroupId(groupId)) return ErrorCode.INVALID_GROUP_ID;
    const modern = this.modern.get(groupId);
    if (modern !== undefined) {
      if (modern.members.size > 0) return ErrorCode.NON_EMPTY_GROUP;
      this.dropModern(groupId);
      this.removeGroup(this.getOrCreate(groupId));
      return ErrorCode.NONE;
    }
    const group = this.groups.get(groupId);
    if (group === undefined || group.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (group.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    this.removeGroup(group);
    return ErrorCode.NONE;
  }

  /** Removes an empty KIP-848 group's metadata (its offsets stay with the group id). */
  private dropModern(groupId: string): void {
    this.log.append([{ type: 'consumer-group-tombstone', group: groupId }]);
    this.modern.forget(groupId);
  }

  private removeGroup(group: ConsumerGroup): void {
    this.log.append([{ type: 'group-tombstone', group: group.groupId }]);
    group.markDead();
    this.groups.delete(group.groupId);
  }

  // ---------------------------------------------------------------- housekeeping

  /** A deleted topic takes its committed offsets with it. */
  onTopicDeleted(topic: string): void {
    const records: GroupRecord[] = [];
    for (const g of this.groups.values()) {
      for (const partition of g.offsets.deleteTopic(topic)) records.push({ type: 'offset-tombstone', group: g.groupId, topic, partition });
    }
    this.log.append(records);
  }

  /**
   * `offsets.retention.minutes`: offsets of an Empty group expire that long after it became
   * Empty (a group that never used group management: after each commit), or at their own
   * expire timestamp. An Empty group left with no offsets is removed.
   */
  expireOffsets(now: bigint): number {
    const retentionMs = BigInt(this.deps.config.getInt('offsets.retention.minutes')) * 60_000n;
    const records: GroupRecord[] = [];
    for (const g of [...this.groups.values()]) {
      if (g.state !== 'Empty') continue;
      const modern = this.modern.get(g.groupId);
      if (modern !== undefined && modern.members.size > 0) continue;
      for (const o of [...g.offsets.entries()]) {
        // Consumer groups (KIP-848) expire each offset from its commit, as Kafka does.
        const base = g.protocolType !== null && modern === undefined ? g.stateTimestamp : o.commitTimestamp;
        if ((o.expireTimestamp ?? base + retentionMs) > now) continue;
        g.offsets.delete(o.topic, o.partition);
        records.push({ type: 'offset-tombstone', group: g.groupId, topic: o.topic, partition: o.partition });
      }
      if (g.offsets.size === 0) {
        if (modern !== undefined) {
          records.push({ type: 'consumer-group-tombstone', group: g.groupId });
          this.modern.forget(g.groupId);
        }
        records.push({ type: 'group-tombstone', group: g.groupId });
        g.markDead();
        this.groups.delete(g.groupId);
      }
    }
    this.log.append(records);
    if (records.length > 0) this.deps.log(`group coordinator expired ${records.length} offset(s)/group(s)`);
    this.maybeCompact(true);
    return records.length;
  }

  private *liveRecords(): Generator<GroupRecord> {
    for (const g of this.modern.all()) yield { type: 'consumer-group', group: g.groupId, value: g.snapshot() };
    for (const g of this.groups.values()) {
      if (g.protocolType !== null || g.generationId > 0) yield { type: 'group', group: g.groupId, value: g.snapshot() };
      for (const o of g.offsets.entries()) {
        const { topic, partition, ...value } = o;
        yield { type: 'offset', group: g.groupId, topic, partition, value };
      }
    }
  }

  private maybeCompact(force = false): void {
    // Counting live keys walks every group, so only look every so often.
    if (!force && ++this.compactChecks % 64 !== 0) return;
    let live = 0;
    for (const g of this.groups.values()) live += 1 + g.offsets.size;
    live += this.modern.all().length;
    if (!this.log.shouldCompact(live)) return;
    const before = this.log.entryCount;
    this.log.rewrite(this.liveRecords());
    this.deps.log(`group metadata log compacted: ${before} -> ${this.log.entryCount} entries`);
  }

  close(): void {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    for (const g of this.groups.values()) g.shutdown();
    this.modern.close();
    this.log.close();
  }
}
