/** Conformance sequences: topic lifecycle, partitions, configs (with synonyms), and their bad-input errors. */
import type { Target } from './conformance-client.ts';

export type Sequence = (t: Target) => Promise<void>;

const ZERO_UUID = Buffer.alloc(16);
const TOPIC = 2;
const BROKER = 4;
const [SET, DELETE, APPEND, SUBTRACT] = [0, 1, 2, 3];

export const topic = (name: string, numPartitions = 1, configs: Record<string, string | null> = {}, replicationFactor = 1) => ({
  name,
  numPartitions,
  replicationFactor,
  assignments: [],
  configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })),
});

export async function createTopics(t: Target, label: string, topics: ReturnType<typeof topic>[], validateOnly = false): Promise<void> {
  const res = await t.call(label, 'CreateTopics', { topics, timeoutMs: 30_000, validateOnly });
  if (validateOnly) return;
  for (const created of res.topics) if (created.errorCode === 0) await t.waitForTopic(created.name, created.numPartitions);
}

export const metadata = (t: Target, label: string, names: string[]) =>
  t.call(label, 'Metadata', {
    topics: names.map((name) => ({ topicId: ZERO_UUID, name })),
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  });

export const describeConfigs = (t: Target, label: string, resourceType: number, resourceName: string, keys: string[] | null, includeSynonyms = false) =>
  t.call(label, 'DescribeConfigs', { resources: [{ resourceType, resourceName, configurationKeys: keys }], includeSynonyms, includeDocumentation: false });

const incremental = (t: Target, label: string, resourceType: number, resourceName: string, ops: [string, number, string | null][], validateOnly = false) =>
  t.call(label, 'IncrementalAlterConfigs', {
    resources: [{ resourceType, resourceName, configs: ops.map(([name, configOperation, value]) => ({ name, configOperation, value })) }],
    validateOnly,
  });

const TOPIC_KEYS = [
  'retention.ms',
  'retention.bytes',
  'segment.ms',
  'segment.bytes',
  'cleanup.policy',
  'max.message.bytes',
  'min.insync.replicas',
  'message.timestamp.type',
  'compression.type',
];

