/**
 * The server-side assignors of KIP-848 consumer groups, named as in Kafka: `uniform` (the
 * default) and `range`. Both are pure functions of the members' subscriptions, the topics'
 * partition counts and the previous target assignment.
 *
 * uniform: every partition goes to a member subscribed to its topic, members end up with
 * partition counts as even as their subscriptions allow, and partitions stay with their previous
 * owner whenever balance permits (sticky), so a rebalance moves as few partitions as possible.
 *
 * range: per topic, the subscribed members sorted by member id each take a contiguous range;
 * the first (partitions % members) take one more, as Kafka's RangeAssignor.
 */
import type { Assignment } from './assignment.ts';

export interface AssignorMember {
  memberId: string;
  /** Existing topics the member subscribes to (names and resolved regex). */
  topics: ReadonlySet<string>;
}

export interface AssignorInput {
  members: readonly AssignorMember[];
  /** Partition count of every subscribed topic that exists. */
  partitions: ReadonlyMap<string, number>;
  /** The previous target assignment, for stickiness. */
  previous: ReadonlyMap<string, Assignment>;
}

export type Assignor = (input: AssignorInput) => Map<string, Assignment>;

const key = (topic: string, p: number): string => `${topic}\u0000${p}`;

function toAssignment(keys: Iterable<string>): Assignment {
  const out: Assignment = {};
  for (const k of keys) {
    const [topic, p] = k.split('\u0000') as [string, string];
    (out[topic] ??= []).push(Number(p));
  }
  for (const ps of Object.values(out)) ps.sort((a, b) => a - b);
  return out;
}

export const uniformAssignor: Assignor = ({ members, partitions, previous }) => {
  const owned = new Map<string, Set<string>>(members.map((m) => [m.memberId, new Set()]));
  const eligible = (m: AssignorMember, topic: string): boolean => m.topics.has(topic) && partitions.has(topic);
  const all: { topic: string; p: number }[] = [];
  for (const [topic, count] of [...partitions].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!members.some((m) => m.topics.has(topic))) continue;
    for (let p = 0; p < count; p++) all.push({ topic, p });
  }
  const taken = new Set<string>();
  // 1. Keep what each member had, where still subscribed and the partition still exists.
  for (const m of members) {
    for (const [topic, ps] of Object.entries(previous.get(m.memberId) ?? {})) {
      if (!eligible(m, topic)) continue;
      for (const p of ps) {
        const k = key(topic, p);
        if (p < (partitions.get(topic) ?? 0) && !taken.has(k)) {
          taken.add(k);
          owned.get(m.memberId)?.add(k);
        }
      }
    }
  }
  const load = (id: string): number => owned.get(id)?.size ?? 0;
  const byLoad = (candidates: AssignorMember[]): AssignorMember | undefined =>
    candidates.sort((a, b) => load(a.memberId) - load(b.memberId) || a.memberId.localeCompare(b.memberId))[0];
  // 2. Give every unowned partition to the least loaded subscribed member.
  for (const { topic, p } of all) {
    const k = key(topic, p);
    if (taken.has(k)) continue;
    const to = byLoad(members.filter((m) => eligible(m, topic)));
    if (!to) continue;
    taken.add(k);
    owned.get(to.memberId)?.add(k);
  }
  // 3. Even out: move partitions from the most to a less loaded eligible member while that
  // narrows the gap by more than one partition. Bounded by the partition count.
  for (let moves = 0; moves < all.length * 2; moves++) {
    let moved = false;
    const sorted = [...members].sort((a, b) => load(b.memberId) - load(a.memberId) || a.memberId.localeCompare(b.memberId));
    for (const from of sorted) {
      const mine = [...(owned.get(from.memberId) ?? [])].sort().reverse();
      for (const k of mine) {
        const topic = k.split('\u0000')[0] as string;
        const to = byLoad(members.filter((m) => m.memberId !== from.memberId && eligible(m, topic)));
        if (to && load(from.memberId) - load(to.memberId) > 1) {
          owned.get(from.memberId)?.delete(k);
          owned.get(to.memberId)?.add(k);
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    if (!moved) break;
  }
  return new Map(members.map((m) => [m.memberId, toAssignment(owned.get(m.memberId) ?? [])]));
};

export const rangeAssignor: Assignor = ({ members, partitions }) => {
  const out = new Map<string, Assignment>(members.map((m) => [m.memberId, {}]));
  for (const [topic, count] of partitions) {
    const subscribed = members
      .filter((m) => m.topics.has(topic))
      .map((m) => m.memberId)
      .sort();
    if (subscribed.length === 0) continue;
    const base = Math.floor(count / subscribed.length);
    const extra = count % subscribed.length;
    let next = 0;
    subscribed.forEach((id, i) => {
      const n = base + (i < extra ? 1 : 0);
      if (n === 0) return;
      const a = out.get(id) as Assignment;
      a[topic] = Array.from({ length: n }, (_, j) => next + j);
      next += n;
    });
  }
  return out;
};

/** Kafka's `group.consumer.assignors` default: the first is the default assignor. */
export const ASSIGNORS: ReadonlyMap<string, Assignor> = new Map([
  ['uniform', uniformAssignor],
  ['range', rangeAssignor],
]);

export const DEFAULT_ASSIGNOR = 'uniform';
