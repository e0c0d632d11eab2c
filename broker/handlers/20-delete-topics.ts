/**
 * DeleteTopics (key 20), v0-6. Topics are named by `topicNames` before v6 and by `topics`
 * (name or topic id) from v6. Deleting a topic removes its partitions' logs.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { isInternalTopic } from './topic-view.ts';
import { decodeDeleteTopicsRequest } from '../protocol/messages/delete-topics-request.ts';
import { defaultDeleteTopicsResponse, encodeDeleteTopicsResponse, type DeletableTopicResult } from '../protocol/messages/delete-topics-response.ts';
import { ZERO_UUID } from '../protocol/constants.ts';
import type { Broker } from '../broker.ts';
import type { HandlerContext } from './handler.ts';
import { allowed } from '../acl/api-acls.ts';
import { LogError } from '../log/errors.ts';

async function deleteOne(ctx: HandlerContext, name: string | null, topicId: Buffer): Promise<DeletableTopicResult> {
  const broker: Broker = ctx.broker;
  const byName = name !== null && name !== '';
  if (byName && !allowed(ctx, 'deleteTopic', name)) {
    return { name, topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
  }
  const found = byName ? broker.logs.getTopic(name) : broker.logs.listTopics().find((t) => t.topicId.equals(topicId));
  // By id, a topic the caller may not DESCRIBE is answered as unknown, as Kafka does.
  const topic = found && !byName && !allowed(ctx, 'describeTopic', found.name) ? undefined : found;
  if (topic !== undefined && !byName && !allowed(ctx, 'deleteTopic', topic.name)) {
    return { name: topic.name, topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
  }
  if (topic === undefined) {
    const errorCode = name ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID;
    return { name, topicId, errorCode, errorMessage: 'This server does not host this topic.' };
  }
  if (isInternalTopic(topic.name)) {
    return { name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Internal topics cannot be deleted.' };
  }
  try {
    // Directories go a slice at a time so a topic with many partitions does not stall other clients.
    await broker.logs.deleteTopicInSlices(topic.name);
  } catch (err) {
    if (!(err instanceof LogError)) throw err;
    return { name: topic.name, topicId: topic.topicId, errorCode: err.errorCode, errorMessage: err.message };
  }
  broker.onTopicDeleted(topic.name);
  broker.log(`deleted topic ${topic.name}`);
  return { name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null };
}

export default defineHandler({
  apiKey: 20,
  minVersion: 0,
  maxVersion: 6,
  decode: decodeDeleteTopicsRequest,
  encode: encodeDeleteTopicsResponse,
  async handle(req, ctx) {
    const targets = ctx.version >= 6 ? req.topics : req.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const responses: DeletableTopicResult[] = [];
    for (const t of targets) responses.push(await deleteOne(ctx, t.name, t.topicId));
    return { ...defaultDeleteTopicsResponse(), responses };
  },
});