export const topicSequences: Record<string, Sequence> = {
  async 'create a topic with configs, then describe it in Metadata'(t) {
    await createTopics(t, 'create', [topic('conf-create', 3, { 'retention.ms': '3600000', 'cleanup.policy': 'compact' })]);
    await metadata(t, 'metadata', ['conf-create']);
  },

  async 'create errors: existing, invalid names, bad partition counts, replication factor, unknown and invalid configs'(t) {
    await createTopics(t, 'first', [topic('conf-dup')]);
    await createTopics(t, 'again', [topic('conf-dup')]);
    await createTopics(t, 'invalid names', [topic('bad name!'), topic('..'), topic('x'.repeat(250))]);
    await createTopics(t, 'zero partitions', [topic('conf-zero', 0)]);
    await createTopics(t, 'replication factor 2 on one broker', [topic('conf-rf', 1, {}, 2)]);
    await createTopics(t, 'unknown config', [topic('conf-unknown-config', 1, { 'no.such.config': '1' })]);
    await createTopics(t, 'invalid config value', [topic('conf-bad-value', 1, { 'retention.ms': 'soon' })]);
    await createTopics(t, 'invalid cleanup.policy', [topic('conf-bad-policy', 1, { 'cleanup.policy': 'sometimes' })]);
    await metadata(t, 'none of the failed ones exist', ['conf-zero', 'conf-rf', 'conf-unknown-config', 'conf-bad-value', 'conf-bad-policy']);
  },

  async 'validateOnly creates nothing; default partitions and replication factor (-1)'(t) {
    await createTopics(t, 'validate only', [topic('conf-validate', 2)], true);
    await metadata(t, 'not created', ['conf-validate']);
    await createTopics(t, 'defaults', [topic('conf-defaults', -1, {}, -1)]);
    await metadata(t, 'created with the broker defaults', ['conf-defaults']);
  },

  async 'delete topics: existing, unknown, and metadata afterwards'(t) {
    await createTopics(t, 'create', [topic('conf-delete', 2)]);
    await t.call('delete', 'DeleteTopics', { topics: [], topicNames: ['conf-delete', 'conf-never-was'], timeoutMs: 30_000 }, 4);
    await metadata(t, 'gone', ['conf-delete']);
  },

  async 'create partitions: grow, shrink, same count, unknown topic, validateOnly'(t) {
    await createTopics(t, 'create', [topic('conf-grow', 2)]);
    const grow = (label: string, name: string, count: number, validateOnly = false) =>
      t.call(label, 'CreatePartitions', { topics: [{ name, count, assignments: null }], timeoutMs: 30_000, validateOnly });
    await grow('validate only', 'conf-grow', 4, true);
    await grow('grow to 4', 'conf-grow', 4);
    await t.waitForTopic('conf-grow', 4);
    await grow('same count', 'conf-grow', 4);
    await grow('shrink', 'conf-grow', 1);
    await grow('unknown topic', 'conf-no-topic', 3);
    await metadata(t, 'four partitions', ['conf-grow']);
  },

  async 'describe topic configs: set, defaults, synonyms, unknown topic'(t) {
    await createTopics(t, 'create', [topic('conf-configs', 1, { 'retention.ms': '7200000', 'max.message.bytes': '2000000' })]);
    await describeConfigs(t, 'keys without synonyms', TOPIC, 'conf-configs', TOPIC_KEYS);
    await describeConfigs(t, 'keys with synonyms', TOPIC, 'conf-configs', TOPIC_KEYS, true);
    await describeConfigs(t, 'unknown topic', TOPIC, 'conf-no-such-topic', null);
  },

  async 'describe broker configs: defaults with synonyms, unknown broker id'(t) {
    await describeConfigs(
      t,
      'broker defaults',
      BROKER,
      '1',
      ['log.retention.hours', 'log.retention.ms', 'log.segment.bytes', 'message.max.bytes', 'log.cleanup.policy', 'auto.create.topics.enable'],
      true,
    );
    await describeConfigs(t, 'another broker id', BROKER, '99', ['log.retention.hours']);
    await describeConfigs(t, 'not a broker id', BROKER, 'one', ['log.retention.hours']);
  },

  async 'incremental alter configs: set, delete, append, subtract, bad values, validateOnly'(t) {
    await createTopics(t, 'create', [topic('conf-incremental', 1, { 'cleanup.policy': 'delete' })]);
    await incremental(t, 'set retention.ms', TOPIC, 'conf-incremental', [['retention.ms', SET, '60000']]);
    await incremental(t, 'append compact', TOPIC, 'conf-incremental', [['cleanup.policy', APPEND, 'compact']]);
    await describeConfigs(t, 'after set and append', TOPIC, 'conf-incremental', ['retention.ms', 'cleanup.policy']);
    await incremental(t, 'subtract delete', TOPIC, 'conf-incremental', [['cleanup.policy', SUBTRACT, 'delete']]);
    await incremental(t, 'delete retention.ms', TOPIC, 'conf-incremental', [['retention.ms', DELETE, null]]);
    await describeConfigs(t, 'after subtract and delete', TOPIC, 'conf-incremental', ['retention.ms', 'cleanup.policy']);
    await incremental(t, 'invalid value', TOPIC, 'conf-incremental', [['retention.ms', SET, 'soon']]);
    await incremental(t, 'unknown key', TOPIC, 'conf-incremental', [['no.such.config', SET, '1']]);
    await incremental(t, 'append to a non-list', TOPIC, 'conf-incremental', [['retention.ms', APPEND, '1']]);
    await incremental(t, 'validate only', TOPIC, 'conf-incremental', [['segment.ms', SET, '3600000']], true);
    await incremental(t, 'unknown topic', TOPIC, 'conf-no-such-topic', [['retention.ms', SET, '1']]);
    await describeConfigs(t, 'validate only changed nothing', TOPIC, 'conf-incremental', ['segment.ms']);
  },

  async 'legacy alter configs replaces the whole topic config set; broker resource'(t) {
    await createTopics(t, 'create', [topic('conf-legacy', 1, { 'retention.ms': '60000', 'segment.ms': '3600000' })]);
    await t.call('replace with one key', 'AlterConfigs', {
      resources: [{ resourceType: TOPIC, resourceName: 'conf-legacy', configs: [{ name: 'retention.ms', value: '120000' }] }],
      validateOnly: false,
    });
    await describeConfigs(t, 'segment.ms back to its default', TOPIC, 'conf-legacy', ['retention.ms', 'segment.ms']);
    await t.call('invalid value', 'AlterConfigs', {
      resources: [{ resourceType: TOPIC, resourceName: 'conf-legacy', configs: [{ name: 'retention.ms', value: 'x' }] }],
      validateOnly: false,
    });
    await t.call('unknown topic', 'AlterConfigs', {
      resources: [{ resourceType: TOPIC, resourceName: 'conf-no-such-topic', configs: [{ name: 'retention.ms', value: '1' }] }],
      validateOnly: false,
    });
    await t.call('topic key on the broker resource', 'AlterConfigs', {
      resources: [{ resourceType: BROKER, resourceName: '1', configs: [{ name: 'cleanup.policy', value: 'compact' }] }],
      validateOnly: true,
    });
  },
};
