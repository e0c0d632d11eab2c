/**
 * What the console answers when an edit cannot go ahead, and how pages answer for things that
 * do not exist: a refused config names the key with Kafka's message, a reset preview says why
 * Apply would be refused and which offsets were moved into the log, pages of a missing topic or
 * group are HTTP 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';

const { Kafka, logLevel } = kafkajs;

let stack: Stack;
let kafka: InstanceType<typeof Kafka>;
const topic = randomName('edits');

before(async () => {
  stack = await startStack();
  kafka = new Kafka({ clientId: 'edits-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 2, replicationFactor: 1 } })).status, 201);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `v${i}` })) });
  await producer.disconnect();
});

after(async () => {
  await stack?.stop();
});

describe('Console API > config edits', () => {
  test("a refused value is a 400 naming the key and carrying the cluster's own message", async () => {
    const res = await stack.api(`/api/topics/${topic}/configs`, { method: 'PATCH', body: { set: { 'retention.ms': 'abc' } } });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'bad_request');
    assert.match(res.body.error.message, /retention\.ms/);
    assert.match(res.body.error.message, /abc/, "the broker's message says what was wrong");
    assert.notEqual(res.body.error.message.trim(), 'INVALID_CONFIG');
    assert.deepEqual(res.body.error.details, ['retention.ms']);
  });

  test('a valid change sets only that key and keeps the other overrides; reset removes one', async () => {
    const set1 = await stack.api(`/api/topics/${topic}/configs`, { method: 'PATCH', body: { set: { 'retention.ms': '3600000' } } });
    assert.equal(set1.status, 200, JSON.stringify(set1.body));
    const set2 = await stack.api(`/api/topics/${topic}/configs`, { method: 'PATCH', body: { set: { 'cleanup.policy': 'compact' } } });
    const value = (body: any[], name: string) => body.find((c) => c.name === name);
    assert.equal(value(set2.body, 'retention.ms').value, '3600000');
    assert.equal(value(set2.body, 'retention.ms').isDefault, false);
    assert.equal(value(set2.body, 'cleanup.policy').value, 'compact');
    const reset = await stack.api(`/api/topics/${topic}/configs`, { method: 'PATCH', body: { reset: ['cleanup.policy'] } });
    assert.equal(value(reset.body, 'cleanup.policy').isDefault, true);
    assert.equal(value(reset.body, 'retention.ms').value, '3600000');
  });
});

describe('Console API > reset preview guards', () => {
  test('a live group: preview works and says why Apply is refused; apply answers 409 with the same reason', async () => {
    const groupId = randomName('live');
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>(
      (resolve) =>
        void consumer.run({
          eachMessage: async () => {
            if (++seen === 10) resolve();
          },
        }),
    );
    try {
      const preview = await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, { method: 'POST', body: { strategy: { type: 'earliest' }, topic } });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.members, 1);
      assert.match(preview.body.blockedReason, /1 member/);
      const apply = await stack.api(`/api/groups/${groupId}/reset-offsets`, { method: 'POST', body: { offsets: [{ topic, partition: 0, offset: '0' }] } });
      assert.equal(apply.status, 409);
      assert.equal(apply.body.error.message, preview.body.blockedReason);
    } finally {
      await consumer.disconnect();
    }
    const idle = await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, {
      method: 'POST',
      body: { strategy: { type: 'offset', offset: '99999999999' }, topic },
    });
    assert.equal(idle.body.blockedReason, null);
    assert.equal(idle.body.members, 0);
    // an offset past the end is moved to the end, and each row says so
    for (const r of idle.body.rows) {
      assert.equal(r.newOffset, r.logEndOffset);
      assert.match(r.adjusted, /99999999999 is past the end \(5\); set to the end/);
    }
    const earliest = await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, { method: 'POST', body: { strategy: { type: 'earliest' }, topic } });
    for (const r of earliest.body.rows) assert.equal(r.adjusted, undefined);
  });
});

describe('Pages > status codes', () => {
  test('a missing topic or group is a 404 page; existing ones are 200', async () => {
    const missingTopic = await fetch(`${stack.url}/topic/${randomName('nope')}`);
    // (what the 404 page shows is checked in the browser: e2e/second-round.spec.ts)
    assert.equal(missingTopic.status, 404);
    assert.equal((await fetch(`${stack.url}/topic/${randomName('nope')}/messages?partition=0`)).status, 404);
    assert.equal((await fetch(`${stack.url}/consumer/${randomName('nobody')}`)).status, 404);
    assert.equal((await fetch(`${stack.url}/topic/${topic}`)).status, 200);
    assert.equal((await fetch(`${stack.url}/topic/${topic}/messages`)).status, 200);
  });

  test('a page of an unreachable cluster still renders (its queries show the error)', async () => {
    const res = await fetch(`${stack.url}/topic/${topic}?cluster=offline`);
    assert.equal(res.status, 200);
  });
});
