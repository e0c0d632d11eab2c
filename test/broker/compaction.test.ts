/**
 * A compacted topic on the real broker, driven by kafkajs: after the cleaner runs, each key's
 * latest value is still readable, superseded records are gone, and a record without a key is
 * refused as Kafka refuses it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';

const { Kafka, logLevel } = kafkajs;
let broker: BrokerProcess;

before(async () => {
  broker = await startBroker({ config: { 'log.cleaner.backoff.ms': '200' } });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('the cleaner keeps the latest value of each key', async () => {
  const kafka = new Kafka({ clientId: 'compaction', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      {
        topic: 'compacted',
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.bytes', value: '2000' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        ],
      },
    ],
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (let round = 0; round < 40; round++) {
    await producer.send({ topic: 'compacted', messages: ['k0', 'k1', 'k2', 'k3', 'k4'].map((key) => ({ key, value: `${key}-round-${round}` })) });
  }
  await assert.rejects(producer.send({ topic: 'compacted', messages: [{ key: null, value: 'no key' }] }), (err: { type?: string }) => {
    assert.equal(err.type, 'INVALID_RECORD');
    return true;
  });
  await producer.disconnect();

  let records = await readPartition(broker.bootstrap, 'compacted', 0, 0n, 10_000);
  for (let i = 0; i < 50 && records.length >= 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    records = await readPartition(broker.bootstrap, 'compacted', 0, 0n, 10_000);
  }
  assert.ok(records.length < 200, `compaction removed superseded records (${records.length} of 200 left)`);
  const latest = new Map(records.map((m) => [m.key?.toString(), m.value?.toString()]));
  assert.deepEqual(Object.fromEntries(latest), { k0: 'k0-round-39', k1: 'k1-round-39', k2: 'k2-round-39', k3: 'k3-round-39', k4: 'k4-round-39' });
  const offsets = records.map((m) => BigInt(m.offset));
  assert.ok(
    offsets.every((o, i) => i === 0 || o > (offsets[i - 1] as bigint)),
    'offsets only increase',
  );
  assert.equal(offsets.at(-1), 199n, 'the newest record keeps its offset');
});
