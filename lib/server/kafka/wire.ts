/**
 * Kafka requests encoded and decoded by the codecs generated from Kafka's own message schemas
 * (`broker/protocol/messages`, the same codecs the bundled broker speaks with), sent over the
 * connections of the console's kafkajs Clusters (kafkajs-pool.ts), so TLS, SASL, ApiVersions and
 * reconnects stay kafkajs's. This is the console's path for what kafkajs's admin does not do the
 * way Kafka's AdminClient does (batched OffsetFetch and FindCoordinator, ListGroups with states,
 * ConsumerGroupDescribe, the transaction APIs, ...) and where kafkajs's own codecs dominate a list
 * view's time (Metadata and ListOffsets of 10,000 topics). No `server-only`: the tests and the
 * bench use it as it is.
 */
import Encoder from 'kafkajs/src/protocol/encoder.js';
import { createErrorFromCode } from 'kafkajs/src/protocol/error.js';
import { ErrorCode } from '../../../broker/protocol/error-codes.ts';
import { isFlexible } from '../../../broker/protocol/frame.ts';
import { API_SCHEMAS } from '../../../broker/protocol/messages/index.ts';
import { Reader } from '../../../broker/protocol/reader.ts';
import { Writer } from '../../../broker/protocol/writer.ts';
import type { KafkaBroker, KafkaCluster } from './kafkajs-cluster';

/** One API as the console uses it: its key, the versions the console's code handles, the codecs. */
export interface WireApi<Req, Res> {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
  encode: (w: Writer, version: number, message: Req) => void;
  decode: (r: Reader, version: number) => Res;
}

/** Thrown when the broker speaks none of the versions the console handles (mapped to 'unsupported'). */
export class UnsupportedApiError extends Error {
  override readonly name = 'KafkaJSServerDoesNotSupportApiKey';
}

/** The highest version both the broker (by its ApiVersions answer) and the console speak. */
export function negotiatedVersion(broker: KafkaBroker, api: Pick<WireApi<unknown, unknown>, 'apiKey' | 'minVersion' | 'maxVersion'>): number {
  const theirs = broker.versions?.[api.apiKey];
  const name = API_SCHEMAS.get(api.apiKey)?.name ?? `API ${api.apiKey}`;
  if (!theirs) throw new UnsupportedApiError(`The broker does not support ${name}`);
  const version = Math.min(theirs.maxVersion, api.maxVersion);
  if (version < Math.max(theirs.minVersion, api.minVersion)) {
    throw new UnsupportedApiError(
      `The broker supports ${name} v${theirs.minVersion}-${theirs.maxVersion}; the console needs v${api.minVersion}-${api.maxVersion}`,
    );
  }
  return version;
}

/**
 * Sends one request to `broker` and decodes its answer. `message` may depend on the version
 * agreed (fields that only some versions carry). Errors inside the answer are left to the caller
 * (see `throwIfError`); connection failures throw as kafkajs's do.
 */
export async function send<Req, Res>(broker: KafkaBroker, api: WireApi<Req, Res>, message: Req | ((version: number) => Req)): Promise<Res> {
  const version = negotiatedVersion(broker, api);
  const flexible = isFlexible(api.apiKey, version);
  const w = new Writer();
  // kafkajs writes request header v1 (key, version, correlation id, client id); flexible versions
  // use header v2, which adds its tagged fields right after the client id.
  if (flexible) w.uvarint(0);
  api.encode(w, version, typeof message === 'function' ? (message as (v: number) => Req)(version) : message);
  const body = w.toBuffer();
  const request = {
    request: {
      apiKey: api.apiKey,
      apiVersion: version,
      apiName: API_SCHEMAS.get(api.apiKey)?.name ?? String(api.apiKey),
      encode: async () => new Encoder().writeBuffer(body),
    },
    response: {
      decode: async (payload: Buffer) => {
        const r = new Reader(payload);
        if (flexible) r.taggedFields(() => {}); // response header v1
        return api.decode(r, version);
      },
      parse: async (decoded: unknown) => decoded,
    },
  };
  try {
    return (await broker.connectionPool.send(request)) as Res;
  } catch (e) {
    // As kafkajs's Broker does for its own requests: a closed connection is reopened next time.
    if ((e as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
    throw e;
  }
}

/** Throws a Kafka error code as kafkajs would (KafkaJSProtocolError with Kafka's name as `type`); 0 passes. */
export function throwIfError(errorCode: number, errorMessage?: string | null): void {
  if (errorCode === 0) return;
  const e = createErrorFromCode(errorCode) as Error & { type: string };
  // A code newer than kafkajs's table still carries Kafka's name, so errors.ts can map it.
  e.type = knownErrorName(errorCode) ?? e.type;
  if (errorMessage) e.message = `${errorMessage} (${e.message})`;
  throw e;
}

/** Kafka's names for the codes kafkajs's table does not know (it ends at 2.x's), from the broker's own table. */
const NEWER_NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** Kafka's name for an error code (TRANSACTIONAL_ID_NOT_FOUND, …), or undefined for a code neither table knows. */
export function knownErrorName(errorCode: number): string | undefined {
  const e = createErrorFromCode(errorCode) as { type?: string };
  return e.type && e.type !== 'KAFKAJS_UNKNOWN_ERROR_CODE' ? e.type : NEWER_NAMES.get(errorCode);
}

/** Kafka's name for an error code, or "error <code>" for one neither table knows. */
export function errorName(errorCode: number): string {
  return knownErrorName(errorCode) ?? `error ${errorCode}`;
}

/** The broker with this node id, connected. */
export function brokerById(cluster: KafkaCluster, nodeId: number): Promise<KafkaBroker> {
  return cluster.findBroker({ nodeId: String(nodeId) });
}

/** Every broker's node id, from the cluster's metadata (fetched first when it has none yet). */
export async function nodeIds(cluster: KafkaCluster): Promise<number[]> {
  if (cluster.getNodeIds().length === 0) await cluster.refreshMetadataIfNecessary();
  // kafkajs keys its brokers by node id in an object, so it hands them back as strings.
  return cluster.getNodeIds().map(Number);
}

/** Any one connected broker, for requests every broker answers the same (Metadata, FindCoordinator). */
export async function anyBroker(cluster: KafkaCluster): Promise<KafkaBroker> {
  const ids = await nodeIds(cluster);
  const id = ids[Math.floor(Math.random() * ids.length)];
  if (id === undefined) throw new Error('The cluster named no brokers');
  return brokerById(cluster, id);
}
