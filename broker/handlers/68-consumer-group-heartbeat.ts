/**
 * ConsumerGroupHeartbeat (key 68), v0-1: join, heartbeat and leave of KIP-848 consumer groups
 * (broker/group/modern/). Topics travel as topic ids on the wire and as names inside the
 * coordinator; owned partitions of topics that no longer exist are dropped. As Kafka, READ on
 * the group is needed, and DESCRIBE on every subscribed topic name (else
 * TOPIC_AUTHORIZATION_FAILED), so a client cannot learn about topics it may not see.
 */
import { defineHandler, type HandlerContext } from './handler.ts';
import { allowed, refused } from '../acl/api-acls.ts';
import { clientHostOf, clientIdOf } from './group-request.ts';
import type { Assignment } from '../group/modern/assignment.ts';
import { decodeConsumerGroupHeartbeatRequest, type TopicPartitions } from '../protocol/messages/consumer-group-heartbeat-request.ts';
import { defaultConsumerGroupHeartbeatResponse, encodeConsumerGroupHeartbeatResponse } from '../protocol/messages/consumer-group-heartbeat-response.ts';
import { ErrorCode } from '../protocol/error-codes.ts';

function ownedByName(ctx: HandlerContext, owned: TopicPartitions[] | null): Assignment | null {
  if (owned === null) return null;
  const out: Assignment = {};
  for (const tp of owned) {
    const topic = ctx.broker.logs.topicById(tp.topicId);
    if (topic !== undefined) out[topic.name] = [...new Set([...(out[topic.name] ?? []), ...tp.partitions])].sort((a, b) => a - b);
  }
  return out;
}

function byTopicId(ctx: HandlerContext, a: Assignment): TopicPartitions[] {
  return Object.entries(a).flatMap(([name, partitions]) => {
    const topic = ctx.broker.logs.topic(name);
    return topic === undefined ? [] : [{ topicId: topic.topicId, partitions }];
  });
}

export default defineHandler({
  apiKey: 68,
  minVersion: 0,
  maxVersion: 1,
  decode: decodeConsumerGroupHeartbeatRequest,
  encode: encodeConsumerGroupHeartbeatResponse,
  handle(req, ctx) {
    const denied = refused(ctx, 'useGroup', req.groupId);
    if (denied !== null) return { ...defaultConsumerGroupHeartbeatResponse(), errorCode: denied };
    if ((req.subscribedTopicNames ?? []).some((t) => !allowed(ctx, 'describeTopic', t))) {
      return { ...defaultConsumerGroupHeartbeatResponse(), errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
    }
    const result = ctx.broker.groups.modern.heartbeat({
      groupId: req.groupId,
      memberId: req.memberId,
      memberEpoch: req.memberEpoch,
      instanceId: req.instanceId,
      rackId: req.rackId,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      subscribedTopicNames: req.subscribedTopicNames,
      subscribedTopicRegex: ctx.version >= 1 ? req.subscribedTopicRegex : null,
      serverAssignor: req.serverAssignor,
      owned: ownedByName(ctx, req.topicPartitions),
      clientId: clientIdOf(ctx),
      clientHost: clientHostOf(ctx),
      apiVersion: ctx.version,
    });
    return {
      ...defaultConsumerGroupHeartbeatResponse(),
      ...result,
      assignment: result.assignment === null ? null : { topicPartitions: byTopicId(ctx, result.assignment) },
    };
  },
});
