/**
 * kafkajs 2.2.4, unmodified, against the real broker process: admin operations, a producer with
 * keys, headers and gzip, and reading back without a consumer group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, CompressionTypes, ConfigResourceTypes } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await startBroker();
  kafka = new Kafka({ clientId: 'kayak-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

const uniqueTopic = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

test('admin creates, lists, describes and deletes topics', async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = uniqueTopic('admin');
    assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] }), true);
    assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] }), false, 'second create reports it already exists');
    assert.ok((await admin.listTopics()).includes(topic));

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.equal(metadata.topics[0]?.partitions.length, 3);
    assert.deepEqual(metadata.topics[0]?.partitions[0]?.replicas, [1]);

    await admin.createPartitions({ topicPartitions: [{ topic, count: 5 }] });
    const grown = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.equal(grown.topics[0]?.partitions.length, 5);
    await assert.rejects(admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] }), /partitions/i);

    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    const entries = described.resources[0]?.configEntries ?? [];
    const retention = entries.find((e) => e.configName === 'retention.ms');
    assert.equal(retention?.configValue, '3600000');
    assert.equal(retention?.isDefault, false);
    assert.equal(entries.find((e) => e.configName === 'cleanup.policy')?.configValue, 'delete');

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
    const altered = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
      includeSynonyms: false,
    });
    assert.equal(altered.resources[0]?.configEntries[0]?.configValue, 'compact');
    await assert.rejects(
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: 'soon' }] }],
      }),
      /config/i,
    );

    const brokerConfigs = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }], includeSynonyms: false });
    assert.ok(brokerConfigs.resources[0]?.configEntries.some((e) => e.configName === 'num.partitions'));

    await admin.deleteTopics({ topics: [topic] });
    assert.ok(!(await admin.listTopics()).includes(topic));
  } finally {
    await admin.disconnect();
  }
});

test('admin rejects invalid topic names and replication factors', async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const innerType = (type: string) => (err: { errors?: { type?: string }[] }) => {
      assert.equal(err.errors?.[0]?.type, type);
      return true;
    };
    await assert.rejects(admin.createTopics({ topics: [{ topic: 'bad name!', numPartitions: 1 }] }), innerType('INVALID_TOPIC_EXCEPTION'));
    await assert.rejects(
      admin.createTopics({ topics: [{ topic: uniqueTopic('rf'), numPartitions: 1, replicationFactor: 3 }] }),
      innerType('INVALID_REPLICATION_FACTOR'),
    );
    assert.ok(!(await admin.listTopics()).some((t) => t.startsWith('rf-')), 'nothing half-created');
  } finally {
    await admin.disconnect();
  }
});

test('producer with keys, headers and gzip; read back without a group', async () => {
  const topic = uniqueTopic('produce');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
  const producer = kafka.producer();
  await producer.connect();
  const before = Date.now();
  try {
    for (let batch = 0; batch < 5; batch++) {
      await producer.send({
        topic,
        compression: batch % 2 === 0 ? CompressionTypes.GZIP : CompressionTypes.None,
        messages: Array.from({ length: 20 }, (_, i) => ({
          partition: 0,
          key: `key-${batch}-${i}`,
          value: JSON.stringify({ batch, i }),
          headers: { source: 'test', seq: String(batch * 20 + i) },
        })),
      });
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    const p0 = offsets.find((o) => o.partition === 0);
    assert.equal(p0?.low, '0');
    assert.equal(p0?.high, '100');
    assert.equal(offsets.find((o) => o.partition === 1)?.high, '0');

    const messages = await readPartition(broker.bootstrap, topic, 0, 0n, 100);
    assert.equal(messages.length, 100);
    messages.forEach((m, n) => {
      assert.equal(m.offset, String(n));
      assert.equal(m.key?.toString(), `key-${Math.floor(n / 20)}-${n % 20}`);
      assert.deepEqual(JSON.parse(m.value?.toString() ?? ''), { batch: Math.floor(n / 20), i: n % 20 });
      assert.equal(m.headers.seq?.toString(), String(n));
    });

    const middle = await readPartition(broker.bootstrap, topic, 0, 45n, 10);
    assert.deepEqual(
      middle.map((m) => m.offset),
      ['45', '46', '47', '48', '49', '50', '51', '52', '53', '54'],
    );

    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, before - 60_000);
    assert.equal(byTime.find((o) => o.partition === 0)?.offset, '0');
    const future = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() + 3_600_000);
    assert.equal(future.find((o) => o.partition === 0)?.offset, '100', 'no record after the time → the log end');

    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '40' }] });
    const trimmed = await admin.fetchTopicOffsets(topic);
    assert.equal(trimmed.find((o) => o.partition === 0)?.low, '40');
    const afterDelete = await readPartition(broker.bootstrap, topic, 0, 40n, 1);
    assert.equal(afterDelete[0]?.offset, '40');
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
});

test('producer auto-creates a topic on first send', async () => {
  const topic = uniqueTopic('auto');
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    const [result] = await producer.send({ topic, messages: [{ value: 'hello' }] });
    assert.equal(result?.errorCode, 0);
    assert.equal(result?.baseOffset, '0');
    const messages = await readPartition(broker.bootstrap, topic, 0, 0n, 1);
    assert.equal(messages[0]?.value?.toString(), 'hello');
  } finally {
    await producer.disconnect();
  }
});
