import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

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
  assert.equal(typeof res.body.error.message, 'string');
  if (pattern) assert.match(res.body.error.message, pattern);
}

describe('Console API > cluster', () => {
  test('GET /api/clusters lists the configured clusters', async () => {
    const res = await stack.api('/api/clusters');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((c: any) => c.id),
      ['local', 'offline'],
    );
    assert.deepEqual(res.body[0].brokers, [stack.broker]);
  });

  test('GET /api/cluster describes the broker', async () => {
    const res = await stack.api('/api/cluster');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.brokers.length, 1);
    assert.equal(`${res.body.brokers[0].host}:${res.body.brokers[0].port}`, stack.broker);
    assert.equal(typeof res.body.clusterId, 'string');
    assert.equal(typeof res.body.topicCount, 'number');
    assert.ok(res.body.groupCount === null || typeof res.body.groupCount === 'number');
  });

  test('an unreachable cluster answers 502 with what was tried', async () => {
    for (const path of ['/api/cluster', '/api/topics', '/api/topics/some-topic', '/api/groups']) {
      const res = await stack.api(`${path}?cluster=offline`);
      assertError(res, 502, 'cluster_unreachable', new RegExp(stack.offlineBroker.replace(/\./g, '\\.')));
    }
  });

  test('an unknown cluster id is 404, a malformed one 400', async () => {
    assertError(await stack.api('/api/topics?cluster=nope'), 404, 'not_found', /Unknown cluster/);
    assertError(await stack.api('/api/topics?cluster=bad%20id'), 400, 'bad_request');
  });
});

