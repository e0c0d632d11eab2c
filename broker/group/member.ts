/**
 * One member of a classic group: its identity, the protocols it offered in its last JoinGroup,
 * its current assignment, and the requests it has parked on the coordinator (a JoinGroup
 * waiting for the rebalance to finish, a SyncGroup waiting for the leader's assignment).
 */
import { EMPTY_BYTES } from '../protocol/constants.ts';

export interface MemberProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Only the leader gets the members (with their metadata for the chosen protocol). */
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface MemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: MemberProtocol[];
}

export class GroupMember {
  memberId: string;
  readonly groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: MemberProtocol[];
  assignment: Buffer = EMPTY_BYTES;
  /** Set while the member's JoinGroup is parked until the rebalance completes. */
  awaitingJoin: ((result: JoinResult) => void) | null = null;
  /** Set while the member's SyncGroup is parked until the leader sends the assignment. */
  awaitingSync: ((result: SyncResult) => void) | null = null;
  sessionTimer: NodeJS.Timeout | null = null;

  constructor(identity: MemberIdentity) {
    this.memberId = identity.memberId;
    this.groupInstanceId = identity.groupInstanceId;
    this.clientId = identity.clientId;
    this.clientHost = identity.clientHost;
    this.sessionTimeoutMs = identity.sessionTimeoutMs;
    this.rebalanceTimeoutMs = identity.rebalanceTimeoutMs;
    this.protocols = identity.protocols;
  }

  supports(protocolName: string): boolean {
    return this.protocols.some((p) => p.name === protocolName);
  }

  metadataFor(protocolName: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocolName)?.metadata ?? EMPTY_BYTES;
  }

  /** Same protocol names with identical metadata, in the same order (no rebalance needed). */
  sameProtocols(other: readonly MemberProtocol[]): boolean {
    return (
      other.length === this.protocols.length &&
      other.every((p, i) => p.name === this.protocols[i]?.name && p.metadata.equals(this.protocols[i]?.metadata ?? EMPTY_BYTES))
    );
  }

  /** Answers a parked JoinGroup, if any; each parked request is answered exactly once. */
  completeJoin(result: JoinResult): void {
    const callback = this.awaitingJoin;
    this.awaitingJoin = null;
    callback?.(result);
  }

  completeSync(result: SyncResult): void {
    const callback = this.awaitingSync;
    this.awaitingSync = null;
    callback?.(result);
  }

  clearSessionTimer(): void {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
  }
}
