/**
 * Metadata (key 3), v0-12. Topic list semantics differ by version: v0 `[]` means all topics;
 * from v1 `null` means all and `[]` means none. v10+ answers topic ids; v12 looks topics up by
 * id when the name is null (KIP-848 assignments name topics by id), an unknown id answering
 * UNKNOWN_TOPIC_ID with a null name. Unknown topics are auto-created when both the
 * request (v4+) and the broker (`auto.create.topics.enable`) allow it. With ACLs, only topics the
 * caller may DESCRIBE are listed, a named one it may not answers TOPIC_AUTHORIZATION_FAILED, and
 * auto-creation needs CREATE on the cluster or the topic.
 */
import { defineHandler } from './handler.ts';
import { brokerEndpoint, isInternalTopic } from './topic-view.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeMetadataRequest } from '../protocol/messages/metadata-request.ts';
import { defaultMetadataResponse, encodeMetadataResponse, type MetadataResponseTopic } from '../protocol/messages/metadata-response.ts';
import type { Broker } from '../broker.ts';
import { validateTopicName } from '../log/topic-name.ts';
import { ZERO_UUID } from '../protocol/constants.ts';
import { allowed, authorizedOperations, mayCreateTopic } from '../acl/api-acls.ts';
import { ResourceType } from '../acl/acl-types.ts';

const UNKNOWN_AUTHORIZED_OPERATIONS = -2147483648;
const NONE: number[] = [];

/** A topic entry that says nothing about the topic but its name and the error. */
function unavailable(name: string, errorCode: number): MetadataResponseTopic {
  return { errorCode, name, topicId: ZERO_UUID, isInternal: false, partitions: [], topicAuthorizedOperations: UNKNOWN_AUTHORIZED_OPERATIONS };
}

function describeTopic(broker: Broker, name: string): MetadataResponseTopic {
  const topic = broker.logs.peekTopic(name);
  if (topic === undefined) return unavailable(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  // One node holds every replica: the answer's node lists are shared by all partitions (only encoded, never changed).
  const nodes = [broker.nodeId];
  const partitions = [];
  for (let p = 0; p < topic.partitions; p++) {
    partitions.push({
      errorCode: ErrorCode.NONE,
      partitionIndex: p,
      leaderId: broker.nodeId,
      leaderEpoch: 0,
      replicaNodes: nodes,
      isrNodes: nodes,
      offlineReplicas: NONE,
    });
  }
  return {
    errorCode: ErrorCode.NONE,
    name,
    topicId: topic.topicId,
    isInternal: isInternalTopic(name),
    partitions,
    topicAuthorizedOperations: UNKNOWN_AUTHORIZED_OPERATIONS,
  };
}

function autoCreate(broker: Broker, name: string): number {
  if (validateTopicName(name) !== null || isInternalTopic(name)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
  try {
    broker.logs.createTopic(name, broker.config.getInt('num.partitions'), new Map());
    broker.log(`auto-created topic ${name}`);
    return ErrorCode.NONE;
  } catch (err) {
    broker.log(`auto-create of ${name} failed: ${(err as Error).message}`);
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  }
}

export default defineHandler({
  apiKey: 3,
  minVersion: 0,
  maxVersion: 12,
  decode: decodeMetadataRequest,
  encode: encodeMetadataResponse,
  handle(req, ctx) {
    const { broker, version, request } = ctx;
    const all = req.topics === null || (version === 0 && req.topics.length === 0);
    const byId = (req.topics ?? []).filter((t) => t.name === null).map((t) => ({ id: t.topicId, topic: broker.logs.topicById(t.topicId) }));
    const unknownIds = byId
      .filter(({ topic }) => topic === undefined || !allowed(ctx, 'describeTopic', topic.name))
      .map(({ id, topic }): MetadataResponseTopic => ({
        ...unavailable('', topic === undefined ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.TOPIC_AUTHORIZATION_FAILED),
        name: null,
        topicId: id,
      }));
    const names = all
      ? broker.logs.topicNames().filter((n) => allowed(ctx, 'describeTopic', n))
      : [
          ...(req.topics ?? []).flatMap((t) => (t.name === null ? [] : [t.name])),
          ...byId.flatMap(({ topic }) => (topic !== undefined && allowed(ctx, 'describeTopic', topic.name) ? [topic.name] : [])),
        ];
    const allowAutoCreate = req.allowAutoTopicCreation && broker.config.getBoolean('auto.create.topics.enable');
    const withOperations = version >= 8 && req.includeTopicAuthorizedOperations;
    const described = (name: string): MetadataResponseTopic => {
      const topic = describeTopic(broker, name);
      return withOperations && topic.errorCode === ErrorCode.NONE
        ? { ...topic, topicAuthorizedOperations: authorizedOperations(ctx, ResourceType.TOPIC, name) }
        : topic;
    };
    const topics = names
      .map((name) => {
        if (!all && !allowed(ctx, 'describeTopic', name)) return unavailable(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        if (!all && broker.logs.peekTopic(name) === undefined) {
          const invalid = validateTopicName(name) !== null;
          if (invalid) return { ...describeTopic(broker, name), errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION };
          if (allowAutoCreate) {
            if (!mayCreateTopic(ctx, name)) return unavailable(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED);
            const code = autoCreate(broker, name);
            if (code !== ErrorCode.NONE) return { ...describeTopic(broker, name), errorCode: code };
          }
        }
        return described(name);
      })
      .concat(unknownIds);
    return {
      ...defaultMetadataResponse(),
      brokers: [brokerEndpoint(broker, request.session)],
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      topics,
      clusterAuthorizedOperations:
        version >= 8 && version <= 10 && req.includeClusterAuthorizedOperations
          ? authorizedOperations(ctx, ResourceType.CLUSTER)
          : UNKNOWN_AUTHORIZED_OPERATIONS,
    };
  },
});
