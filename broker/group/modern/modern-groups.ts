/**
 * The coordinator side of KIP-848 consumer groups: ConsumerGroupHeartbeat (join, heartbeat,
 * leave), session and rebalance timeouts, and the checks OffsetCommit/OffsetFetch make against
 * member epochs. Follows Kafka's GroupMetadataManager: a heartbeat updates the member, bumps the
 * group epoch when subscriptions or subscribed topics changed, recomputes the target assignment
 * when the group epoch is ahead of it, then reconciles the member one step towards its target.
 * Every change is written to the group metadata log before the response goes out.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../protocol/error-codes.ts';
import { ASSIGNORS } from './assignors.ts';
import { isSubset, sameAssignment, type Assignment } from './assignment.ts';
import { LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH, newMember, type ModernMember } from './member.ts';
import { compileRegex, ModernGroup, type ModernGroupSnapshot, type TopicLookup } from './modern-group.ts';
import { reconcile } from './reconcile.ts';

export interface ModernGroupsDeps {
  topics: TopicLookup;
  sessionTimeoutMs(): number;
  heartbeatIntervalMs(): number;
  /** Persists a group's snapshot (null: the group is gone). */
  store(groupId: string, snapshot: ModernGroupSnapshot | null): void;
  /** 'active' when a classic group with members (or a rebalance) holds the id. */
  classicState(groupId: string): 'none' | 'empty' | 'active';
  log(line: string): void;
}

export interface HeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rackId: string | null;
  rebalanceTimeoutMs: number;
  subscribedTopicNames: string[] | null;
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  /** Partitions the member owns (names), null when unchanged since the last heartbeat. */
  owned: Assignment | null;
  clientId: string;
  clientHost: string;
  apiVersion: number;
}

export interface HeartbeatResult {
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  assignment: Assignment | null;
}

class HeartbeatError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: number, message: string): never => {
  throw new HeartbeatError(code, message);
};

const blank = (s: string | null): boolean => s !== null && s.trim() === '';

