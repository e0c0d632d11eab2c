import 'server-only';
import { ApiError, type ErrorCode } from '../../api-error';
import type { ClusterRef } from '../../dto';

/** Kafka protocol error types (as kafkajs names them) → console error codes. */
const PROTOCOL_CODES: Record<string, ErrorCode> = {
  UNKNOWN_TOPIC_OR_PARTITION: 'not_found',
  GROUP_ID_NOT_FOUND: 'not_found',
  TOPIC_ALREADY_EXISTS: 'conflict',
  NON_EMPTY_GROUP: 'conflict',
  GROUP_SUBSCRIBED_TO_TOPIC: 'conflict',
  REBALANCE_IN_PROGRESS: 'conflict',
  UNKNOWN_MEMBER_ID: 'conflict',
  INVALID_TOPIC_EXCEPTION: 'bad_request',
  INVALID_PARTITIONS: 'bad_request',
  INVALID_REPLICATION_FACTOR: 'bad_request',
  INVALID_REPLICA_ASSIGNMENT: 'bad_request',
  INVALID_CONFIG: 'bad_request',
  INVALID_REQUEST: 'bad_request',
  INVALID_GROUP_ID: 'bad_request',
  POLICY_VIOLATION: 'bad_request',
  UNSUPPORTED_VERSION: 'unsupported',
  INVALID_REQUEST_TIMEOUT: 'timeout',
  REQUEST_TIMED_OUT: 'timeout',
};

interface KafkaLikeError {
  name?: string;
  message?: string;
  type?: string;
  code?: string | number;
  cause?: unknown;
  errors?: unknown[];
  groups?: { error?: unknown }[];
}

function chain(e: unknown): KafkaLikeError[] {
  const out: KafkaLikeError[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    out.push(cur as KafkaLikeError);
    const k = cur as KafkaLikeError;
    cur = k.cause ?? k.errors?.[0] ?? k.groups?.[0]?.error;
  }
  return out;
}

export function unreachable(cluster: ClusterRef, detail: string): ApiError {
  return new ApiError(
    'cluster_unreachable',
    `Cannot reach cluster "${cluster.name}" at ${cluster.brokers.join(', ')}: ${detail}. Check that the broker is running and the address is right; the console retries on its own.`,
  );
}

/** Maps anything kafkajs (or a timeout) throws to an ApiError with a stable code. */
export function toApiError(e: unknown, cluster: ClusterRef): ApiError {
  if (e instanceof ApiError) return e;
  const links = chain(e);
  for (const link of links) {
    if (link.type && PROTOCOL_CODES[link.type]) {
      return new ApiError(PROTOCOL_CODES[link.type]!, `${link.message ?? link.type} (${link.type})`);
    }
  }
  const names = links.map((l) => l.name ?? '');
  const messages = links.map((l) => l.message ?? '').join(' | ');
  if (names.includes('KafkaJSServerDoesNotSupportApiKey') || /not support/i.test(messages)) {
    return new ApiError('unsupported', `This operation is not supported by cluster "${cluster.name}": ${links.at(-1)?.message ?? 'unsupported API'}`);
  }
  if (names.includes('KafkaJSRequestTimeoutError') || names.includes('KafkaJSTimeout') || /timed? ?out/i.test(messages)) {
    return new ApiError('timeout', `Cluster "${cluster.name}" did not answer in time: ${links.at(-1)?.message ?? 'timeout'}`);
  }
  if (
    names.some((n) => n === 'KafkaJSConnectionError' || n === 'KafkaJSConnectionClosedError' || n === 'KafkaJSBrokerNotFound') ||
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|Connection error|Closed connection/i.test(messages)
  ) {
    const last = links.at(-1)?.message ?? 'connection failed';
    return unreachable(cluster, last);
  }
  const msg = links.at(-1)?.message ?? String(e);
  return new ApiError('internal', `Kafka request failed: ${msg}`);
}
