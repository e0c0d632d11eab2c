/**
 * Committed offsets and group metadata survive a clean restart and a kill -9 of the broker
 * (the group metadata log is replayed at start), with kafkajs consumers resuming from them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, tempDataDir } from '../helpers/broker-process.ts';
import { FAST_GROUP_CONFIG, uniqueName, waitFor } from './group-helpers.ts';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;

const client = (bootstrap: string): Kafka =>
  new Kafka({
    clientId: 'kayak-durability',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  });

async function produce(kafka: Kafka, topic: string, count: number, from: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 2, value: `v${from + i}` })) });
  await producer.disconnect();
}

async function committed(kafka: Kafka, groupId: string, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (offsets[0]?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => p.offset);
  } finally {
    await admin.disconnect();
  }
}

test('commits survive a clean restart and a new consumer resumes after them', async () => {
  const dataDir = tempDataDir();
  const topic = uniqueName('restart');
  const groupId = uniqueName('restart-group');
  let broker = await startBroker({ dataDir, config: FAST_GROUP_CONFIG });
  try {
    let kafka = client(broker.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
    await produce(kafka, topic, 10, 0);
    const seen: string[] = [];
    const first = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    await first.run({ eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? '') });
    await waitFor('10 records', () => seen.length === 10);
    await first.disconnect();
    assert.deepEqual(await committed(kafka, groupId, topic), ['5', '5']);

    await broker.stop();
    broker = await startBroker({ dataDir, config: FAST_GROUP_CONFIG });
    kafka = client(broker.bootstrap);
    assert.deepEqual(await committed(kafka, groupId, topic), ['5', '5'], 'offsets after restart');
    await produce(kafka, topic, 4, 10);
    const second = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await second.connect();
    await second.subscribe({ topic, fromBeginning: true });
    const resumed: string[] = [];
    await second.run({ eachMessage: async ({ message }) => void resumed.push(message.value?.toString() ?? '') });
    await waitFor('the 4 new records', () => resumed.length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    await second.disconnect();
    assert.deepEqual(resumed.sort(), ['v10', 'v11', 'v12', 'v13']);
    assert.deepEqual(await committed(kafka, groupId, topic), ['7', '7']);
  } finally {
    await broker.stop();
    removeDir(dataDir);
  }
});

test('a kill -9 keeps acknowledged commits and the running consumer carries on after them', async () => {
  const dataDir = tempDataDir();
  const topic = uniqueName('crash');
  const groupId = uniqueName('crash-group');
  let broker = await startBroker({ dataDir, config: FAST_GROUP_CONFIG });
  const kafka = client(broker.bootstrap);
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 6000,
    heartbeatInterval: 200,
    maxWaitTimeInMs: 200,
    retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 500 },
  });
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
    await produce(kafka, topic, 10, 0);
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? '') });
    await waitFor('10 records', () => seen.length === 10);
    await waitFor('commits of all 10', async () => (await committed(kafka, groupId, topic)).join() === '5,5');

    const port = broker.port;
    await broker.kill9();
    broker = await startBroker({ dataDir, port, config: FAST_GROUP_CONFIG });
    assert.match(broker.output(), /group coordinator loaded 1 group/);
    assert.deepEqual(await committed(kafka, groupId, topic), ['5', '5'], 'offsets after kill -9');

    await produce(kafka, topic, 6, 10);
    await waitFor('the 6 new records', () => seen.length >= 16, 40_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual([...seen].sort(), Array.from({ length: 16 }, (_, i) => `v${i}`).sort(), 'nothing lost, nothing read twice');
  } finally {
    await consumer.disconnect();
    await broker.stop();
    removeDir(dataDir);
  }
});
