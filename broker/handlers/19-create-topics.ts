/**
 * CreateTopics (key 19), v0-7. Partition count and replication factor may be -1 for the
 * broker defaults (v4+); manual assignments may only name this node. validateOnly checks
 * everything and creates nothing. From v5 the result carries the topic's effective configs.
 * More partitions than kayak.max.partitions.per.request (or kayak.max.partitions) fail with
 * POLICY_VIOLATION; topics are created in slices so other clients are served meanwhile.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { isInternalTopic } from './topic-view.ts';
import { decodeCreateTopicsRequest, type CreatableTopic } from '../protocol/messages/create-topics-request.ts';
import {
  defaultCreatableTopicResult,
  defaultCreateTopicsResponse,
  encodeCreateTopicsResponse,
  type CreatableTopicResult,
} from '../protocol/messages/create-topics-response.ts';
import { describeTopicConfigs } from '../config/resolve-config.ts';
import { LogError } from '../log/errors.ts';
import type { Broker } from '../broker.ts';
import type { HandlerContext } from './handler.ts';
import { allowed, mayCreateTopic } from '../acl/api-acls.ts';

function fail(name: string, errorCode: number, errorMessage: string): CreatableTopicResult {
  // Kafka answers an empty config list (not null) for a topic it did not create.
  return { ...defaultCreatableTopicResult(), name, errorCode, errorMessage, numPartitions: -1, replicationFactor: -1, configs: [] };
}

/** Resolves the partition count, or returns the error result. */
function partitionCount(broker: Broker, t: CreatableTopic): number | CreatableTopicResult {
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      return fail(
        t.name,
        ErrorCode.INVALID_REQUEST,
        'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
      );
    }
    const wrong = t.assignments.find((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== broker.nodeId);
    if (wrong) return fail(t.name, ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Partition ${wrong.partitionIndex} must be assigned to broker ${broker.nodeId} only.`);
    const indexes = t.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
    if (indexes.some((p, i) => p !== i)) return fail(t.name, ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Partitions must be numbered 0..n-1 without gaps.');
    return t.assignments.length;
  }
  const replication = t.replicationFactor === -1 ? broker.config.getInt('default.replication.factor') : t.replicationFactor;
  if (replication <= 0) return fail(t.name, ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
  if (replication > 1) return fail(t.name, ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${replication} larger than available brokers: 1.`);
  const partitions = t.numPartitions === -1 ? broker.config.getInt('num.partitions') : t.numPartitions;
  if (partitions <= 0) return fail(t.name, ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
  return partitions;
}

/** Partitions the request asks for, counted as Kafka's controller does for its per-request cap. */
function requestedPartitions(broker: Broker, topics: readonly CreatableTopic[]): number {
  let total = 0;
  for (const t of topics) {
    if (t.assignments.length > 0) total += t.assignments.length;
    else if (t.numPartitions === -1) total += broker.config.getInt('num.partitions');
    else if (t.numPartitions > 0) total += t.numPartitions;
  }
  return total;
}

async function createOne(broker: Broker, t: CreatableTopic, validateOnly: boolean): Promise<CreatableTopicResult> {
  if (isInternalTopic(t.name)) return fail(t.name, ErrorCode.INVALID_REQUEST, `Creation of internal topic ${t.name} is prohibited.`);
  if (broker.logs.getTopic(t.name)) return fail(t.name, ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
  const count = partitionCount(broker, t);
  if (typeof count !== 'number') return count;
  const overrides = new Map(t.configs.map((c) => [c.name, c.value]));
  try {
    const topic = await broker.logs.createTopicInSlices(t.name, count, overrides, validateOnly);
    if (!validateOnly) broker.log(`created topic ${t.name} with ${count} partitions`);
    const configs = describeTopicConfigs(topic.configs, broker.logs.layers).map((e) => ({
      name: e.name,
      value: e.isSensitive ? null : e.value,
      readOnly: e.readOnly,
      configSource: e.source,
      isSensitive: e.isSensitive,
    }));
    // errorMessage null on success, as Kafka (the generated default is the empty string).
    return { ...defaultCreatableTopicResult(), name: t.name, topicId: topic.topicId, errorMessage: null, numPartitions: count, replicationFactor: 1, configs };
  } catch (err) {
    if (err instanceof LogError) return fail(t.name, err.errorCode, err.message);
    throw err;
  }
}

/** Creates the topic; its configs are shown only to callers who may DESCRIBE_CONFIGS it. */
async function createVisible(ctx: HandlerContext, t: CreatableTopic, validateOnly: boolean): Promise<CreatableTopicResult> {
  const result = await createOne(ctx.broker, t, validateOnly);
  if (result.errorCode !== ErrorCode.NONE || allowed(ctx, 'describeTopicConfigs', t.name)) return result;
  return { ...result, configs: null, topicConfigErrorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
}

export default defineHandler({
  apiKey: 19,
  minVersion: 0,
  maxVersion: 7,
  decode: decodeCreateTopicsRequest,
  encode: encodeCreateTopicsResponse,
  async handle(req, ctx) {
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const duplicate = (t: CreatableTopic): boolean => (counts.get(t.name) ?? 0) > 1;
    const permitted = new Set(req.topics.filter((t) => !duplicate(t) && mayCreateTopic(ctx, t.name)).map((t) => t.name));
    // kayak.max.partitions.per.request over the topics that would be created, as Kafka's
    // controller counts them for its own (fixed) cap of 10,000.
    const cap = ctx.broker.config.getInt('kayak.max.partitions.per.request');
    const overCap =
      requestedPartitions(
        ctx.broker,
        req.topics.filter((t) => permitted.has(t.name)),
      ) > cap;
    const topics: CreatableTopicResult[] = [];
    for (const t of req.topics) {
      if (duplicate(t)) topics.push(fail(t.name, ErrorCode.INVALID_REQUEST, `Create topics request from client contains a duplicate topic: ${t.name}`));
      else if (!permitted.has(t.name)) topics.push(fail(t.name, ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'Authorization failed.'));
      else if (overCap)
        topics.push(fail(t.name, ErrorCode.POLICY_VIOLATION, `Excessively large number of partitions per request (kayak.max.partitions.per.request=${cap}).`));
      else topics.push(await createVisible(ctx, t, req.validateOnly)); // one at a time, each in slices
    }
    return { ...defaultCreateTopicsResponse(), topics };
  },
});