describe('Console API > topics', () => {
  const name = randomName('console-topic');

  test('POST /api/topics validates input before touching the cluster', async () => {
    assertError(
      await stack.api('/api/topics', { method: 'POST', body: { name: 'bad name!', partitions: 1, replicationFactor: 1 } }),
      400,
      'bad_request',
      /Topic name/,
    );
    assertError(
      await stack.api('/api/topics', { method: 'POST', body: { name: 'x'.repeat(250), partitions: 1, replicationFactor: 1 } }),
      400,
      'bad_request',
      /249/,
    );
    assertError(await stack.api('/api/topics', { method: 'POST', body: { name: '..', partitions: 1, replicationFactor: 1 } }), 400, 'bad_request');
    assertError(
      await stack.api('/api/topics', { method: 'POST', body: { name: 'ok-name', partitions: 0, replicationFactor: 1 } }),
      400,
      'bad_request',
      /partition/i,
    );
    assertError(await stack.api('/api/topics', { method: 'POST', body: { name: 'ok-name', partitions: 1.5, replicationFactor: 1 } }), 400, 'bad_request');
    assertError(await stack.api('/api/topics', { method: 'POST', body: '{not json' }), 400, 'bad_request', /JSON/);
    const list = await stack.api('/api/topics');
    assert.ok(!list.body.some((t: any) => t.name === 'ok-name' || t.name === '..'), 'nothing half-created');
  });

  test('POST /api/topics creates a topic; a second create is 409', async () => {
    const res = await stack.api('/api/topics', {
      method: 'POST',
      body: { name, partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '86400000' } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.name, name);
    assert.equal(res.body.partitions, 3);
    assertError(await stack.api('/api/topics', { method: 'POST', body: { name, partitions: 3, replicationFactor: 1 } }), 409, 'conflict', /already exists/);
  });

  test('replication factor above the broker count is a 400 from the cluster', async () => {
    const res = await stack.api('/api/topics', { method: 'POST', body: { name: randomName('rf'), partitions: 1, replicationFactor: 3 } });
    assert.equal(res.status, 400, JSON.stringify(res.body));
  });

  test('GET /api/topics lists it with partitions, RF and message totals as strings', async () => {
    const res = await stack.api('/api/topics');
    assert.equal(res.status, 200);
    const t = res.body.find((x: any) => x.name === name);
    assert.ok(t, 'topic listed');
    assert.deepEqual(
      { partitions: t.partitions, rf: t.replicationFactor, urp: t.underReplicatedPartitions, messages: t.messages, internal: t.internal },
      { partitions: 3, rf: 1, urp: 0, messages: '0', internal: false },
    );
  });

  test('GET /api/topics?stats=false lists the same topics from Metadata alone, without counts; another value is a 400', async () => {
    const [full, listing] = await Promise.all([stack.api('/api/topics'), stack.api('/api/topics?stats=false')]);
    assert.equal(listing.status, 200, JSON.stringify(listing.body));
    const fields = (t: any) => ({ name: t.name, internal: t.internal, partitions: t.partitions, rf: t.replicationFactor, urp: t.underReplicatedPartitions });
    assert.deepEqual(listing.body.map(fields), full.body.map(fields), 'same topics in the same order, same partitions and replicas');
    const t = listing.body.find((x: any) => x.name === name);
    assert.deepEqual(Object.keys(t).sort(), ['internal', 'name', 'partitions', 'replicationFactor', 'underReplicatedPartitions']);
    assertError(await stack.api('/api/topics?stats=no'), 400, 'bad_request', /stats must be true or false/);
  });

  test('GET /api/topics/{name} shows offsets after producing keyed records', async () => {
    const kafka = new Kafka({ clientId: 'console-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: name, messages: Array.from({ length: 30 }, (_, i) => ({ key: `key-${i % 5}`, value: `value-${i}` })) });
    await producer.disconnect();
    const res = await stack.api(`/api/topics/${name}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.partitions.length, 3);
    assert.equal(res.body.messages, '30');
    for (const p of res.body.partitions) {
      assert.equal(typeof p.firstOffset, 'string');
      assert.equal(typeof p.lastOffset, 'string');
      assert.equal(p.leader, 1);
      assert.deepEqual(p.replicas, [1]);
      assert.deepEqual(p.isr, [1]);
      assert.equal(BigInt(p.lastOffset) - BigInt(p.firstOffset), BigInt(p.messages));
    }
  });

  test('a topic deleted by another client leaves the console able to show the others', async () => {
    const [gone, kept] = [randomName('deleted-elsewhere'), randomName('kept')];
    const kafka = new Kafka({ clientId: 'other-tool', brokers: [stack.broker], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: gone }, { topic: kept }], waitForLeaders: true });
      // The console looks at a topic, then someone else deletes it.
      assert.equal((await stack.api(`/api/topics/${gone}`)).status, 200);
      await admin.deleteTopics({ topics: [gone] });
      const other = await stack.api(`/api/topics/${kept}`);
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.equal(other.body.name, kept);
      assertError(await stack.api(`/api/topics/${gone}`), 404, 'not_found');
      assert.equal((await stack.api(`/api/topics/${kept}/partitions`, { method: 'POST', body: { count: 2 } })).status, 200);
    } finally {
      await admin.disconnect();
    }
  });

  test('GET /api/topics/{name}: unknown → 404, invalid name → 400', async () => {
    assertError(await stack.api(`/api/topics/${randomName('missing')}`), 404, 'not_found', /does not exist/);
    assertError(await stack.api('/api/topics/bad%20name'), 400, 'bad_request', /Topic name/);
  });

  test('configs: list, override (highlighted as non-default), validate, reset', async () => {
    const res = await stack.api(`/api/topics/${name}/configs`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const retention = res.body.find((c: any) => c.name === 'retention.ms');
    assert.deepEqual([retention.value, retention.isDefault], ['86400000', false]);

    const set = await stack.api(`/api/topics/${name}/configs`, { method: 'PATCH', body: { set: { 'cleanup.policy': 'compact' } } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const policy = set.body.find((c: any) => c.name === 'cleanup.policy');
    assert.deepEqual([policy.value, policy.isDefault], ['compact', false]);
    assert.equal(set.body.find((c: any) => c.name === 'retention.ms').value, '86400000', 'other overrides are kept');

    assertError(
      await stack.api(`/api/topics/${name}/configs`, { method: 'PATCH', body: { set: { 'no.such.config': '1' } } }),
      400,
      'bad_request',
      /Unknown topic config/,
    );
    assertError(await stack.api(`/api/topics/${name}/configs`, { method: 'PATCH', body: { set: { 'Bad Name': '1' } } }), 400, 'bad_request');
    assertError(await stack.api(`/api/topics/${randomName('missing')}/configs`), 404, 'not_found');

    const reset = await stack.api(`/api/topics/${name}/configs`, { method: 'PATCH', body: { reset: ['cleanup.policy'] } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.find((c: any) => c.name === 'cleanup.policy').isDefault, true);
  });

  test('partitions: can only grow', async () => {
    assertError(await stack.api(`/api/topics/${name}/partitions`, { method: 'POST', body: { count: 2 } }), 400, 'bad_request', /greater/);
    assertError(await stack.api(`/api/topics/${name}/partitions`, { method: 'POST', body: { count: 'many' } }), 400, 'bad_request');
    const res = await stack.api(`/api/topics/${name}/partitions`, { method: 'POST', body: { count: 5 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.partitions.length, 5);
    assertError(await stack.api(`/api/topics/${randomName('missing')}/partitions`, { method: 'POST', body: { count: 5 } }), 404, 'not_found');
  });

  test('DELETE /api/topics/{name} removes it; a second delete is 404', async () => {
    const res = await stack.api(`/api/topics/${name}`, { method: 'DELETE' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const list = await stack.api('/api/topics');
    assert.ok(!list.body.some((t: any) => t.name === name));
    assertError(await stack.api(`/api/topics/${name}`, { method: 'DELETE' }), 404, 'not_found');
  });
});