export class ModernGroups {
  private readonly groups = new Map<string, ModernGroup>();
  private readonly sessionTimers = new Map<string, NodeJS.Timeout>();
  private readonly rebalanceTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: ModernGroupsDeps) {}

  get(groupId: string): ModernGroup | undefined {
    return this.groups.get(groupId);
  }

  all(): ModernGroup[] {
    return [...this.groups.values()];
  }

  // ---------------------------------------------------------------- replay

  restore(groupId: string, snapshot: ModernGroupSnapshot): void {
    this.groups.set(groupId, ModernGroup.restore(groupId, snapshot));
  }

  forget(groupId: string): void {
    const g = this.groups.get(groupId);
    if (g) for (const id of g.members.keys()) this.cancelTimers(groupId, id);
    this.groups.delete(groupId);
  }

  /** After replay: every restored member gets a fresh session, as Kafka does when it loads a group. */
  armRestoredSessions(): void {
    for (const g of this.groups.values()) for (const m of g.members.values()) this.armSession(g.groupId, m.memberId);
  }

  // ---------------------------------------------------------------- heartbeat

  heartbeat(req: HeartbeatRequest): HeartbeatResult {
    try {
      this.validate(req);
      if (req.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH || req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) return this.leave(req);
      return this.join(req);
    } catch (err) {
      if (!(err instanceof HeartbeatError)) throw err;
      return { errorCode: err.code, errorMessage: err.message, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
    }
  }

  private validate(req: HeartbeatRequest): void {
    if (req.apiVersion >= 1 || req.memberEpoch > 0 || req.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH) {
      if (req.memberId.trim() === '') fail(ErrorCode.INVALID_REQUEST, "MemberId can't be empty.");
    }
    if (req.groupId.trim() === '') fail(ErrorCode.INVALID_REQUEST, "GroupId can't be empty.");
    if (blank(req.instanceId)) fail(ErrorCode.INVALID_REQUEST, "InstanceId can't be empty.");
    if (blank(req.rackId)) fail(ErrorCode.INVALID_REQUEST, "RackId can't be empty.");
    if (req.memberEpoch === 0) {
      if (req.rebalanceTimeoutMs === -1) fail(ErrorCode.INVALID_REQUEST, 'RebalanceTimeoutMs must be provided in first request.');
      if (req.owned === null || Object.keys(req.owned).length > 0) fail(ErrorCode.INVALID_REQUEST, 'TopicPartitions must be empty when (re-)joining.');
      if (req.subscribedTopicNames === null && req.subscribedTopicRegex === null) {
        fail(ErrorCode.INVALID_REQUEST, 'Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.');
      }
    } else if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
      if (req.instanceId === null) fail(ErrorCode.INVALID_REQUEST, "InstanceId can't be null.");
    } else if (req.memberEpoch < LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
      fail(ErrorCode.INVALID_REQUEST, 'MemberEpoch is invalid.');
    }
    if (req.serverAssignor !== null && !ASSIGNORS.has(req.serverAssignor)) {
      fail(ErrorCode.UNSUPPORTED_ASSIGNOR, `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${[...ASSIGNORS.keys()].join(', ')}.`);
    }
    if (req.subscribedTopicRegex !== null) {
      try {
        compileRegex(req.subscribedTopicRegex);
      } catch (err) {
        fail(
          ErrorCode.INVALID_REGULAR_EXPRESSION,
          `SubscribedTopicRegex \`${req.subscribedTopicRegex}\` is not a valid regular expression: ${(err as Error).message}.`,
        );
      }
    }
  }

  private group(groupId: string, create: boolean): ModernGroup {
    const existing = this.groups.get(groupId);
    if (existing) return existing;
    const classic = this.deps.classicState(groupId);
    // An Empty classic group is converted (its committed offsets stay); a live one is not ours.
    if (classic === 'active') fail(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} is not a consumer group.`);
    if (!create) fail(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group ${groupId} not found.`);
    const g = new ModernGroup(groupId);
    this.groups.set(groupId, g);
    return g;
  }

  private checkEpoch(member: ModernMember, epoch: number, owned: Assignment | null): void {
    if (epoch > member.memberEpoch) {
      fail(
        ErrorCode.FENCED_MEMBER_EPOCH,
        `The consumer group member has a greater member epoch (${epoch}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`,
      );
    }
    // The previous epoch with a subset of the assignment is accepted: the reply that bumped it may have been lost.
    if (epoch < member.memberEpoch && (epoch !== member.previousMemberEpoch || owned === null || !isSubset(owned, member.assigned))) {
      fail(
        ErrorCode.FENCED_MEMBER_EPOCH,
        `The consumer group member has a smaller member epoch (${epoch}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`,
      );
    }
  }

  private join(req: HeartbeatRequest): HeartbeatResult {
    const joining = req.memberEpoch === 0;
    const group = this.group(req.groupId, joining);
    const memberId = req.memberId === '' ? randomUUID() : req.memberId;
    let member: ModernMember;
    let staticReplaced: ModernMember | null = null;
    let bump = false;
    if (req.instanceId !== null && joining) {
      const previous = group.staticMember(req.instanceId);
      if (previous && previous.memberId !== memberId) {
        if (previous.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
          fail(
            ErrorCode.UNRELEASED_INSTANCE_ID,
            `Static member ${memberId} with instance id ${req.instanceId} cannot join the group because the instance id is owned by ${previous.memberId} member.`,
          );
        }
        // The new incarnation takes over the old one's partitions and epoch, without a rebalance.
        staticReplaced = previous;
        member = {
          ...newMember(memberId),
          assigned: previous.assigned,
          subscribedTopicNames: previous.subscribedTopicNames,
          subscribedTopicRegex: previous.subscribedTopicRegex,
          serverAssignor: previous.serverAssignor,
        };
        this.removeMember(group, previous.memberId);
        group.target.set(memberId, group.target.get(previous.memberId) ?? {});
        group.target.delete(previous.memberId);
      } else {
        member = group.members.get(memberId) ?? newMember(memberId);
      }
    } else if (req.instanceId !== null) {
      const known = group.staticMember(req.instanceId);
      if (!known) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
      if (known!.memberId !== memberId)
        fail(ErrorCode.FENCED_INSTANCE_ID, `Static member ${memberId} with instance id ${req.instanceId} was fenced by member ${known!.memberId}.`);
      member = known!;
      this.checkEpoch(member, req.memberEpoch, req.owned);
    } else {
      const known = group.members.get(memberId);
      if (!joining) {
        if (!known) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${memberId} is not a member of group ${req.groupId}.`);
        this.checkEpoch(known!, req.memberEpoch, req.owned);
      }
      member = known ?? newMember(memberId);
    }
    const before = group.members.get(memberId);
    if (joining && before !== undefined && staticReplaced === null) {
      // A member rejoining with epoch 0 owns nothing any more: it starts over.
      member = { ...member, memberEpoch: 0, previousMemberEpoch: 0, state: 'stable', assigned: {}, pendingRevocation: {} };
      bump = true;
    }
    if (before === undefined && staticReplaced === null) bump = true;

    const updated: ModernMember = {
      ...member,
      instanceId: req.instanceId ?? member.instanceId,
      rackId: req.rackId ?? member.rackId,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs === -1 ? member.rebalanceTimeoutMs : req.rebalanceTimeoutMs,
      serverAssignor: req.serverAssignor ?? member.serverAssignor,
      subscribedTopicNames: req.subscribedTopicNames ? [...req.subscribedTopicNames].sort() : member.subscribedTopicNames,
      subscribedTopicRegex:
        req.subscribedTopicNames !== null && req.subscribedTopicRegex === null
          ? member.subscribedTopicRegex
          : (req.subscribedTopicRegex ?? member.subscribedTopicRegex),
      clientId: req.clientId,
      clientHost: req.clientHost,
    };
    // A replacing static member is compared with the incarnation it replaces.
    const was = staticReplaced ?? member;
    if (JSON.stringify(updated.subscribedTopicNames) !== JSON.stringify(was.subscribedTopicNames) || updated.subscribedTopicRegex !== was.subscribedTopicRegex)
      bump = true;
    if (updated.serverAssignor !== was.serverAssignor) bump = true;
    let changed = JSON.stringify(updated) !== JSON.stringify(before);
    group.members.set(memberId, updated);

    const metadata = group.computeSubscriptionMetadata(this.deps.topics);
    if (metadata !== group.subscriptionMetadata) {
      group.subscriptionMetadata = metadata;
      bump = true;
    }
    if (bump) {
      group.groupEpoch += 1;
      changed = true;
      this.deps.log(`consumer group ${group.groupId}: epoch ${group.groupEpoch}`);
    }
    if (group.groupEpoch > group.assignmentEpoch) {
      group.computeTargetAssignment(this.deps.topics);
      changed = true;
    }

    const target = group.target.get(memberId) ?? {};
    const reconciled = reconcile(updated, group.assignmentEpoch, target, (t, p) => group.partitionEpoch(t, p, memberId), req.owned);
    if (reconciled !== updated) {
      group.members.set(memberId, reconciled);
      changed = true;
      if (reconciled.state === 'unrevoked') this.armRebalance(group.groupId, reconciled);
      else this.cancelRebalance(group.groupId, memberId);
    }
    if (changed) this.persist(group);
    this.armSession(group.groupId, memberId);

    const assignmentChanged = before === undefined || !sameAssignment(before.assigned, reconciled.assigned);
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId,
      memberEpoch: reconciled.memberEpoch,
      heartbeatIntervalMs: this.deps.heartbeatIntervalMs(),
      assignment: req.owned !== null || joining || assignmentChanged ? reconciled.assigned : null,
    };
  }

  private leave(req: HeartbeatRequest): HeartbeatResult {
    const group = this.group(req.groupId, false);
    let member: ModernMember;
    if (req.instanceId === null) {
      const known = group.members.get(req.memberId);
      if (!known) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${req.memberId} is not a member of group ${req.groupId}.`);
      member = known!;
    } else {
      const known = group.staticMember(req.instanceId);
      if (!known) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
      if (known!.memberId !== req.memberId)
        fail(ErrorCode.FENCED_INSTANCE_ID, `Static member ${req.memberId} with instance id ${req.instanceId} was fenced by member ${known!.memberId}.`);
      member = known!;
    }
    if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
      // A static member going away for a while keeps its partitions until its session times out.
      group.members.set(member.memberId, { ...member, memberEpoch: LEAVE_GROUP_STATIC_MEMBER_EPOCH, pendingRevocation: {} });
      this.cancelRebalance(group.groupId, member.memberId);
      this.persist(group);
    } else {
      this.fence(group, member.memberId, 'left the group');
    }
    return { errorCode: ErrorCode.NONE, errorMessage: null, memberId: req.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null };
  }

  /** Removes a member; its partitions are free at once and the group epoch moves on. */
  private fence(group: ModernGroup, memberId: string, why: string): void {
    if (!group.members.has(memberId)) return;
    this.removeMember(group, memberId);
    group.target.delete(memberId);
    group.groupEpoch += 1;
    group.subscriptionMetadata = group.computeSubscriptionMetadata(this.deps.topics);
    // An emptied group keeps its last assignment epoch, as Kafka's does; the next member's join assigns anew.
    if (group.members.size > 0) group.computeTargetAssignment(this.deps.topics);
    this.deps.log(`consumer group ${group.groupId}: member ${memberId} ${why}; epoch ${group.groupEpoch}`);
    this.persist(group);
  }

  private removeMember(group: ModernGroup, memberId: string): void {
    group.members.delete(memberId);
    this.cancelTimers(group.groupId, memberId);
  }

  private persist(group: ModernGroup): void {
    this.deps.store(group.groupId, group.snapshot());
  }

  // ---------------------------------------------------------------- timers

  private timerKey = (groupId: string, memberId: string): string => `${groupId}\u0000${memberId}`;

  private armSession(groupId: string, memberId: string): void {
    const key = this.timerKey(groupId, memberId);
    clearTimeout(this.sessionTimers.get(key));
    const timer = setTimeout(() => {
      this.sessionTimers.delete(key);
      const group = this.groups.get(groupId);
      if (group) this.fence(group, memberId, 'session timed out');
    }, this.deps.sessionTimeoutMs());
    timer.unref();
    this.sessionTimers.set(key, timer);
  }

  /** A member that does not give up its revoked partitions within its rebalance timeout is fenced. */
  private armRebalance(groupId: string, member: ModernMember): void {
    const key = this.timerKey(groupId, member.memberId);
    if (this.rebalanceTimers.has(key)) return;
    const epoch = member.memberEpoch;
    const timer = setTimeout(
      () => {
        this.rebalanceTimers.delete(key);
        const group = this.groups.get(groupId);
        const now = group?.members.get(member.memberId);
        if (group && now && now.state === 'unrevoked' && now.memberEpoch === epoch)
          this.fence(group, member.memberId, 'did not revoke its partitions within the rebalance timeout');
      },
      Math.max(member.rebalanceTimeoutMs, 0),
    );
    timer.unref();
    this.rebalanceTimers.set(key, timer);
  }

  private cancelRebalance(groupId: string, memberId: string): void {
    const key = this.timerKey(groupId, memberId);
    clearTimeout(this.rebalanceTimers.get(key));
    this.rebalanceTimers.delete(key);
  }

  private cancelTimers(groupId: string, memberId: string): void {
    const key = this.timerKey(groupId, memberId);
    clearTimeout(this.sessionTimers.get(key));
    this.sessionTimers.delete(key);
    this.cancelRebalance(groupId, memberId);
  }

  // ---------------------------------------------------------------- offsets

  /**
   * OffsetCommit against a consumer group (Kafka's ConsumerGroup.validateOffsetCommit): with
   * no members anyone may commit with epoch -1; otherwise the member must exist, commit with
   * OffsetCommit v9+ and with its current member epoch.
   */
  validateCommit(groupId: string, memberId: string, memberEpoch: number, apiVersion: number): number {
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.NONE;
    if (memberEpoch < 0 && group.members.size === 0) return ErrorCode.NONE;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (apiVersion < 9) return ErrorCode.UNSUPPORTED_VERSION;
    return memberEpoch === member.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
  }

  /** OffsetFetch v9 with a member id and epoch (Kafka's ConsumerGroup.validateOffsetFetch). */
  validateFetch(groupId: string, memberId: string | null, memberEpoch: number): number {
    const group = this.groups.get(groupId);
    if (!group || (memberId === null && memberEpoch < 0)) return ErrorCode.NONE;
    const member = memberId === null ? undefined : group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    return memberEpoch === member.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
  }

  close(): void {
    for (const t of this.sessionTimers.values()) clearTimeout(t);
    for (const t of this.rebalanceTimers.values()) clearTimeout(t);
    this.sessionTimers.clear();
    this.rebalanceTimers.clear();
  }
}
