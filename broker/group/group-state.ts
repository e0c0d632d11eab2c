/**
 * The classic group protocol's states and the only transitions between them (Kafka's
 * `GroupState.validPreviousStates`). Every state change goes through `checkTransition`, so an
 * illegal move is a bug caught at once instead of a group stuck in a state no request can leave.
 *
 *   Empty ──join──▶ PreparingRebalance ──all joined / rebalance timeout──▶ CompletingRebalance
 *     ▲                 │   ▲                                                │        │
 *     │  nobody joined  │   │ join, leave, session expiry, sync timeout      │ leader │
 *     └─────────────────┘   └────────────────────────────────────────────────┘ SyncGroup
 *                           ▲                                                         ▼
 *                           └──────── join (new/changed member), leave, expiry ── Stable
 *
 *   Any state ──▶ Dead: DeleteGroups or offset expiry of an Empty group; a Dead group is
 *   unregistered and never comes back (a later JoinGroup creates a fresh group object).
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export const GROUP_STATES: readonly GroupState[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];

const VALID_PREVIOUS: Readonly<Record<GroupState, readonly GroupState[]>> = {
  // The last member left or was expired while a rebalance was collecting joins.
  Empty: ['PreparingRebalance'],
  // A member joined an empty or settled group, left, expired, or changed its protocols.
  PreparingRebalance: ['Empty', 'Stable', 'CompletingRebalance'],
  // Every known member rejoined (or the rebalance timeout dropped those that did not).
  CompletingRebalance: ['PreparingRebalance'],
  // The leader's SyncGroup delivered the assignment.
  Stable: ['CompletingRebalance'],
  Dead: ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'],
};

export class IllegalGroupTransition extends Error {
  override name = 'IllegalGroupTransition';
}

export function checkTransition(groupId: string, from: GroupState, to: GroupState): void {
  if (!VALID_PREVIOUS[to].includes(from)) {
    throw new IllegalGroupTransition(`group ${groupId}: illegal transition ${from} -> ${to}`);
  }
}

/** ListGroups v4 filters compare case-insensitively, as Kafka's `GroupState.parse` does. */
export function parseGroupState(name: string): GroupState | undefined {
  return GROUP_STATES.find((s) => s.toLowerCase() === name.toLowerCase());
}
