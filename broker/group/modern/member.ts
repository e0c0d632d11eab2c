/** A member of a KIP-848 consumer group, as the metadata log stores it. */
import type { Assignment } from './assignment.ts';

/**
 * Kafka's MemberState: `stable` once the member owns its whole target; `unrevoked` while it
 * must still give up partitions (it stays at its epoch); `unreleased` while partitions of its
 * target are still owned by others (it is at the new epoch and gets them once they are freed).
 */
export type MemberState = 'stable' | 'unrevoked' | 'unreleased';

export interface ModernMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  serverAssignor: string | null;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  memberEpoch: number;
  previousMemberEpoch: number;
  state: MemberState;
  /** Partitions the member may use now. */
  assigned: Assignment;
  /** Partitions the member was asked to give up and has not yet confirmed giving up. */
  pendingRevocation: Assignment;
}

/** Epoch of a static member that left temporarily and may come back under its instance id. */
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;
export const LEAVE_GROUP_MEMBER_EPOCH = -1;

export function newMember(memberId: string): ModernMember {
  return {
    memberId,
    instanceId: null,
    rackId: null,
    clientId: '',
    clientHost: '',
    rebalanceTimeoutMs: -1,
    serverAssignor: null,
    subscribedTopicNames: [],
    subscribedTopicRegex: null,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 'stable',
    assigned: {},
    pendingRevocation: {},
  };
}
