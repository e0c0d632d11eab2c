import 'server-only';
import type { Admin } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef, ConfigEntryDto } from '../../dto';
import {
  encodeIncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsRequest,
} from '../../../broker/protocol/messages/incremental-alter-configs-request.ts';
import {
  decodeIncrementalAlterConfigsResponse,
  type IncrementalAlterConfigsResponse,
} from '../../../broker/protocol/messages/incremental-alter-configs-response.ts';
import { withAdmin } from './admin';
import { withPooledCluster } from './kafkajs-pool';
import { assertTopicExistsIn } from './topics';
import { anyBroker, send, type WireApi } from './wire';

/** Kafka's IncrementalAlterConfigs (API 44): only the named keys change (kafkajs has only AlterConfigs, which replaces them all). */
const IncrementalAlterConfigs: WireApi<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> = {
  apiKey: 44,
  minVersion: 0,
  maxVersion: 1,
  encode: encodeIncrementalAlterConfigsRequest,
  decode: decodeIncrementalAlterConfigsResponse,
};
/** Its operations: SET a value, DELETE an override (back to the default). */
const SET = 0;
const DELETE = 1;

const TOPIC_RESOURCE = 2;
const BROKER_RESOURCE = 4;
const SOURCE_NAMES: Record<number, string> = {
  0: 'unknown',
  1: 'topic',
  2: 'dynamic broker',
  3: 'dynamic default broker',
  4: 'static broker',
  5: 'default',
  6: 'broker logger',
};

/** Per-resource DescribeConfigs errors: unknown topic, refused by ACLs (topic, cluster), bad request. */
const RESOURCE_ERRORS: Record<number, 'not_found' | 'forbidden' | 'bad_request'> = { 3: 'not_found', 29: 'forbidden', 31: 'forbidden', 42: 'bad_request' };

interface RawEntry {
  configName: string;
  configValue: string | null;
  isDefault: boolean;
  configSource?: number;
  isSensitive: boolean;
  readOnly: boolean;
}

async function describe(admin: Admin, topic: string, type = TOPIC_RESOURCE): Promise<RawEntry[]> {
  // kafkajs sends a BROKER resource to that broker, as Kafka requires.
  const res = await admin.describeConfigs({ resources: [{ type, name: topic }], includeSynonyms: false });
  const resource = res.resources[0];
  if (!resource) throw new ApiError('internal', `No configs returned for ${type === BROKER_RESOURCE ? 'broker' : 'topic'} "${topic}"`);
  if (resource.errorCode && resource.errorCode !== 0) {
    const code = RESOURCE_ERRORS[resource.errorCode] ?? 'internal';
    throw new ApiError(
      code,
      resource.errorMessage || `DescribeConfigs failed with error ${resource.errorCode}${code === 'forbidden' ? ' (not authorized)' : ''}`,
    );
  }
  return resource.configEntries as RawEntry[];
}

function reshape(e: RawEntry): ConfigEntryDto {
  return {
    name: e.configName,
    value: e.isSensitive ? null : e.configValue,
    isDefault: e.isDefault,
    readOnly: e.readOnly,
    sensitive: e.isSensitive,
    source: SOURCE_NAMES[e.configSource ?? (e.isDefault ? 5 : 1)] ?? 'unknown',
  };
}

export async function topicConfigs(cluster: ClusterRef, topic: string): Promise<ConfigEntryDto[]> {
  await assertTopicExistsIn(cluster, topic);
  return withAdmin(cluster, async (admin) => (await describe(admin, topic)).map(reshape).sort((a, b) => a.name.localeCompare(b.name)));
}

/** A broker's configs (DescribeConfigs BROKER) with their sources; non-default ones are the overrides. */
export async function brokerConfigs(cluster: ClusterRef, brokerId: number): Promise<ConfigEntryDto[]> {
  return withAdmin(cluster, async (admin) =>
    (await describe(admin, String(brokerId), BROKER_RESOURCE)).map(reshape).sort((a, b) => a.name.localeCompare(b.name)),
  );
}

/**
 * Sets and resets topic overrides with IncrementalAlterConfigs (as kafka-configs.sh does): only
 * the named keys change, and a refusal comes back with the broker's message, which the UI
 * shows at the row. Keys are checked first so an unknown or read-only one is named clearly.
 */
export async function alterTopicConfigs(cluster: ClusterRef, topic: string, set: Record<string, string>, reset: string[]): Promise<ConfigEntryDto[]> {
  await assertTopicExistsIn(cluster, topic);
  await withAdmin(cluster, async (admin) => {
    const known = new Map((await describe(admin, topic)).map((e) => [e.configName, e]));
    for (const name of [...Object.keys(set), ...reset]) {
      const entry = known.get(name);
      if (!entry) throw new ApiError('bad_request', `Unknown topic config "${name}"`, [name]);
      if (entry.readOnly) throw new ApiError('bad_request', `Config "${name}" is read-only`, [name]);
    }
  });
  const configs = [
    ...Object.entries(set).map(([name, value]) => ({ name, value, configOperation: SET })),
    ...reset.map((name) => ({ name, value: null, configOperation: DELETE })),
  ];
  await withPooledCluster(cluster, async (c) => {
    // A topic's configs may be altered through any broker (Kafka forwards them to its controller).
    const res = await send(await anyBroker(c), IncrementalAlterConfigs, {
      resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic, configs }],
      validateOnly: false,
    });
    const failed = res.responses.find((r) => r.errorCode !== 0);
    if (!failed) return;
    const keys = configs.map((x) => x.name);
    const what = keys.length === 1 ? `Config "${keys[0]}"` : `Configs ${keys.map((k) => `"${k}"`).join(', ')}`;
    // details name the keys so the UI can put the message at the right row.
    throw new ApiError('bad_request', `${what} refused by the cluster: ${failed.errorMessage || `error code ${failed.errorCode}`}`, keys);
  });
  return topicConfigs(cluster, topic);
}
