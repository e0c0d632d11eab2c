/**
 * What each API needs: the one table of (resource type, operation) checks the handlers make,
 * with the error code Kafka answers when a check fails. Handlers ask `refused(ctx, check, name)`
 * and get that code, or null when the request may go on. Without an authorizer everything is
 * allowed, as in Kafka with no `authorizer.class.name`.
 */
import type { HandlerContext } from '../handlers/handler.ts';
import type { ConnectionSession } from '../session.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { ANONYMOUS_PRINCIPAL, AclOperation as Op, CLUSTER_NAME, ResourceType as R, SUPPORTED_OPERATIONS, toBitField, type AuthzContext } from './acl-types.ts';

interface Check {
  resourceType: number;
  operation: number;
}

const check = (resourceType: number, operation: number): Check => ({ resourceType, operation });

export const API_ACLS = {
  produce: check(R.TOPIC, Op.WRITE),
  fetch: check(R.TOPIC, Op.READ),
  listOffsets: check(R.TOPIC, Op.DESCRIBE),
  offsetForLeaderEpoch: check(R.TOPIC, Op.DESCRIBE),
  /** Metadata lists (and describes) only topics the caller may DESCRIBE. */
  describeTopic: check(R.TOPIC, Op.DESCRIBE),
  /** CreateTopics and Metadata auto-creation: CREATE on the cluster, or else on the topic. */
  createAnyTopic: check(R.CLUSTER, Op.CREATE),
  createTopic: check(R.TOPIC, Op.CREATE),
  deleteTopic: check(R.TOPIC, Op.DELETE),
  deleteRecords: check(R.TOPIC, Op.DELETE),
  createPartitions: check(R.TOPIC, Op.ALTER),
  describeTopicConfigs: check(R.TOPIC, Op.DESCRIBE_CONFIGS),
  describeBrokerConfigs: check(R.CLUSTER, Op.DESCRIBE_CONFIGS),
  alterTopicConfigs: check(R.TOPIC, Op.ALTER_CONFIGS),
  alterBrokerConfigs: check(R.CLUSTER, Op.ALTER_CONFIGS),
  /** JoinGroup, SyncGroup, Heartbeat, LeaveGroup and OffsetCommit. */
  useGroup: check(R.GROUP, Op.READ),
  /** OffsetCommit also needs READ on each topic it commits for. */
  commitTopic: check(R.TOPIC, Op.READ),
  /** OffsetFetch, DescribeGroups, FindCoordinator for a group, ListGroups per group. */
  describeGroup: check(R.GROUP, Op.DESCRIBE),
  fetchTopicOffsets: check(R.TOPIC, Op.DESCRIBE),
  /** ListGroups with DESCRIBE on the cluster lists every group. */
  listAllGroups: check(R.CLUSTER, Op.DESCRIBE),
  deleteGroup: check(R.GROUP, Op.DELETE),
  /** OffsetDelete: DELETE on the group, READ on each topic. */
  deleteGroupOffsets: check(R.GROUP, Op.DELETE),
  deleteTopicOffsets: check(R.TOPIC, Op.READ),
  describeTransactionalId: check(R.TRANSACTIONAL_ID, Op.DESCRIBE),
  writeTransactionalId: check(R.TRANSACTIONAL_ID, Op.WRITE),
  describeCluster: check(R.CLUSTER, Op.DESCRIBE),
  describeLogDirs: check(R.CLUSTER, Op.DESCRIBE),
  describeAcls: check(R.CLUSTER, Op.DESCRIBE),
  alterAcls: check(R.CLUSTER, Op.ALTER),
} as const satisfies Record<string, Check>;

export type ApiCheck = keyof typeof API_ACLS;

const REFUSAL_CODE: ReadonlyMap<number, number> = new Map([
  [R.TOPIC, ErrorCode.TOPIC_AUTHORIZATION_FAILED],
  [R.GROUP, ErrorCode.GROUP_AUTHORIZATION_FAILED],
  [R.CLUSTER, ErrorCode.CLUSTER_AUTHORIZATION_FAILED],
  [R.TRANSACTIONAL_ID, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED],
]);

/** `User:<name>` after SASL, `User:ANONYMOUS` otherwise, as Kafka's default principal builder. */
export function principalOf(session: ConnectionSession): string {
  return session.principal === null ? ANONYMOUS_PRINCIPAL : `User:${session.principal}`;
}

/** Kafka matches hosts on the IP address; IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
export function authzContext(ctx: HandlerContext): AuthzContext {
  return { principal: principalOf(ctx.request.session), host: ctx.request.clientHost.replace(/^::ffff:/, '') };
}

export function allowed(ctx: HandlerContext, what: ApiCheck, name: string = CLUSTER_NAME): boolean {
  const authorizer = ctx.broker.authorizer;
  if (authorizer === null) return true;
  const { resourceType, operation } = API_ACLS[what];
  return authorizer.authorize(authzContext(ctx), operation, resourceType, name);
}

/** The error code to answer when the check fails, or null when the request may proceed. */
export function refused(ctx: HandlerContext, what: ApiCheck, name: string = CLUSTER_NAME): number | null {
  return allowed(ctx, what, name) ? null : (REFUSAL_CODE.get(API_ACLS[what].resourceType) ?? ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
}

/** CreateTopics and auto-creation: CREATE on the cluster or on the topic itself. */
export function mayCreateTopic(ctx: HandlerContext, name: string): boolean {
  return allowed(ctx, 'createAnyTopic') || allowed(ctx, 'createTopic', name);
}

/** Authorized-operations bitfield; without an authorizer every supported operation, as Kafka. */
export function authorizedOperations(ctx: HandlerContext, resourceType: number, name: string = CLUSTER_NAME): number {
  const authorizer = ctx.broker.authorizer;
  if (authorizer === null) return toBitField(SUPPORTED_OPERATIONS.get(resourceType) ?? []);
  return authorizer.authorizedOperations(authzContext(ctx), resourceType, name);
}
