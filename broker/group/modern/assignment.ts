/**
 * Partition sets of KIP-848 consumer groups: topic name -> sorted partition numbers. Names, not
 * topic ids, are kept in memory and in the metadata log so that a group survives restarts and
 * reads plainly; the wire (ConsumerGroupHeartbeat/Describe) maps them to topic ids.
 */
export type Assignment = Record<string, number[]>;

export const EMPTY_ASSIGNMENT: Assignment = Object.freeze({}) as Assignment;

export function toSets(a: Assignment): Map<string, Set<number>> {
  return new Map(Object.entries(a).map(([t, ps]) => [t, new Set(ps)]));
}

export function fromSets(m: ReadonlyMap<string, ReadonlySet<number>>): Assignment {
  const out: Assignment = {};
  for (const t of [...m.keys()].sort()) {
    const ps = [...(m.get(t) ?? [])].sort((a, b) => a - b);
    if (ps.length > 0) out[t] = ps;
  }
  return out;
}

export function isEmptyAssignment(a: Assignment): boolean {
  return Object.values(a).every((ps) => ps.length === 0);
}

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  return JSON.stringify(fromSets(toSets(a))) === JSON.stringify(fromSets(toSets(b)));
}

export function countPartitions(a: Assignment): number {
  return Object.values(a).reduce((n, ps) => n + ps.length, 0);
}

/** Whether every partition of `owned` is in `of`. */
export function isSubset(owned: Assignment, of: Assignment): boolean {
  const sets = toSets(of);
  return Object.entries(owned).every(([t, ps]) => ps.every((p) => sets.get(t)?.has(p) === true));
}

/** Whether `a` and `b` share a partition. */
export function intersects(a: Assignment, b: Assignment): boolean {
  const sets = toSets(b);
  return Object.entries(a).some(([t, ps]) => ps.some((p) => sets.get(t)?.has(p) === true));
}
