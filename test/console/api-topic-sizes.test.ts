/**
 * The topic list's sizes, readers and lag (issue 15 item 12) and the brokers API (item 14), on
 * both targets: a few hundred topics, one with known record sizes, two groups with known lag.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName } from './stack.ts';
import { startTargetStack, type TargetStack } from './target.ts';

let stack: TargetStack;
let kafka: Kafka;
const prefix = randomName('sizes');
const many = Array.from({ length: 300 }, (_, i) => `${prefix}-bulk-${String(i).padStart(3, '0')}`);
const sized = `${prefix}-sized`;
const VALUE_BYTES = 1000;
const groupA = randomName('sizes-ga');
const groupB = randomName('sizes-gb');

function assertError(res: { status: number; body: any }, status: number, code: string, pattern?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  if (pattern) assert.match(res.body.error.message, pattern);
}

before(async () => {
  // A broker config set at start, to find as a non-default ("static broker") config below.
  stack = await startTargetStack({ brokerConfig: { 'log.cleaner.backoff.ms': '16000' } });
  kafka = new Kafka({ clientId: 'sizes-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [...many, sized].map((topic) => ({ topic, numPartitions: topic === sized ? 2 : 1, replicationFactor: 1 })),
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    await producer.connect();
    // 20 records on partition 0 and 10 on partition 1, values of 1000 random-ish bytes (no compression).
    const value = (i: number) => Buffer.alloc(VALUE_BYTES, i % 251);
    // Kafka may take a moment to make the new partitions' leaders known after 300 creations.
    const send = async (partition: number, count: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await producer.send({ topic: sized, messages: Array.from({ length: count }, (_, i) => ({ partition, value: value(i) })) });
        } catch (e) {
          if (attempt >= 10) throw e;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    await send(0, 20);
    await send(1, 10);
    await producer.disconnect();
    // Group A is 15 behind on partition 0 and 10 on partition 1 (25); group B is 2 behind on partition 0 only.
    await admin.setOffsets({
      groupId: groupA,
      topic: sized,
      partitions: [
        { partition: 0, offset: '5' },
        { partition: 1, offset: '0' },
      ],
    });
    await admin.setOffsets({ groupId: groupB, topic: sized, partitions: [{ partition: 0, offset: '18' }] });
  } finally {
    await admin.disconnect();
  }
});
after(async () => {
  await stack?.stop();
});

describe('Console API > topic list sizes and readers', () => {
  test('GET /api/topics lists every topic with bytes, messages, groups and lag', async () => {
    const res = await stack.api('/api/topics');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const byName = new Map<string, any>(res.body.map((t: any) => [t.name, t]));
    for (const name of many) {
      const t = byName.get(name);
      assert.ok(t, `${name} listed`);
      // An empty topic has 0 bytes: a known size, not an unknown one.
      assert.deepEqual({ size: t.sizeBytes, messages: t.messages, groups: t.groups, lag: t.totalLag }, { size: '0', messages: '0', groups: 0, lag: '0' });
    }
    const t = byName.get(sized);
    assert.equal(t.messages, '30');
    assert.equal(typeof t.sizeBytes, 'string');
    const size = BigInt(t.sizeBytes);
    // 30 values of 1000 bytes plus record and batch headers; no compression, so not less, and not much more.
    assert.ok(size >= BigInt(30 * VALUE_BYTES) && size < BigInt(40 * VALUE_BYTES), `size ${size}`);
    assert.equal(t.groups, 2);
    assert.equal(t.totalLag, String(15 + 10 + 2));
  });

  test("GET /api/topics/{name} has each partition's bytes, summing to the topic's", async () => {
    const res = await stack.api(`/api/topics/${sized}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const sizes = res.body.partitions.map((p: any) => BigInt(p.sizeBytes));
    assert.ok(sizes[0] >= BigInt(20 * VALUE_BYTES) && sizes[1] >= BigInt(10 * VALUE_BYTES), `partition sizes ${sizes}`);
    assert.ok(sizes[0] > sizes[1], 'twice the records, more bytes');
    assert.equal(res.body.sizeBytes, String(sizes[0] + sizes[1]));
    assert.equal(res.body.sizeUnknownReason, undefined);
    const list = await stack.api('/api/topics');
    assert.equal(list.body.find((x: any) => x.name === sized).sizeBytes, res.body.sizeBytes);
  });
});

describe('Console API > brokers', () => {
  test('GET /api/brokers lists the broker with partitions led, size on disk and the controller', async () => {
    const res = await stack.api('/api/brokers');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.brokers.length, 1);
    const b = res.body.brokers[0];
    assert.equal(`${b.host}:${b.port}`, stack.broker);
    assert.equal(b.controller, res.body.controllerId === b.id);
    assert.equal(b.rack, null);
    // Every partition of the cluster is led by its only broker (internal topics included).
    assert.ok(b.leaderPartitions >= many.length + 2, `leads ${b.leaderPartitions}`);
    assert.equal(b.replicas, b.leaderPartitions);
    const topic = (await stack.api('/api/topics')).body.find((x: any) => x.name === sized);
    assert.ok(BigInt(b.sizeBytes) >= BigInt(topic.sizeBytes), 'the broker holds at least that topic');
    assert.ok(b.logDirs.length >= 1 && b.logDirs.every((d: any) => typeof d.path === 'string' && d.error === null));
    if (b.diskTotalBytes !== null) assert.ok(BigInt(b.diskTotalBytes) >= BigInt(b.diskUsableBytes));
    assert.equal(res.body.sizeUnknownReason, undefined);
  });

  test('GET /api/brokers/{id} has its configs with their sources and no invented version', async () => {
    const list = await stack.api('/api/brokers');
    const id = list.body.brokers[0].id;
    const res = await stack.api(`/api/brokers/${id}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.broker.id, id);
    const backoff = res.body.configs.find((c: any) => c.name === 'log.cleaner.backoff.ms');
    assert.deepEqual([backoff.value, backoff.isDefault, backoff.source], ['16000', false, 'static broker']);
    const defaults = res.body.configs.filter((c: any) => c.isDefault);
    assert.ok(defaults.length > 0 && defaults.every((c: any) => c.source === 'default'), 'defaults are marked as such');
    // Kafka reports no release version; the guess is labelled as one.
    assert.equal(res.body.version.reported, null);
    assert.equal(res.body.version.guess, '4.0 or later');
    assert.match(res.body.version.basis, /^Guessed from ApiVersions/);
  });

  test('an unknown broker id is 404, a malformed one 400, an unreachable cluster 502', async () => {
    assertError(await stack.api('/api/brokers/4242'), 404, 'not_found', /Broker 4242 is not in cluster/);
    for (const bad of ['abc', '-1', '1.5', '99999999999', '%20']) assertError(await stack.api(`/api/brokers/${bad}`), 400, 'bad_request', /Broker id/);
    assertError(await stack.api('/api/brokers?cluster=offline'), 502, 'cluster_unreachable');
    assertError(await stack.api('/api/brokers/1?cluster=offline'), 502, 'cluster_unreachable');
  });
});
