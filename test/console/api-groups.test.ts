import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomName, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

// Both targets (the bundled broker and Apache Kafka) support consumer groups, so every test here
// runs unconditionally: a regression in /api/groups fails the suite instead of skipping it.
let stack: Stack;

before(async () => {
  stack = await startTargetStack();
});
after(async () => {
  await stack?.stop();
});

function assertError(res: { status: number; body: any }, status: number, code: string, pattern?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  if (pattern) assert.match(res.body.error.message, pattern);
}

describe('Console API > consumer groups: input validation', () => {
  test('reset preview rejects bad strategies and scopes', async () => {
    const url = '/api/groups/g1/reset-offsets/preview';
    assertError(await stack.api(url, { method: 'POST', body: { strategy: { type: 'sideways' } } }), 400, 'bad_request');
    assertError(await stack.api(url, { method: 'POST', body: { strategy: { type: 'offset', offset: '-5' } } }), 400, 'bad_request', /≥ 0/);
    assertError(await stack.api(url, { method: 'POST', body: { strategy: { type: 'shift', by: 'ten' } } }), 400, 'bad_request', /whole number/);
    assertError(await stack.api(url, { method: 'POST', body: { strategy: { type: 'earliest' }, partition: 0 } }), 400, 'bad_request', /needs a topic/);
    assertError(await stack.api(url, { method: 'POST', body: { strategy: { type: 'earliest' }, topic: 'bad topic' } }), 400, 'bad_request');
  });

  test('reset apply rejects empty or negative offsets', async () => {
    const url = '/api/groups/g1/reset-offsets';
    assertError(await stack.api(url, { method: 'POST', body: { offsets: [] } }), 400, 'bad_request', /Nothing to apply/);
    assertError(await stack.api(url, { method: 'POST', body: { offsets: [{ topic: 't', partition: 0, offset: '-1' }] } }), 400, 'bad_request');
  });

  test('deleting offsets needs a valid topic; group ids are bounded', async () => {
    assertError(await stack.api('/api/groups/g1/offsets', { method: 'DELETE' }), 400, 'bad_request', /Topic name/);
    assertError(await stack.api(`/api/groups/${'g'.repeat(300)}`), 400, 'bad_request', /255/);
  });

  test('the group list answers 200 with a list', async () => {
    const res = await stack.api('/api/groups');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(Array.isArray(res.body), JSON.stringify(res.body).slice(0, 200));
  });
});

describe('Console API > consumer groups: lag, reset with preview, delete', () => {
  const topic = randomName('console-groups');
  const groupId = randomName('console-group');
  let consumer: Consumer | undefined;

  after(async () => {
    await consumer?.disconnect().catch(() => undefined);
  });

  test('a consumer group shows up with its committed offsets and lag', async () => {
    assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 3, replicationFactor: 1 } })).status, 201);
    const kafka = new Kafka({ clientId: 'console-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}` })) });
    consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed only ${seen} of 60`)), 30_000);
      void consumer!
        .run({
          eachMessage: async () => {
            if (++seen === 60) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.commitOffsets([]).catch(() => undefined);
    await consumer.disconnect();
    consumer = undefined;
    await producer.send({ topic, messages: Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: `late${i}` })) });
    await producer.disconnect();

    const list = await stack.api('/api/groups');
    const g = list.body.find((x: any) => x.groupId === groupId);
    assert.ok(g, JSON.stringify(list.body));
    assert.equal(g.totalLag, '9');
    const detail = await stack.api(`/api/groups/${groupId}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.totalLag, '9');
    assert.equal(detail.body.offsets.length, 3);
    const byTopic = await stack.api(`/api/topics/${topic}/groups`);
    assert.deepEqual(byTopic.body, [{ groupId, lag: '9' }]);
    const history = await stack.api(`/api/groups/${groupId}/lag-history`);
    assert.ok(history.body.length >= 1 && history.body.at(-1).lag === '9');
  });

  test('reset: preview to earliest, apply exactly those offsets, then shift', async () => {
    const preview = await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, { method: 'POST', body: { strategy: { type: 'earliest' }, topic } });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.rows.length, 3);
    for (const r of preview.body.rows) assert.equal(r.newOffset, r.logStartOffset);
    const offsets = preview.body.rows.map((r: any) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset }));
    const applied = await stack.api(`/api/groups/${groupId}/reset-offsets`, { method: 'POST', body: { offsets } });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    const after = await stack.api(`/api/groups/${groupId}`);
    assert.equal(after.body.totalLag, '69');

    const shift = await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, {
      method: 'POST',
      body: { strategy: { type: 'shift', by: 2 }, topic, partition: 0 },
    });
    assert.equal(shift.status, 200);
    assert.equal(shift.body.rows.length, 1);
    assert.equal(BigInt(shift.body.rows[0].newOffset), BigInt(shift.body.rows[0].currentOffset) + 2n);
  });

  test('unknown group → 404; delete offsets for a topic, then the group', async () => {
    assertError(await stack.api(`/api/groups/${randomName('nobody')}`), 404, 'not_found');
    assertError(
      await stack.api(`/api/groups/${groupId}/reset-offsets/preview`, { method: 'POST', body: { strategy: { type: 'latest' }, topic: randomName('missing') } }),
      404,
      'not_found',
    );
    const del = await stack.api(`/api/groups/${groupId}/offsets?topic=${topic}`, { method: 'DELETE' });
    assert.equal(del.status, 200, JSON.stringify(del.body));
    const gone = await stack.api(`/api/groups/${groupId}`, { method: 'DELETE' });
    assert.ok([200, 404].includes(gone.status), JSON.stringify(gone.body));
  });
});
