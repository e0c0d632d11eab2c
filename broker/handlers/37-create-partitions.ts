/**
 * CreatePartitions (key 37), v0-3: raises a topic's partition count (never lowers it).
 * Manual assignments may only name this node.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeCreatePartitionsRequest, type CreatePartitionsTopic } from '../protocol/messages/create-partitions-request.ts';
import { defaultCreatePartitionsResponse, encodeCreatePartitionsResponse } from '../protocol/messages/create-partitions-response.ts';
import type { Broker } from '../broker.ts';
import { refused } from '../acl/api-acls.ts';

function check(broker: Broker, t: CreatePartitionsTopic): { errorCode: number; errorMessage: string | null } {
  const topic = broker.logs.getTopic(t.name);
  if (topic === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${t.name}' does not exist.` };
  if (t.count <= topic.partitions) {
    const errorMessage =
      t.count === topic.partitions
        ? `Topic already has ${topic.partitions} partitions.`
        : `Topic currently has ${topic.partitions} partitions, which is higher than the requested ${t.count}.`;
    return { errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage };
  }
  if (t.assignments !== null) {
    if (t.assignments.length !== t.count - topic.partitions) {
      return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `Expected ${t.count - topic.partitions} assignments, got ${t.assignments.length}.` };
    }
    if (t.assignments.some((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== broker.nodeId)) {
      return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `Only broker ${broker.nodeId} exists.` };
    }
  }
  return { errorCode: ErrorCode.NONE, errorMessage: null };
}

export default defineHandler({
  apiKey: 37,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeCreatePartitionsRequest,
  encode: encodeCreatePartitionsResponse,
  handle(req, ctx) {
    const seen = new Set<string>();
    const results = req.topics.map((t) => {
      if (seen.has(t.name)) return { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic in request.' };
      seen.add(t.name);
      const denied = refused(ctx, 'createPartitions', t.name);
      if (denied !== null) return { name: t.name, errorCode: denied, errorMessage: 'Authorization failed.' };
      const outcome = check(ctx.broker, t);
      if (outcome.errorCode === ErrorCode.NONE && !req.validateOnly) ctx.broker.logs.createPartitions(t.name, t.count);
      return { name: t.name, ...outcome };
    });
    return { ...defaultCreatePartitionsResponse(), results };
  },
});
