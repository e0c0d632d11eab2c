/**
 * @platformatic/kafka 1.x (pure TypeScript, flexible protocol versions only), unmodified:
 * admin topic creation, metadata and produce.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';

let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('@platformatic/kafka admin creates a topic, reads metadata and produces', async () => {
  const admin = new Admin({ clientId: 'kayak-pk-admin', bootstrapBrokers: [broker.bootstrap] });
  const producer = new Producer({
    clientId: 'kayak-pk-producer',
    bootstrapBrokers: [broker.bootstrap],
    serializers: stringSerializers,
    idempotent: false,
    acks: 1,
  });
  try {
    const created = await admin.createTopics({ topics: ['pk-topic'], partitions: 3, replicas: 1 });
    assert.equal(created[0]?.name, 'pk-topic');
    assert.equal(created[0]?.partitions, 3);

    const metadata = await admin.metadata({ topics: ['pk-topic'] });
    const topic = metadata.topics.get('pk-topic');
    assert.equal(topic?.partitionsCount, 3);
    assert.equal(metadata.brokers.get(1)?.port, broker.port);

    const result = await producer.send({
      messages: Array.from({ length: 10 }, (_, i) => ({ topic: 'pk-topic', partition: 1, key: `k${i}`, value: `v${i}`, headers: { n: String(i) } })),
    });
    assert.ok(result.offsets?.some((o) => o.partition === 1 && o.offset === 0n));

    const read = await readPartition(broker.bootstrap, 'pk-topic', 1, 0n, 10);
    assert.deepEqual(
      read.map((m) => `${m.offset}:${m.key}:${m.value}:${m.headers.n}`),
      Array.from({ length: 10 }, (_, i) => `${i}:k${i}:v${i}:${i}`),
    );
  } finally {
    await producer.close();
    await admin.close();
  }
});
