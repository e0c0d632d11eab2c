/**
 * The group APIs more than one module sends over wire.ts (the groups list and one group's page
 * both describe groups), as the generated codecs define them. No `server-only`: plain codecs.
 */
import { encodeConsumerGroupDescribeRequest, type ConsumerGroupDescribeRequest } from '../../../broker/protocol/messages/consumer-group-describe-request.ts';
import { decodeConsumerGroupDescribeResponse, type ConsumerGroupDescribeResponse } from '../../../broker/protocol/messages/consumer-group-describe-response.ts';
import { encodeDescribeGroupsRequest, type DescribeGroupsRequest } from '../../../broker/protocol/messages/describe-groups-request.ts';
import { decodeDescribeGroupsResponse, type DescribeGroupsResponse } from '../../../broker/protocol/messages/describe-groups-response.ts';
import type { KafkaBroker } from './kafkajs-cluster';
import type { WireApi } from './wire';

/** Classic groups: state, protocol and members (with their assignments) of many groups at once. */
export const DescribeGroups: WireApi<DescribeGroupsRequest, DescribeGroupsResponse> = {
  apiKey: 15,
  minVersion: 0,
  maxVersion: 5,
  encode: encodeDescribeGroupsRequest,
  decode: decodeDescribeGroupsResponse,
};

/** Consumer-protocol (KIP-848) groups, which DescribeGroups does not describe. */
export const ConsumerGroupDescribe: WireApi<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> = {
  apiKey: 69,
  minVersion: 0,
  maxVersion: 0,
  encode: encodeConsumerGroupDescribeRequest,
  decode: decodeConsumerGroupDescribeResponse,
};

/** Whether the broker speaks ConsumerGroupDescribe: before Kafka 3.7 (or with the new protocol off) it has only classic groups. */
export function describesConsumerGroups(broker: KafkaBroker): boolean {
  return broker.versions?.[ConsumerGroupDescribe.apiKey] !== undefined;
}
