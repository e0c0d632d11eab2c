import 'server-only';
import type { Admin } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef, ConfigEntryDto } from '../../dto';
import { withAdmin } from './admin';
import { toApiError } from './errors';
import { assertTopicExists } from './topics';

const TOPIC_RESOURCE = 2;
const SOURCE_NAMES: Record<number, string> = {
  0: 'unknown',
  1: 'topic',
  2: 'dynamic broker',
  3: 'dynamic default broker',
  4: 'static broker',
  5: 'default',
  6: 'broker logger',
};

interface RawEntry {
  configName: string;
  configValue: string | null;
  isDefault: boolean;
  configSource?: number;
  isSensitive: boolean;
  readOnly: boolean;
}

async function describe(admin: Admin, topic: string): Promise<RawEntry[]> {
  const res = await admin.describeConfigs({ resources: [{ type: TOPIC_RESOURCE, name: topic }], includeSynonyms: false });
  const resource = res.resources[0];
  if (!resource) throw new ApiError('internal', `No configs returned for topic "${topic}"`);
  if (resource.errorCode && resource.errorCode !== 0) {
    throw new ApiError(resource.errorCode === 3 ? 'not_found' : 'internal', resource.errorMessage || `DescribeConfigs failed with error ${resource.errorCode}`);
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

/** A topic override, as opposed to a value inherited from the broker or its defaults. */
function isOverride(e: RawEntry): boolean {
  return e.configSource === undefined ? !e.isDefault && !e.readOnly : e.configSource === 1;
}

export async function topicConfigs(cluster: ClusterRef, topic: string): Promise<ConfigEntryDto[]> {
  return withAdmin(cluster, async (admin) => {
    await assertTopicExists(admin, topic);
    return (await describe(admin, topic)).map(reshape).sort((a, b) => a.name.localeCompare(b.name));
  });
}

/**
 * Sets and resets topic overrides. kafkajs speaks the non-incremental AlterConfigs, which
 * replaces the whole override set, so the current overrides are re-sent with the changes.
 */
export async function alterTopicConfigs(cluster: ClusterRef, topic: string, set: Record<string, string>, reset: string[]): Promise<ConfigEntryDto[]> {
  await withAdmin(cluster, async (admin) => {
    await assertTopicExists(admin, topic);
    const entries = await describe(admin, topic);
    const known = new Map(entries.map((e) => [e.configName, e]));
    for (const name of [...Object.keys(set), ...reset]) {
      const entry = known.get(name);
      if (!entry) throw new ApiError('bad_request', `Unknown topic config "${name}"`);
      if (entry.readOnly) throw new ApiError('bad_request', `Config "${name}" is read-only`);
    }
    const next = new Map<string, string>();
    for (const e of entries) if (isOverride(e) && e.configValue !== null) next.set(e.configName, e.configValue);
    for (const name of reset) next.delete(name);
    for (const [name, value] of Object.entries(set)) next.set(name, value);
    await admin
      .alterConfigs({
        validateOnly: false,
        resources: [{ type: TOPIC_RESOURCE, name: topic, configEntries: [...next].map(([name, value]) => ({ name, value })) }],
      })
      .catch((e: unknown) => {
        // Kafka's reason names no config; say which change it refused.
        const err = toApiError(e, cluster);
        if (err.code !== 'bad_request') throw err;
        const changes = [...Object.entries(set).map(([k, v]) => `${k}=${v}`), ...reset.map((k) => `${k} (reset)`)].join(', ');
        throw new ApiError('bad_request', `The cluster refused ${changes}: ${err.message}`);
      });
  });
  return topicConfigs(cluster, topic);
}
