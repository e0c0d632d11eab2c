/**
 * One classic consumer group: membership and the rebalance protocol, as a state machine whose
 * state changes only through `transition` (see group-state.ts for the diagram).
 *
 * Triggers, following Kafka's GroupCoordinator:
 * - JoinGroup from a new member, or from a known member whose protocols changed (or from the
 *   leader) while Stable → PreparingRebalance. An Empty group waits
 *   `group.initial.rebalance.delay.ms` (extended while new members keep arriving, up to the
 *   rebalance timeout) so a fleet starting together lands in one generation.
 * - PreparingRebalance completes as soon as every member has rejoined (and no MEMBER_ID_REQUIRED
 *   member is still pending), or when the largest rebalance timeout passes; members that did not
 *   rejoin are dropped. Nobody left → Empty, otherwise → CompletingRebalance with a new generation.
 * - CompletingRebalance → Stable when the leader's SyncGroup brings the assignment. If some
 *   member has not sent SyncGroup within the rebalance timeout it is dropped (→ PreparingRebalance).
 * - LeaveGroup and session expiry remove a member; from Stable/CompletingRebalance that starts a
 *   rebalance, during PreparingRebalance it may let the pending rebalance complete.
 * Members parked in JoinGroup/SyncGroup are kept alive: their session clock restarts when the
 * parked request is answered.
 *
 * Longer than our usual ~400 lines on purpose: every transition and the timer that drives it
 * live in this one class, so the whole state machine can be read (and checked) in one place.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.ts';
import { EMPTY_BYTES } from '../protocol/constants.ts';
import { checkTransition, type GroupState } from './group-state.ts';
import { GroupMember, type JoinResult, type SyncResult } from './member.ts';
import { OffsetTable } from './offset-table.ts';
import { joinError, syncError, type GroupEnv, type GroupSnapshot, type JoinRequest, type SyncRequest } from './group-types.ts';
import { selectProtocol, supportsProtocols } from './protocol-selection.ts';

export type { GroupEnv, GroupSnapshot, JoinRequest, SyncRequest } from './group-types.ts';

export class ConsumerGroup {
  private _state: GroupState = 'Empty';
  /** When the state last changed (ms); an Empty group's offsets expire relative to it. */
  stateTimestamp = BigInt(Date.now());
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly offsets = new OffsetTable();
  private readonly members = new Map<string, GroupMember>();
  private readonly staticMembers = new Map<string, string>();
  /** Members told MEMBER_ID_REQUIRED that have not rejoined yet, with their expiry timers. */
  private readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  /** Members of the current generation that have not sent SyncGroup yet. */
  private readonly pendingSync = new Set<string>();
  private joinTimer: NodeJS.Timeout | null = null;
  private syncTimer: NodeJS.Timeout | null = null;
  /** True while the initial delay of an Empty group's first rebalance is running. */
  private initialJoin = false;
  private newMemberAdded = false;

  constructor(
    readonly groupId: string,
    private readonly env: GroupEnv,
  ) {}

  get state(): GroupState {
    return this._state;
  }

  get memberCount(): number {
    return this.members.size;
  }

  allMembers(): GroupMember[] {
    return [...this.members.values()];
  }

  private transition(to: GroupState): void {
    checkTransition(this.groupId, this._state, to);
    this._state = to;
    this.stateTimestamp = BigInt(Date.now());
  }

  // ---------------------------------------------------------------- JoinGroup

  join(req: JoinRequest): Promise<JoinResult> {
    if (this._state === 'Dead') return Promise.resolve(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!supportsProtocols(this.allMembers(), this.protocolType, req.protocolType, req.protocols)) {
      return Promise.resolve(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    return req.memberId === '' ? this.joinUnknownMember(req) : this.joinKnownMember(req);
  }

  private joinUnknownMember(req: JoinRequest): Promise<JoinResult> {
    const memberId = `${req.clientId}-${randomUUID()}`;
    if (req.groupInstanceId !== null) {
      const existing = this.staticMembers.get(req.groupInstanceId);
      if (existing !== undefined) return this.replaceStaticMember(existing, memberId, req);
    } else if (req.requireKnownMemberId) {
      // The member must come back with this id; until then it holds up rebalance completion.
      const timer = setTimeout(() => this.expirePendingMember(memberId), req.sessionTimeoutMs);
      timer.unref();
      this.pendingMembers.set(memberId, timer);
      return Promise.resolve(joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED));
    }
    return this.addMemberAndRebalance({ ...req, memberId });
  }

  private joinKnownMember(req: JoinRequest): Promise<JoinResult> {
    const pending = this.pendingMembers.get(req.memberId);
    if (pending !== undefined) {
      clearTimeout(pending);
      this.pendingMembers.delete(req.memberId);
      return this.addMemberAndRebalance(req);
    }
    const member = this.members.get(req.memberId);
    if (member === undefined) return Promise.resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    if (this.isFenced(req.memberId, req.groupInstanceId)) return Promise.resolve(joinError(req.memberId, ErrorCode.FENCED_INSTANCE_ID));
    switch (this._state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(member, req);
      case 'CompletingRebalance':
        // A retried JoinGroup of the generation being synced: answer with that generation.
        if (member.sameProtocols(req.protocols)) return Promise.resolve(this.joinResultFor(member));
        return this.updateMemberAndRebalance(member, req);
      case 'Stable':
        if (member.memberId === this.leaderId || !member.sameProtocols(req.protocols)) return this.updateMemberAndRebalance(member, req);
        return Promise.resolve(this.joinResultFor(member));
      default:
        return Promise.resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  /** A static member restarted with a new member id: fence the old id, keep the assignment. */
  private replaceStaticMember(oldId: string, newId: string, req: JoinRequest): Promise<JoinResult> {
    const member = this.members.get(oldId);
    if (member === undefined) return this.addMemberAndRebalance({ ...req, memberId: newId });
    member.completeJoin(joinError(oldId, ErrorCode.FENCED_INSTANCE_ID));
    member.completeSync(syncError(ErrorCode.FENCED_INSTANCE_ID));
    this.members.delete(oldId);
    member.memberId = newId;
    this.members.set(newId, member);
    this.staticMembers.set(req.groupInstanceId as string, newId);
    if (this.leaderId === oldId) this.leaderId = newId;
    if (this.pendingSync.delete(oldId)) this.pendingSync.add(newId);
    const unchanged = member.sameProtocols(req.protocols);
    this.updateIdentity(member, req);
    if (this._state === 'Stable' && unchanged && this.leaderId !== newId) {
      // Same subscription, not the leader: no rebalance, just hand back the current generation.
      this.env.storeGroup(this);
      this.heartbeatReceived(member);
      return Promise.resolve(this.joinResultFor(member));
    }
    return this.parkJoin(member, () => this.maybePrepareRebalance(`static member ${req.groupInstanceId} rejoined`));
  }

  private addMemberAndRebalance(req: JoinRequest): Promise<JoinResult> {
    const member = new GroupMember(req);
    this.members.set(member.memberId, member);
    if (req.groupInstanceId !== null) this.staticMembers.set(req.groupInstanceId, member.memberId);
    if (this.members.size === 1) this.protocolType = req.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    if (this._state === 'PreparingRebalance' && this.initialJoin) this.newMemberAdded = true;
    return this.parkJoin(member, () => this.maybePrepareRebalance(`member ${member.memberId} joined`));
  }

  private updateMemberAndRebalance(member: GroupMember, req: JoinRequest): Promise<JoinResult> {
    this.updateIdentity(member, req);
    return this.parkJoin(member, () => this.maybePrepareRebalance(`member ${member.memberId} rejoined`));
  }

  private updateIdentity(member: GroupMember, req: JoinRequest): void {
    member.protocols = req.protocols;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.clientId = req.clientId;
    member.clientHost = req.clientHost;
  }

  /** Parks the member's JoinGroup, then lets `trigger` move the group; answered by completeJoin. */
  private parkJoin(member: GroupMember, trigger: () => void): Promise<JoinResult> {
    // A duplicate JoinGroup (a client retry on a new connection) supersedes the parked one.
    member.completeJoin(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    const result = new Promise<JoinResult>((resolve) => (member.awaitingJoin = resolve));
    member.clearSessionTimer();
    trigger();
    this.tryCompleteJoin();
    return result;
  }

  private joinResultFor(member: GroupMember): JoinResult {
    const isLeader = member.memberId === this.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName,
      leader: this.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? this.allMembers().map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(this.protocolName) }))
        : [],
    };
  }

  // ---------------------------------------------------------------- rebalance lifecycle

  private maybePrepareRebalance(reason: string): void {
    if (this._state === 'Stable' || this._state === 'CompletingRebalance' || this._state === 'Empty') this.prepareRebalance(reason);
  }

  private prepareRebalance(reason: string): void {
    if (this._state === 'CompletingRebalance') {
      for (const m of this.members.values()) m.completeSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      this.clearSyncTimer();
    }
    const fromEmpty = this._state === 'Empty';
    this.transition('PreparingRebalance');
    this.env.log(`group ${this.groupId}: preparing rebalance for generation ${this.generationId + 1} (${reason})`);
    const rebalanceTimeout = Math.max(0, ...this.allMembers().map((m) => m.rebalanceTimeoutMs));
    if (fromEmpty) {
      this.initialJoin = true;
      this.newMemberAdded = false;
      const delay = this.env.initialRebalanceDelayMs();
      this.scheduleInitialJoin(delay, Math.max(0, rebalanceTimeout - delay));
    } else {
      this.initialJoin = false;
      this.scheduleJoin(rebalanceTimeout, () => this.completeJoin());
      // Like Kafka's DelayedJoin.tryCompleteElseWatch: done at once if everyone is already parked
      // (e.g. the last member just left).
      this.tryCompleteJoin();
    }
  }

  /** Kafka's InitialDelayedJoin: wait `delay`, and again while new members keep arriving. */
  private scheduleInitialJoin(delay: number, remaining: number): void {
    this.scheduleJoin(delay, () => {
      if (this.newMemberAdded && remaining > 0) {
        this.newMemberAdded = false;
        const next = Math.min(this.env.initialRebalanceDelayMs(), remaining);
        this.scheduleInitialJoin(next, remaining - next);
      } else {
        this.completeJoin();
      }
    });
  }

  private scheduleJoin(ms: number, fire: () => void): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => {
      this.joinTimer = null;
      fire();
    }, ms);
    this.joinTimer.unref();
  }

  private tryCompleteJoin(): void {
    if (this._state !== 'PreparingRebalance' || this.initialJoin) return;
    const allJoined = this.allMembers().every((m) => m.awaitingJoin !== null);
    if (allJoined && this.pendingMembers.size === 0) this.completeJoin();
  }

  private completeJoin(): void {
    if (this._state !== 'PreparingRebalance') return;
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.initialJoin = false;
    for (const m of this.allMembers()) {
      if (m.awaitingJoin === null) this.removeMember(m);
    }
    this.generationId++;
    if (this.members.size === 0) {
      this.protocolName = null;
      this.leaderId = null;
      this.transition('Empty');
      this.env.log(`group ${this.groupId}: generation ${this.generationId} is empty`);
      this.env.storeGroup(this);
      return;
    }
    this.protocolName = selectProtocol(this.allMembers());
    if (this.leaderId === null || !this.members.has(this.leaderId)) this.leaderId = this.allMembers()[0]?.memberId ?? null;
    this.transition('CompletingRebalance');
    this.env.log(`group ${this.groupId}: generation ${this.generationId} with ${this.members.size} member(s), protocol ${this.protocolName}`);
    this.pendingSync.clear();
    for (const m of this.members.values()) {
      this.pendingSync.add(m.memberId);
      m.completeJoin(this.joinResultFor(m));
      this.heartbeatReceived(m);
    }
    const rebalanceTimeout = Math.max(0, ...this.allMembers().map((m) => m.rebalanceTimeoutMs));
    this.syncTimer = setTimeout(() => this.expirePendingSync(this.generationId), rebalanceTimeout);
    this.syncTimer.unref();
  }

  private expirePendingSync(generation: number): void {
    this.syncTimer = null;
    if (this._state !== 'CompletingRebalance' || generation !== this.generationId) return;
    const laggards = [...this.pendingSync].map((id) => this.members.get(id)).filter((m) => m !== undefined);
    this.env.log(`group ${this.groupId}: ${laggards.length} member(s) did not sync generation ${generation} in time`);
    for (const m of laggards) this.removeMember(m);
    this.prepareRebalance('members failed to sync');
  }

  private clearSyncTimer(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
  }

  // ---------------------------------------------------------------- SyncGroup

  sync(req: SyncRequest): Promise<SyncResult> {
    const error = this.validateMember(req.memberId, req.groupInstanceId, req.generationId);
    if (error !== ErrorCode.NONE) return Promise.resolve(syncError(error));
    const member = this.members.get(req.memberId) as GroupMember;
    if ((req.protocolType !== null && req.protocolType !== this.protocolType) || (req.protocolName !== null && req.protocolName !== this.protocolName)) {
      return Promise.resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    switch (this._state) {
      case 'PreparingRebalance':
        return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'Stable':
        this.heartbeatReceived(member);
        return Promise.resolve(this.syncResultFor(member));
      case 'CompletingRebalance': {
        member.completeSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        const result = new Promise<SyncResult>((resolve) => (member.awaitingSync = resolve));
        this.pendingSync.delete(member.memberId);
        if (member.memberId === this.leaderId) this.applyAssignment(req.assignments);
        return result;
      }
      default:
        return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private applyAssignment(assignments: SyncRequest['assignments']): void {
    const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]));
    for (const m of this.members.values()) m.assignment = byMember.get(m.memberId) ?? EMPTY_BYTES;
    // Kafka writes the generation before answering SyncGroup, so a restart keeps the assignment.
    this.env.storeGroup(this);
    this.clearSyncTimer();
    this.pendingSync.clear();
    this.transition('Stable');
    for (const m of this.members.values()) {
      if (m.awaitingSync) {
        m.completeSync(this.syncResultFor(m));
        this.heartbeatReceived(m);
      }
    }
  }

  private syncResultFor(member: GroupMember): SyncResult {
    return { errorCode: ErrorCode.NONE, protocolType: this.protocolType, protocolName: this.protocolName, assignment: member.assignment };
  }

  // ---------------------------------------------------------------- Heartbeat, LeaveGroup, expiry

  heartbeat(memberId: string, groupInstanceId: string | null, generationId: number): number {
    const error = this.validateMember(memberId, groupInstanceId, generationId);
    if (error !== ErrorCode.NONE) return error;
    this.heartbeatReceived(this.members.get(memberId) as GroupMember);
    return this._state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  /** Shared checks of SyncGroup, Heartbeat and OffsetCommit: who is asking, and for which generation. */
  private validateMember(memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (this._state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (this.isFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    if (this._state === 'Empty' || !this.members.has(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    return ErrorCode.NONE;
  }

  private isFenced(memberId: string, groupInstanceId: string | null): boolean {
    if (groupInstanceId === null) return false;
    const current = this.staticMembers.get(groupInstanceId);
    return current !== undefined && current !== memberId;
  }

  /** OffsetCommit from a member (generation >= 0) or a standalone/admin client (generation -1). */
  validateCommit(memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (this._state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (this.isFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    if (generationId < 0 && this._state === 'Empty') return ErrorCode.NONE;
    if (this._state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.heartbeatReceived(member);
    return ErrorCode.NONE;
  }

  /** LeaveGroup for one member; returns its error code. */
  leave(memberId: string, groupInstanceId: string | null): number {
    if (this._state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (groupInstanceId !== null) {
      const current = this.staticMembers.get(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (memberId !== '' && memberId !== current) return ErrorCode.FENCED_INSTANCE_ID;
      this.removeMemberAndUpdateGroup(this.members.get(current) as GroupMember, `static member ${groupInstanceId} left`);
      return ErrorCode.NONE;
    }
    const pending = this.pendingMembers.get(memberId);
    if (pending !== undefined) {
      this.expirePendingMember(memberId);
      return ErrorCode.NONE;
    }
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMemberAndUpdateGroup(member, `member ${memberId} left`);
    return ErrorCode.NONE;
  }

  private expirePendingMember(memberId: string): void {
    const timer = this.pendingMembers.get(memberId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.pendingMembers.delete(memberId);
    this.tryCompleteJoin();
  }

  /** Restarts the member's session clock; while a request is parked the member counts as alive. */
  private heartbeatReceived(member: GroupMember): void {
    member.clearSessionTimer();
    member.sessionTimer = setTimeout(() => this.sessionExpired(member), member.sessionTimeoutMs);
    member.sessionTimer.unref();
  }

  private sessionExpired(member: GroupMember): void {
    member.sessionTimer = null;
    if (this.members.get(member.memberId) !== member) return;
    if (member.awaitingJoin || member.awaitingSync) {
      this.heartbeatReceived(member);
      return;
    }
    this.removeMemberAndUpdateGroup(member, `member ${member.memberId} session expired after ${member.sessionTimeoutMs} ms`);
  }

  private removeMemberAndUpdateGroup(member: GroupMember, reason: string): void {
    member.completeJoin(joinError(member.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    this.removeMember(member);
    this.env.log(`group ${this.groupId}: ${reason}`);
    if (this._state === 'Stable' || this._state === 'CompletingRebalance') this.prepareRebalance(reason);
    else this.tryCompleteJoin();
  }

  private removeMember(member: GroupMember): void {
    member.clearSessionTimer();
    member.completeSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.members.delete(member.memberId);
    this.pendingSync.delete(member.memberId);
    if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === member.memberId) {
      this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.leaderId === member.memberId) this.leaderId = this.allMembers()[0]?.memberId ?? null;
  }

  // ---------------------------------------------------------------- Dead, persistence, shutdown

  /** DeleteGroups or offset expiry; only legal for a group without members. */
  markDead(): void {
    this.shutdown();
    this.transition('Dead');
  }

  /** Cancels every timer (broker shutdown); parked requests are left to their closing connections. */
  shutdown(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.clearSyncTimer();
    for (const timer of this.pendingMembers.values()) clearTimeout(timer);
    this.pendingMembers.clear();
    for (const m of this.members.values()) m.clearSessionTimer();
  }

  snapshot(): GroupSnapshot {
    return {
      protocolType: this.protocolType,
      generationId: this.generationId,
      protocolName: this.protocolName,
      leaderId: this.leaderId,
      stateTimestamp: this.stateTimestamp,
      members: this.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: m.metadataFor(this.protocolName),
        assignment: m.assignment,
      })),
    };
  }

  /**
   * Rebuilds a group from its last stored metadata (startup replay). A group stored with members
   * comes back Stable with its assignment, and every member gets a fresh session to reconnect.
   */
  restore(s: GroupSnapshot): void {
    this.shutdown();
    this.members.clear();
    this.staticMembers.clear();
    this.protocolType = s.protocolType;
    this.generationId = s.generationId;
    this.protocolName = s.protocolName;
    this.leaderId = s.leaderId;
    for (const sm of s.members) {
      const protocols = this.protocolName === null ? [] : [{ name: this.protocolName, metadata: sm.subscription }];
      const member = new GroupMember({ ...sm, protocols });
      member.assignment = sm.assignment;
      this.members.set(member.memberId, member);
      if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    // Replay only ever moves between settled states, so set them directly rather than transition.
    this._state = this.members.size > 0 ? 'Stable' : 'Empty';
    this.stateTimestamp = s.stateTimestamp;
  }

  /** After replay: start the session clocks of restored members. */
  armRestoredSessions(): void {
    for (const m of this.members.values()) this.heartbeatReceived(m);
  }

  /** Topics the members subscribe to, for OffsetDelete (consumer protocol only). */
  subscriptions(): Buffer[] {
    return this.allMembers().map((m) => m.metadataFor(this.protocolName));
  }
}
