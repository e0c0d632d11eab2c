/**
 * Restart and crash safety with the real broker process: a clean stop keeps every record and
 * topic config; a `kill -9` while a client produces with acks=-1 loses no acknowledged record,
 * and offsets continue afterwards without gaps or duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;
import { startBroker, removeDir, tempDataDir } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';

const client = (bootstrap: string): Kafka => new Kafka({ clientId: 'durability', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });

test('a clean restart keeps records, topics and configs', async () => {
  const dataDir = tempDataDir();
  const first = await startBroker({ dataDir });
  const kafka = client(first.bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '123456789' }] }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < 10; i++) {
    await producer.send({
      topic: 'kept',
      messages: Array.from({ length: 100 }, (_, j) => ({ partition: j % 2, key: `k${i * 100 + j}`, value: `v${i * 100 + j}` })),
    });
  }
  await producer.disconnect();
  assert.equal(await first.stop(), 0, 'SIGTERM exits 0');
  assert.match(first.output(), /stopped cleanly/);

  const second = await startBroker({ dataDir });
  try {
    const again = client(second.bootstrap);
    const admin2 = again.admin();
    await admin2.connect();
    const offsets = await admin2.fetchTopicOffsets('kept');
    assert.deepEqual(offsets.map((o) => [o.partition, o.low, o.high]).sort(), [
      [0, '0', '500'],
      [1, '0', '500'],
    ]);
    const configs = await admin2.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kept', configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    assert.equal(configs.resources[0]?.configEntries[0]?.configValue, '123456789');
    await admin2.disconnect();
    const p1 = await readPartition(second.bootstrap, 'kept', 1, 0n, 500);
    assert.equal(p1.length, 500);
    p1.forEach((m, n) => assert.equal(m.value?.toString(), `v${Math.floor(n / 50) * 100 + (n % 50) * 2 + 1}`));
  } finally {
    await second.stop();
    removeDir(dataDir);
  }
});

test('kill -9 during acks=-1 produce loses no acknowledged record', async () => {
  const dataDir = tempDataDir();
  const first = await startBroker({ dataDir });
  const kafka = client(first.bootstrap);
  const producer = kafka.producer({ retry: { retries: 0 } });
  await producer.connect();
  const acked = new Map<string, string>(); // offset → value
  let sent = 0;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const value = `record-${sent++}`;
      try {
        const [meta] = await producer.send({ topic: 'crash', acks: -1, messages: [{ key: value, value }] });
        if (meta) acked.set(meta.baseOffset ?? '', value);
      } catch {
        return; // the broker is gone
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 1500));
  await first.kill9();
  stop = true;
  await loop;
  await producer.disconnect().catch(() => undefined);
  assert.ok(acked.size > 50, `only ${acked.size} records were acknowledged before the crash`);

  const second = await startBroker({ dataDir });
  try {
    const records = await readPartition(second.bootstrap, 'crash', 0, 0n, 1_000_000);
    const stored = new Map(records.map((m) => [m.offset, m.value?.toString() ?? '']));
    for (const [offset, value] of acked) assert.equal(stored.get(offset), value, `acknowledged offset ${offset}`);
    assert.deepEqual(
      records.map((m) => m.offset),
      records.map((_, i) => String(i)),
      'offsets are contiguous from 0',
    );
    assert.equal(new Set(records.map((m) => m.value?.toString())).size, records.length, 'no duplicates');

    const producer2 = client(second.bootstrap).producer();
    await producer2.connect();
    const [meta] = await producer2.send({ topic: 'crash', acks: -1, messages: [{ value: 'after-restart' }] });
    await producer2.disconnect();
    assert.equal(meta?.baseOffset, String(records.length), 'offsets continue without a gap');
  } finally {
    await second.stop();
    removeDir(dataDir);
  }
});

test('many partitions restart within a small file-descriptor budget', async () => {
  const dataDir = tempDataDir();
  const env = { KAYAK_MAX_OPEN_FILES: '64' };
  const first = await startBroker({ dataDir, env });
  const kafka = client(first.bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: Array.from({ length: 100 }, (_, i) => ({ topic: `many-${i}`, numPartitions: 2 })) });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'many-0', messages: [{ partition: 0, value: 'first' }] });
  await producer.send({ topic: 'many-99', messages: [{ partition: 1, value: 'last' }] });
  await producer.disconnect();
  await first.stop();

  const second = await startBroker({ dataDir, env });
  try {
    const { readdirSync } = await import('node:fs');
    const fds = readdirSync(`/proc/${second.pid}/fd`).length;
    assert.ok(fds < 64 + 40, `${fds} descriptors open for 200 partitions`);
    assert.equal((await readPartition(second.bootstrap, 'many-99', 1, 0n, 1))[0]?.value?.toString(), 'last');
    assert.equal((await readPartition(second.bootstrap, 'many-0', 0, 0n, 1))[0]?.value?.toString(), 'first');
  } finally {
    await second.stop();
    removeDir(dataDir);
  }
});
