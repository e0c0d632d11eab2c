/**
 * The console's admin requests that kafkajs's admin cannot make (lib/server/kafka/wire.ts over
 * the pooled kafkajs connections), on both targets: transactions listed by every broker and
 * described at their coordinator, producers asked of partition leaders, topic configs changed with
 * IncrementalAlterConfigs (the cluster's own message kept when it refuses), and the brokers' log
 * dirs keyed by the node ids Metadata names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel, type Producer, type Transaction } from 'kafkajs';
import { randomName } from './stack.ts';
import { startTargetStack, type TargetStack } from './target.ts';

let stack: TargetStack;
let openProducer: Producer;
let openTxn: Transaction;
const topic = randomName('wire-admin');
const committedId = randomName('wire-done');
const openId = randomName('wire-open');

before(async () => {
  stack = await startTargetStack();
  const kafka = new Kafka({ clientId: 'wire-admin-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ transactionalId: committedId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const txn = await producer.transaction();
  await txn.send({
    topic,
    messages: [
      { partition: 0, value: 'a0' },
      { partition: 1, value: 'a1' },
    ],
  });
  await txn.commit();
  await producer.disconnect();
  openProducer = kafka.producer({ transactionalId: openId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60_000 });
  await openProducer.connect();
  openTxn = await openProducer.transaction();
  await openTxn.send({ topic, messages: [{ partition: 1, value: 'open' }] });
});

after(async () => {
  await openTxn?.abort().catch(() => undefined);
  await openProducer?.disconnect().catch(() => undefined);
  await stack?.stop();
});

async function brokerIds(): Promise<number[]> {
  const res = await stack.api('/api/brokers');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.brokers.map((b: { id: number }) => b.id);
}

describe('Console API > admin requests over the generated codecs', () => {
  test('GET /api/transactions describes each id at its coordinator, a broker Metadata names', async () => {
    const res = await stack.api('/api/transactions');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const byId = new Map((res.body.transactions as any[]).map((t) => [t.transactionalId, t]));
    const open = byId.get(openId);
    assert.ok(open, JSON.stringify(res.body));
    assert.equal(open.state, 'Ongoing');
    assert.deepEqual(open.partitions, [{ topic, partition: 1 }]);
    assert.equal(open.timeoutMs, 60_000);
    assert.match(open.producerId, /^\d+$/);
    assert.match(open.startTimeMs, /^\d+$/);
    assert.ok(open.ageMs >= 0 && open.ageMs < 60_000, String(open.ageMs));
    assert.equal(open.error, undefined);
    const done = byId.get(committedId);
    assert.ok(done, JSON.stringify(res.body));
    assert.equal(done.state, 'CompleteCommit');
    assert.deepEqual([done.startTimeMs, done.ageMs], [null, null]);
    const ids = await brokerIds();
    for (const t of [open, done]) assert.ok(ids.includes(t.coordinator), `coordinator ${JSON.stringify(t.coordinator)} is one of ${ids}`);
  });

  test('GET /api/topics/{name}/producers answers for every partition, the open transaction on its own', async () => {
    const res = await stack.api(`/api/topics/${topic}/producers`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.map((p: any) => p.partition),
      [0, 1],
    );
    const [p0, p1] = res.body as any[];
    assert.deepEqual(
      p0.producers.map((x: any) => x.currentTxnStartOffset),
      [null],
    );
    // Partition 1: the committed producer (offset 0, its marker at 1) and the open one from offset 2.
    assert.deepEqual(p1.producers.map((x: any) => x.currentTxnStartOffset).sort(), ['2', null].sort());
    for (const x of p1.producers) assert.match(x.lastTimestamp, /^\d+$/);
    const missing = await stack.api(`/api/topics/${randomName('no-such')}/producers`);
    assert.equal(missing.status, 404, JSON.stringify(missing.body));
    assert.match(missing.body.error.message, /does not exist/);
  });

  test('PATCH configs: several refused keys are named together with the cluster message', async () => {
    const res = await stack.api(`/api/topics/${topic}/configs`, {
      method: 'PATCH',
      body: { set: { 'retention.ms': 'later', 'cleanup.policy': 'compact' } },
    });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'bad_request');
    assert.match(res.body.error.message, /^Configs "retention\.ms", "cleanup\.policy" refused by the cluster: .*later/);
    assert.deepEqual(res.body.error.details, ['retention.ms', 'cleanup.policy']);
    // Nothing of a refused request is applied.
    const configs = await stack.api(`/api/topics/${topic}/configs`);
    assert.equal(configs.body.find((c: any) => c.name === 'cleanup.policy').isDefault, true);
  });

  test('PATCH configs: set and reset in one request', async () => {
    const set = await stack.api(`/api/topics/${topic}/configs`, {
      method: 'PATCH',
      body: { set: { 'retention.ms': '7200000', 'max.message.bytes': '200000' } },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const both = await stack.api(`/api/topics/${topic}/configs`, {
      method: 'PATCH',
      body: { set: { 'retention.ms': '3600000' }, reset: ['max.message.bytes'] },
    });
    assert.equal(both.status, 200, JSON.stringify(both.body));
    const entry = (name: string) => both.body.find((c: any) => c.name === name);
    assert.deepEqual([entry('retention.ms').value, entry('retention.ms').source], ['3600000', 'topic']);
    assert.equal(entry('max.message.bytes').isDefault, true);
  });

  test("GET /api/brokers: every broker's log dirs under its own id", async () => {
    const res = await stack.api('/api/brokers');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.sizeUnknownReason, undefined);
    for (const b of res.body.brokers) {
      assert.match(b.sizeBytes, /^\d+$/, JSON.stringify(b));
      assert.ok(b.logDirs.length >= 1, JSON.stringify(b));
    }
    const detail = await stack.api(`/api/topics/${topic}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.ok(
      detail.body.partitions.every((p: any) => BigInt(p.sizeBytes) > 0n),
      JSON.stringify(detail.body.partitions),
    );
  });
});
