import 'server-only';
import { describeGroupsV5, type Admin, type Connection } from '@platformatic/kafka';
import type { GroupType } from '../../dto';
import { consumerGroupDescribe } from './consumer-group-describe';
import { KafkaErrorCode } from './errors';

/**
 * Every group's kind, state, protocol and member count for the lists, in a fixed number of
 * requests however many groups there are: ListGroups v5 on every broker, one FindCoordinator
 * for all groups (v4 takes many keys), then per coordinator one DescribeGroups for the classic
 * groups and one ConsumerGroupDescribe for the consumer-protocol (KIP-848) ones. kafkajs asks
 * FindCoordinator once per group, which made a 1,000-group list slow.
 */
export interface GroupHeader {
  groupId: string;
  type: GroupType;
  state: string;
  protocolType: string;
  protocol: string;
  members: number;
}

/** Kafka's group state names; @platformatic/kafka hands ListGroups' states upper-cased. */
const STATES = ['Empty', 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Dead', 'Assigning', 'Reconciling', 'NotReady', 'Unknown'];
const BY_UPPER = new Map(STATES.map((s) => [s.toUpperCase(), s]));

/** A state as the console names it (classic DescribeGroups' spelling: Empty, Stable, …). */
export function stateName(raw: string): string {
  return BY_UPPER.get(raw.toUpperCase()) ?? raw.charAt(0).toUpperCase() + raw.slice(1);
}

const GROUP_KEY_TYPE = 0;

/** Coordinator connection → the group ids it coordinates. */
async function byCoordinator(admin: Admin, ids: string[]): Promise<[Connection, string[]][]> {
  if (ids.length === 0) return [];
  const coordinators = await admin.findCoordinator({ keyType: GROUP_KEY_TYPE, keys: ids });
  const perNode = new Map<number, string[]>();
  for (const c of coordinators) perNode.set(c.nodeId, [...(perNode.get(c.nodeId) ?? []), c.key]);
  const connections = await admin.connectToBrokers([...perNode.keys()]);
  return [...perNode].map(([node, keys]) => [connections.get(node)!, keys]);
}

/** ListGroups: every group's id, kind and state. */
export async function listedGroups(admin: Admin): Promise<{ groupId: string; type: GroupType; state: string; protocolType: string }[]> {
  const listed = await admin.listGroups({ types: [] });
  return [...listed.values()].map((g) => ({
    groupId: g.id,
    type: g.groupType === 'consumer' ? 'consumer' : 'classic',
    state: stateName(g.state),
    protocolType: g.protocolType,
  }));
}

export type ListedGroup = Awaited<ReturnType<typeof listedGroups>>[number];

/** The listed groups with their protocol and member count, described in batches per coordinator. */
export async function describeListed(admin: Admin, listed: ListedGroup[]): Promise<GroupHeader[]> {
  const [classic, modern] = await Promise.all([
    byCoordinator(
      admin,
      listed.filter((g) => g.type === 'classic').map((g) => g.groupId),
    ),
    byCoordinator(
      admin,
      listed.filter((g) => g.type === 'consumer').map((g) => g.groupId),
    ),
  ]);
  const described = new Map<string, Omit<GroupHeader, 'groupId' | 'type'>>();
  await Promise.all([
    ...classic.map(async ([conn, ids]) => {
      for (const g of (await describeGroupsV5.api.async(conn, ids, false)).groups) {
        described.set(g.groupId, { state: g.groupState, protocolType: g.protocolType, protocol: g.protocolData, members: g.members.length });
      }
    }),
    ...modern.map(async ([conn, ids]) => {
      for (const g of (await consumerGroupDescribe.async(conn, ids, false)).groups) {
        if (g.errorCode === KafkaErrorCode.GROUP_ID_NOT_FOUND) continue;
        // Kafka names these states in lower case (stable, empty, …); the console shows Stable, Empty.
        described.set(g.groupId, { state: stateName(g.groupState), protocolType: 'consumer', protocol: g.assignorName, members: g.members.length });
      }
    }),
  ]);
  return listed.map((g) => ({
    groupId: g.groupId,
    type: g.type,
    ...(described.get(g.groupId) ?? { state: g.state, protocolType: g.protocolType, protocol: '', members: 0 }),
  }));
}
