import 'server-only';
import { ApiError, type ErrorCode } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { saslIdentity, securityProtocol } from './client-options';
import { knownErrorName } from './wire';

/** "TRANSACTIONAL_ID_NOT_FOUND (105)", or "error <code>" for a code Kafka's tables do not name. */
export function kafkaErrorName(code: number): string {
  const name = knownErrorName(code);
  return name ? `${name} (${code})` : `error ${code}`;
}

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
  // The cluster's ACLs refuse the console's own principal.
  CLUSTER_AUTHORIZATION_FAILED: 'forbidden',
  TOPIC_AUTHORIZATION_FAILED: 'forbidden',
  GROUP_AUTHORIZATION_FAILED: 'forbidden',
  // A record the broker refuses: the client's fault, and the message says which limit.
  MESSAGE_TOO_LARGE: 'payload_too_large',
  RECORD_LIST_TOO_LARGE: 'payload_too_large',
  INVALID_RECORD: 'bad_request',
  CORRUPT_MESSAGE: 'bad_request',
  INVALID_TIMESTAMP: 'bad_request',
  UNSUPPORTED_VERSION: 'unsupported',
  // Retriable conditions that outlasted the client's retries.
  NOT_LEADER_FOR_PARTITION: 'cluster_not_ready',
  NOT_LEADER_OR_FOLLOWER: 'cluster_not_ready',
  LEADER_NOT_AVAILABLE: 'cluster_not_ready',
  NOT_ENOUGH_REPLICAS: 'cluster_not_ready',
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 'cluster_not_ready',
  NOT_COORDINATOR: 'cluster_not_ready',
  NOT_COORDINATOR_FOR_GROUP: 'cluster_not_ready',
  COORDINATOR_NOT_AVAILABLE: 'cluster_not_ready',
  GROUP_COORDINATOR_NOT_AVAILABLE: 'cluster_not_ready',
  COORDINATOR_LOAD_IN_PROGRESS: 'cluster_not_ready',
  GROUP_LOAD_IN_PROGRESS: 'cluster_not_ready',
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
}

function chain(e: unknown): KafkaLikeError[] {
  const out: KafkaLikeError[] = [];
  let cur: unknown = e;
  // kafkajs keeps the cause of a retried failure; Node's connect reports an AggregateError of its attempts.
  for (let i = 0; i < 10 && cur && typeof cur === 'object'; i++) {
    out.push(cur as KafkaLikeError);
    const k = cur as KafkaLikeError;
    cur = k.cause ?? k.errors?.[0];
  }
  return out;
}

export function unreachable(cluster: ClusterRef, detail: string): ApiError {
  // A broker that closes the connection at once is often one whose listener wants TLS or SASL.
  const hint = /closed|reset|disconnected/i.test(detail)
    ? ` The console connects with ${securityProtocol(cluster)}; if the listener expects another security.protocol (SSL, SASL_SSL, …), configure it (see "Connect to your cluster" in the README).`
    : '';
  return new ApiError(
    'cluster_unreachable',
    `Cannot reach cluster "${cluster.name}" at ${cluster.brokers.join(', ')}: ${detail}. Check that the broker is running and the address is right; the console retries on its own.${hint}`,
  );
}

/** Node's certificate verification failures, plus its TLS/SSL error families. */
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function isTlsFailure(link: KafkaLikeError): boolean {
  const code = typeof link.code === 'string' ? link.code : '';
  return (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    /^(CERT|X509)_/.test(code) ||
    /before secure TLS connection was established/.test(link.message ?? '')
  );
}

function isAuthFailure(link: KafkaLikeError): boolean {
  return (
    link.name === 'KafkaJSSASLAuthenticationError' ||
    link.type === 'SASL_AUTHENTICATION_FAILED' ||
    link.type === 'UNSUPPORTED_SASL_MECHANISM' ||
    link.type === 'ILLEGAL_SASL_STATE'
  );
}

/** The most specific message in the chain (the innermost that says more than "failed"). */
function innermost(links: KafkaLikeError[], pick: (l: KafkaLikeError) => boolean): string {
  const matching = links.filter(pick);
  return (matching.at(-1)?.message ?? links.at(-1)?.message ?? 'failed').replace(/^Connection error: /, '');
}

function authFailed(cluster: ClusterRef, links: KafkaLikeError[]): ApiError {
  const who = saslIdentity(cluster);
  const detail = innermost(links, (l) => isAuthFailure(l) || /SASL|authenticat/i.test(l.message ?? ''));
  return new ApiError(
    'cluster_auth_failed',
    `Authentication failed for cluster "${cluster.name}"${who ? ` (SASL ${who})` : ''}: ${detail}. Check the user name, password and sasl.mechanism configured for this cluster.`,
  );
}

function tlsFailed(cluster: ClusterRef, links: KafkaLikeError[]): ApiError {
  const link = links.filter(isTlsFailure).at(-1);
  const raw = (link?.message ?? 'TLS handshake failed').replace(/^Connection error: /, '');
  // OpenSSL's own text ("…:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:…") → its reason.
  const detail = /SSL routines:[^:]*:([^:]+)/.exec(raw)?.[1]?.trim() ?? raw;
  const code = typeof link?.code === 'string' ? ` [${link.code}]` : '';
  const advice = /ALTNAME|HOSTNAME/i.test(String(link?.code))
    ? 'The certificate does not name the host the console connects to; connect by a name it lists, or set ssl.endpoint.identification.algorithm= (empty) to skip the host name check.'
    : /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)/.test(String(link?.code))
      ? 'The broker wants a client certificate it trusts (mutual TLS): set ssl.certificate.location and ssl.key.location to one signed by the CA the broker trusts.'
      : /VERSION|EPROTO|PACKET|before secure TLS/i.test(String(link?.code) + detail)
        ? 'The listener may not speak TLS; check security.protocol and the port.'
        : "The broker's certificate is not trusted: set ssl.ca.location to the CA that signed it (or enable.ssl.certificate.verification=false for development only).";
  return new ApiError('cluster_tls_error', `TLS certificate error for cluster "${cluster.name}": ${detail}${code}. ${advice}`);
}

/** Maps anything kafkajs (or a timeout) throws to an ApiError with a stable code. */
export function toApiError(e: unknown, cluster: ClusterRef): ApiError {
  if (e instanceof ApiError) return e;
  const links = chain(e);
  for (const link of links) {
    const type = link.type;
    if (type && PROTOCOL_CODES[type]) {
      return new ApiError(PROTOCOL_CODES[type]!, `${link.message ?? type} (${type})`);
    }
  }
  if (links.some(isAuthFailure)) return authFailed(cluster, links);
  if (links.some(isTlsFailure)) return tlsFailed(cluster, links);
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
