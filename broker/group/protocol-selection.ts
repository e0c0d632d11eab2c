/** Choosing the group's protocol (assignor), as Kafka's `ClassicGroup.selectProtocol` does. */
import type { GroupMember, MemberProtocol } from './member.ts';

/**
 * Whether a joining member fits the group: an empty group takes any non-empty protocol set;
 * otherwise the protocol type must match and some offered protocol must be one every current
 * member supports.
 */
export function supportsProtocols(
  members: readonly GroupMember[],
  groupProtocolType: string | null,
  protocolType: string,
  protocols: readonly MemberProtocol[],
): boolean {
  if (protocolType === '' || protocols.length === 0) return false;
  if (members.length === 0) return true;
  return protocolType === groupProtocolType && protocols.some((p) => members.every((m) => m.supports(p.name)));
}

/** Each member votes for its most preferred protocol that every member supports; most votes wins. */
export function selectProtocol(members: readonly GroupMember[]): string | null {
  const candidates = (members[0]?.protocols ?? []).map((p) => p.name).filter((n) => members.every((m) => m.supports(n)));
  const votes = new Map<string, number>(candidates.map((c) => [c, 0]));
  for (const m of members) {
    const choice = m.protocols.find((p) => votes.has(p.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of votes) if (best === null || n > (votes.get(best) ?? 0)) best = name;
  return best;
}
