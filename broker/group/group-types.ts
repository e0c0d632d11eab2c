/** Request, result and persistence shapes of a classic group, shared by the group and its coordinator. */
import { EMPTY_BYTES } from '../protocol/constants.ts';
import type { ConsumerGroup } from './consumer-group.ts';
import type { JoinResult, MemberIdentity, SyncResult } from './member.ts';

export interface GroupEnv {
  initialRebalanceDelayMs(): number;
  /** Persists the group's metadata; called when a generation's assignment is fixed or it turns Empty. */
  storeGroup(group: ConsumerGroup): void;
  log(line: string): void;
}

export interface JoinRequest extends MemberIdentity {
  protocolType: string;
  /** JoinGroup v4+: a member without an id is told its id first (MEMBER_ID_REQUIRED). */
  requireKnownMemberId: boolean;
}

export interface SyncRequest {
  memberId: string;
  groupInstanceId: string | null;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

/** What the metadata log stores about a group (Kafka's GroupMetadataValue). */
export interface GroupSnapshot {
  protocolType: string | null;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  stateTimestamp: bigint;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    rebalanceTimeoutMs: number;
    sessionTimeoutMs: number;
    subscription: Buffer;
    assignment: Buffer;
  }[];
}

export const joinError = (memberId: string, errorCode: number): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  members: [],
});

export const syncError = (errorCode: number): SyncResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES });
