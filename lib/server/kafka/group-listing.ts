import 'server-only';
import { encodeListGroupsRequest, type ListGroupsRequest } from '../../../broker/protocol/messages/list-groups-request.ts';
import { decodeListGroupsResponse, type ListGroupsResponse } from '../../../broker/protocol/messages/list-groups-response.ts';
import type { GroupType } from '../../dto';
import { ConsumerGroupDescribe, DescribeGroups } from './apis';
import { keysByCoordinator } from './coordinators';
import { ErrorCode } from '../../../broker/protocol/error-codes.ts';
import type { KafkaCluster } from './kafkajs-pool';
import { brokerById, nodeIds, send, throwIfError, type WireApi } from './wire';

/**
 * Every group's kind, state, protocol and member count for the lists, in a fixed number of
 * requests however many groups there are: ListGroups on every broker, one FindCoordinator for
 * all groups (v4 takes many keys), then per coordinator one DescribeGroups for the classic
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

/** v4 (Kafka 2.6+) carries each group's state, v5 (3.8+) its type; the console needs the state. */
const ListGroups: WireApi<ListGroupsRequest, ListGroupsResponse> = {
  apiKey: 16,
  minVersion: 4,
  maxVersion: 5,
  encode: encodeListGroupsRequest,
  decode: decodeListGroupsResponse,
};

const STATES = ['Empty', 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Dead', 'Assigning', 'Reconciling', 'NotReady', 'Unknown'];
const BY_UPPER = new Map(STATES.map((s) => [s.toUpperCase(), s]));

/** A state as the console names it (classic DescribeGroups' spelling: Empty, Stable, …); consumer-protocol groups' are lower case. */
export function stateName(raw: string): string {
  return BY_UPPER.get(raw.toUpperCase()) ?? raw.charAt(0).toUpperCase() + raw.slice(1);
}

/** ListGroups on every broker (each lists the groups it coordinates): every group's id, kind and state. */
export async function listedGroups(cluster: KafkaCluster): Promise<{ groupId: string; type: GroupType; state: string; protocolType: string }[]> {
  const answers = await Promise.all(
    (await nodeIds(cluster)).map(async (id) => send(await brokerById(cluster, id), ListGroups, { statesFilter: [], typesFilter: [] })),
  );
  const out = new Map<string, { groupId: string; type: GroupType; state: string; protocolType: string }>();
  for (const res of answers) {
    throwIfError(res.errorCode);
    for (const g of res.groups) {
      // Before v5 there is no type: such a broker (before Kafka 3.8) has only classic groups.
      const type: GroupType = g.groupType.toLowerCase() === 'consumer' ? 'consumer' : 'classic';
      out.set(g.groupId, { groupId: g.groupId, type, state: stateName(g.groupState), protocolType: g.protocolType });
    }
  }
  return [...out.values()];
}

export type ListedGroup = Awaited<ReturnType<typeof listedGroups>>[number];

/** The listed groups with their protocol and member count, described in batches per coordinator. */
export async function describeListed(cluster: KafkaCluster, listed: ListedGroup[]): Promise<GroupHeader[]> {
  const modern = new Set(listed.filter((g) => g.type === 'consumer').map((g) => g.groupId));
  const byNode = await keysByCoordinator(
    cluster,
    'group',
    listed.map((g) => g.groupId),
  );
  const described = new Map<string, Omit<GroupHeader, 'groupId' | 'type'>>();
  await Promise.all(
    [...byNode].map(async ([node, ids]) => {
      const broker = await brokerById(cluster, node);
      const classicIds = ids.filter((id) => !modern.has(id));
      const modernIds = ids.filter((id) => modern.has(id));
      await Promise.all([
        classicIds.length > 0 &&
          send(broker, DescribeGroups, { groups: classicIds, includeAuthorizedOperations: false }).then((res) => {
            for (const g of res.groups) {
              throwIfError(g.errorCode);
              described.set(g.groupId, { state: g.groupState, protocolType: g.protocolType, protocol: g.protocolData, members: g.members.length });
            }
          }),
        modernIds.length > 0 &&
          send(broker, ConsumerGroupDescribe, { groupIds: modernIds, includeAuthorizedOperations: false }).then((res) => {
            for (const g of res.groups) {
              // Deleted since it was listed: the row keeps what ListGroups said.
              if (g.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) continue;
              throwIfError(g.errorCode, g.errorMessage);
              described.set(g.groupId, { state: stateName(g.groupState), protocolType: 'consumer', protocol: g.assignorName, members: g.members.length });
            }
          }),
      ]);
    }),
  );
  return listed.map((g) => ({
    groupId: g.groupId,
    type: g.type,
    ...(described.get(g.groupId) ?? { state: g.state, protocolType: g.protocolType, protocol: '', members: 0 }),
  }));
}
