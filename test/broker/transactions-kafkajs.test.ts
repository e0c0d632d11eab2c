/**
 * Transactions with kafkajs 2.2.4, unmodified: transactional send, sendOffsets, commit and
 * abort; a read_committed consumer group sees only committed records and no control record;
 * a second producer with the same transactional id fences the first.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await startBroker({ config: { 'group.initial.rebalance.delay.ms': '0' } });
  kafka = new Kafka({ clientId: 'kayak-txn', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'txn-in', numPartitions: 2 }, { topic: 'txn-out', numPartitions: 2 }, { topic: 'txn-fence' }] });
  await admin.disconnect();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** Consumes `topic` in a new group (read_committed unless asked) until `count` records or the deadline. */
async function consumeCommitted(topic: string, count: number, readUncommitted = false): Promise<{ values: string[]; controlSeen: boolean }> {
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}`, readUncommitted, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const values: string[] = [];
  let controlSeen = false;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        if ((m as { isControlRecord?: boolean }).isControlRecord) controlSeen = true;
        values.push(m.value?.toString() ?? '');
      }
      if (values.length >= count) done();
    },
  });
  await Promise.race([finished, new Promise((r) => setTimeout(r, 8000))]);
  await new Promise((r) => setTimeout(r, 500)); // anything beyond `count` would show up here
  await consumer.disconnect();
  return { values, controlSeen };
}

test('committed transactions are visible whole; aborted ones never are', async () => {
  const producer = kafka.producer({ transactionalId: 'kjs-txn', maxInFlightRequests: 1, idempotent: true });
  await producer.connect();
  try {
    const t1 = await producer.transaction();
    await t1.send({ topic: 'txn-out', messages: Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, value: `commit-1-${i}` })) });
    await t1.commit();
    const t2 = await producer.transaction();
    await t2.send({ topic: 'txn-out', messages: Array.from({ length: 5 }, (_, i) => ({ key: `a${i}`, value: `abort-${i}` })) });
    await t2.abort();
    const t3 = await producer.transaction();
    await t3.send({ topic: 'txn-out', messages: Array.from({ length: 10 }, (_, i) => ({ key: `d${i}`, value: `commit-2-${i}` })) });
    await t3.commit();
  } finally {
    await producer.disconnect();
  }
  const { values, controlSeen } = await consumeCommitted('txn-out', 20);
  assert.equal(controlSeen, false, 'eachBatch must not see control records');
  assert.equal(values.length, 20);
  assert.ok(
    values.every((v) => v.startsWith('commit-')),
    `unexpected: ${values.filter((v) => !v.startsWith('commit-'))}`,
  );
  // read_uncommitted sees the aborted records too (markers are not records).
  const uncommitted = await consumeCommitted('txn-out', 25, true);
  assert.equal(uncommitted.values.length, 25);
  assert.equal(uncommitted.values.filter((v) => v.startsWith('abort-')).length, 5);
});

test('sendOffsets commits the group offsets only with the transaction', async () => {
  const producer = kafka.producer({ transactionalId: 'kjs-offsets', maxInFlightRequests: 1, idempotent: true });
  const admin = kafka.admin();
  await producer.connect();
  await admin.connect();
  try {
    const t1 = await producer.transaction();
    await t1.send({ topic: 'txn-out', messages: [{ key: 'x', value: 'commit-offsets' }] });
    await t1.sendOffsets({ consumerGroupId: 'txn-group', topics: [{ topic: 'txn-in', partitions: [{ partition: 0, offset: '42' }] }] });
    await t1.abort();
    let offsets = await admin.fetchOffsets({ groupId: 'txn-group', topics: ['txn-in'] });
    assert.equal(offsets[0]!.partitions.find((p) => p.partition === 0)?.offset, '-1');
    const t2 = await producer.transaction();
    await t2.sendOffsets({ consumerGroupId: 'txn-group', topics: [{ topic: 'txn-in', partitions: [{ partition: 0, offset: '17' }] }] });
    await t2.commit();
    offsets = await admin.fetchOffsets({ groupId: 'txn-group', topics: ['txn-in'] });
    assert.equal(offsets[0]!.partitions.find((p) => p.partition === 0)?.offset, '17');
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
});

test('a second producer with the same transactional id fences the first', async () => {
  const first = kafka.producer({ transactionalId: 'kjs-fence', maxInFlightRequests: 1, idempotent: true, retry: { retries: 1 } });
  const second = kafka.producer({ transactionalId: 'kjs-fence', maxInFlightRequests: 1, idempotent: true });
  await first.connect();
  try {
    const t1 = await first.transaction();
    await t1.send({ topic: 'txn-fence', messages: [{ value: 'zombie-1' }] });
    await second.connect();
    const t2 = await second.transaction(); // InitProducerId: aborts the open transaction and bumps the epoch
    await assert.rejects(async () => {
      await t1.send({ topic: 'txn-fence', messages: [{ value: 'zombie-2' }] });
      await t1.commit();
    }, /epoch|fenced/i);
    await t2.send({ topic: 'txn-fence', messages: [{ value: 'survivor' }] });
    await t2.commit();
  } finally {
    await first.disconnect().catch(() => {});
    await second.disconnect();
  }
  const { values } = await consumeCommitted('txn-fence', 1);
  assert.deepEqual(values, ['survivor']);
});
