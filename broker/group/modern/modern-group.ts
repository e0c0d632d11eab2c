/**
 * A KIP-848 consumer group (`group.protocol=consumer`): the group epoch (bumped whenever
 * membership, subscriptions or the subscribed topics' partition counts change), the target
 * assignment computed by a server-side assignor at an assignment epoch, and each member's
 * current assignment on its way to that target (reconcile.ts). Everything here is plain data
 * so the group is stored as one snapshot in the group metadata log and restored on replay.
 */
import { ASSIGNORS, DEFAULT_ASSIGNOR, type AssignorMember } from './assignors.ts';
import type { Assignment } from './assignment.ts';
import type { ModernMember } from './member.ts';

/** Kafka's ConsumerGroupState names, as ListGroups and ConsumerGroupDescribe spell them. */
export type ModernGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable';

/** What the group needs to know about topics. */
export interface TopicLookup {
  partitionCount(topic: string): number | undefined;
  allTopics(): string[];
}

export interface ModernGroupSnapshot {
  groupEpoch: number;
  assignmentEpoch: number;
  /** The subscribed topics' partition counts at the last epoch bump ("topic:count" sorted). */
  subscriptionMetadata: string;
  members: ModernMember[];
  target: Record<string, Assignment>;
}

/** A subscription regex matches whole topic names (Kafka uses RE2/J `matches`). */
export function compileRegex(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`, 'u');
}

export class ModernGroup {
  groupEpoch = 0;
  assignmentEpoch = 0;
  subscriptionMetadata = '';
  readonly members = new Map<string, ModernMember>();
  target = new Map<string, Assignment>();

  constructor(readonly groupId: string) {}

  get state(): ModernGroupState {
    if (this.members.size === 0) return 'Empty';
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning';
    for (const m of this.members.values()) {
      if (m.memberEpoch !== this.assignmentEpoch || m.state !== 'stable') return 'Reconciling';
    }
    return 'Stable';
  }

  staticMember(instanceId: string): ModernMember | undefined {
    for (const m of this.members.values()) if (m.instanceId === instanceId) return m;
    return undefined;
  }

  /** Existing topics a member subscribes to: its names plus the topics its regex matches. */
  subscribedTopics(m: ModernMember, topics: TopicLookup): Set<string> {
    const out = new Set(m.subscribedTopicNames.filter((t) => topics.partitionCount(t) !== undefined));
    if (m.subscribedTopicRegex !== null) {
      const re = compileRegex(m.subscribedTopicRegex);
      for (const t of topics.allTopics()) if (re.test(t)) out.add(t);
    }
    return out;
  }

  /** Every topic name any member subscribes to (existing or not), for OffsetDelete. */
  allSubscribedTopics(topics: TopicLookup): Set<string> {
    const out = new Set<string>();
    for (const m of this.members.values()) {
      for (const t of m.subscribedTopicNames) out.add(t);
      for (const t of this.subscribedTopics(m, topics)) out.add(t);
    }
    return out;
  }

  computeSubscriptionMetadata(topics: TopicLookup): string {
    const all = new Set<string>();
    for (const m of this.members.values()) for (const t of this.subscribedTopics(m, topics)) all.add(t);
    return [...all]
      .sort()
      .map((t) => `${t}:${topics.partitionCount(t)}`)
      .join(',');
  }

  /** The assignor most members ask for, else the default (as Kafka's preferred server assignor). */
  assignorName(): string {
    const votes = new Map<string, number>();
    for (const m of this.members.values()) if (m.serverAssignor !== null) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
    let best = DEFAULT_ASSIGNOR;
    let n = 0;
    for (const [name, count] of votes) if (count > n || (count === n && name < best)) [best, n] = [name, count];
    return best;
  }

  computeTargetAssignment(topics: TopicLookup): void {
    const members: AssignorMember[] = [...this.members.values()].map((m) => ({ memberId: m.memberId, topics: this.subscribedTopics(m, topics) }));
    const partitions = new Map<string, number>();
    for (const m of members) for (const t of m.topics) partitions.set(t, topics.partitionCount(t) ?? 0);
    const assignor = ASSIGNORS.get(this.assignorName()) ?? (ASSIGNORS.get(DEFAULT_ASSIGNOR) as NonNullable<ReturnType<typeof ASSIGNORS.get>>);
    this.target = assignor({ members, partitions, previous: this.target });
    this.assignmentEpoch = this.groupEpoch;
  }

  /** Epoch of the member that owns or is revoking a partition; -1 when none does. */
  partitionEpoch(topic: string, partition: number, except?: string): number {
    for (const m of this.members.values()) {
      if (m.memberId === except) continue;
      if (m.assigned[topic]?.includes(partition) || m.pendingRevocation[topic]?.includes(partition)) return m.memberEpoch;
    }
    return -1;
  }

  snapshot(): ModernGroupSnapshot {
    return {
      groupEpoch: this.groupEpoch,
      assignmentEpoch: this.assignmentEpoch,
      subscriptionMetadata: this.subscriptionMetadata,
      members: [...this.members.values()],
      target: Object.fromEntries(this.target),
    };
  }

  static restore(groupId: string, s: ModernGroupSnapshot): ModernGroup {
    const g = new ModernGroup(groupId);
    g.groupEpoch = s.groupEpoch;
    g.assignmentEpoch = s.assignmentEpoch;
    g.subscriptionMetadata = s.subscriptionMetadata;
    for (const m of s.members) g.members.set(m.memberId, m);
    g.target = new Map(Object.entries(s.target));
    return g;
  }
}
