/**
 * Moves one member's current assignment towards its target, as Kafka's CurrentAssignmentBuilder:
 * partitions leave the member first (it keeps its epoch until it confirms the revocation by no
 * longer reporting them), and a partition joins the member only once no other member owns it
 * or is still revoking it. That ordering is what guarantees no partition ever has two owners.
 */
import { intersects, type Assignment } from './assignment.ts';
import type { ModernMember } from './member.ts';

/** Epoch of the member owning (or revoking) a partition, or -1 when it is free. */
export type PartitionEpoch = (topic: string, partition: number) => number;

export function reconcile(
  member: ModernMember,
  targetEpoch: number,
  target: Assignment,
  partitionEpoch: PartitionEpoch,
  owned: Assignment | null,
): ModernMember {
  switch (member.state) {
    case 'stable':
      return member.memberEpoch === targetEpoch ? member : next(member, targetEpoch, target, partitionEpoch);
    case 'unrevoked':
      // Still reporting (or not reporting at all) a partition it must give up: wait.
      if (owned === null || intersects(owned, member.pendingRevocation)) return member;
      return next(member, targetEpoch, target, partitionEpoch);
    case 'unreleased':
      return next(member, targetEpoch, target, partitionEpoch);
  }
}

function next(member: ModernMember, targetEpoch: number, target: Assignment, partitionEpoch: PartitionEpoch): ModernMember {
  const kept: Assignment = {};
  const revoking: Assignment = {};
  const withNew: Assignment = {};
  let unreleased = false;
  const topics = new Set([...Object.keys(target), ...Object.keys(member.assigned)]);
  for (const topic of [...topics].sort()) {
    const want = new Set(target[topic] ?? []);
    const have = member.assigned[topic] ?? [];
    const keep = have.filter((p) => want.has(p));
    const gone = have.filter((p) => !want.has(p));
    const keepSet = new Set(keep);
    const incoming = [...want].filter((p) => !keepSet.has(p));
    const free = incoming.filter((p) => partitionEpoch(topic, p) === -1);
    if (free.length < incoming.length) unreleased = true;
    if (keep.length > 0) kept[topic] = keep;
    if (gone.length > 0) revoking[topic] = gone;
    const all = [...keep, ...free].sort((a, b) => a - b);
    if (all.length > 0) withNew[topic] = all;
  }
  if (Object.keys(revoking).length > 0) {
    // Revocation comes first: the member keeps its epoch and gives up partitions before it gets new ones.
    return { ...member, state: 'unrevoked', assigned: kept, pendingRevocation: revoking };
  }
  return {
    ...member,
    state: unreleased ? 'unreleased' : 'stable',
    previousMemberEpoch: member.memberEpoch === targetEpoch ? member.previousMemberEpoch : member.memberEpoch,
    memberEpoch: targetEpoch,
    assigned: withNew,
    pendingRevocation: {},
  };
}
