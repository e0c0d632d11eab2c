/**
 * CreatePartitions (key 37), v0-3: raises a topic's partition count (never lowers it).
 * Manual assignments may only name this node. The same partition caps as CreateTopics apply,
 * and new partitions are created in slices.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeCreatePartitionsRequest, type CreatePartitionsTopic } from '../protocol/messages/create-partitions-request.ts';
import { defaultCreatePartitionsResponse, encodeCreatePartitionsResponse } from '../protocol/messages/create-partitions-response.ts';
import type { Broker } from '../broker.ts';
import { refused } from '../acl/api-acls.ts';
import { LogError } from '../log/errors.ts';

function check(broker: Broker, t: CreatePartitionsTopic): { errorCode: number; errorMessage: string | null } {
  const topic = broker.logs.getTopic(t.name);
  // Kafka's controller answers an unknown topic here without a message.
  if (topic === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null };
  if (t.count <= topic.partitions) {
    const errorMessage =
      t.count === topic.partitions
        ? `Topic already has ${topic.partitions} partitions.`
        : `Topic currently has ${topic.partitions} partitions, which is higher than the requested ${t.count}.`;
    return { errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage };
  }
  if (t.assignments !== null) {
    if (t.assignments.length !== t.count - topic.partitions) {
      return {
        errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        errorMessage: `Expected ${t.count - topic.partitions} assignments, got ${t.assignments.length}.`,
      };
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
  async handle(req, ctx) {
    const broker = ctx.broker;
    // kayak.max.partitions.per.request bounds the partitions one request may add.
    const cap = broker.config.getInt('kayak.max.partitions.per.request');
    const adding = req.topics.reduce((n, t) => n + Math.max(0, t.count - (broker.logs.getTopic(t.name)?.partitions ?? t.count)), 0);
    const overCap = `Excessively large number of partitions per request (kayak.max.partitions.per.request=${cap}).`;
    const seen = new Set<string>();
    const results = [];
    for (const t of req.topics) {
      if (seen.has(t.name)) {
        results.push({ name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic in request.' });
        continue;
      }
      seen.add(t.name);
      const denied = refused(ctx, 'createPartitions', t.name);
      if (denied !== null) {
        results.push({ name: t.name, errorCode: denied, errorMessage: 'Authorization failed.' });
        continue;
      }
      const outcome = adding > cap ? { errorCode: ErrorCode.POLICY_VIOLATION, errorMessage: overCap } : check(broker, t);
      if (outcome.errorCode === ErrorCode.NONE) {
        try {
          await broker.logs.createPartitionsInSlices(t.name, t.count, req.validateOnly);
        } catch (err) {
          if (!(err instanceof LogError)) throw err;
          outcome.errorCode = err.errorCode;
          outcome.errorMessage = err.message;
        }
      }
      results.push({ name: t.name, ...outcome });
    }
    return { ...defaultCreatePartitionsResponse(), results };
  },
});
