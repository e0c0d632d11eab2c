import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';

/**
 * Route parameters are decoded exactly once (by Next): a group named "%41" is addressed as
 * /api/groups/%2541 and must never be taken for group "A"; a name with a "%" that is not an
 * escape ("50%off") is a name like any other.
 */
let stack: Stack;
let kafka: Kafka;
const topic = randomName('params');

async function commitGroup(groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
  } finally {
    await admin.disconnect();
  }
}

async function groupIds(): Promise<string[]> {
  const res = await stack.api('/api/groups');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body as { groupId: string }[]).map((g) => g.groupId);
}

before(async () => {
  stack = await startStack();
  kafka = new Kafka({ clientId: 'params-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 1, replicationFactor: 1 } })).status, 201);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
  await producer.disconnect();
});
after(async () => {
  await stack?.stop();
});

describe('Console API > route parameters are decoded once', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const escaped = `%41${suffix}`; // "%41" followed by a unique tail
  const plain = `A${suffix}`; // what a second decode would turn it into
  const percent = `50%off-${suffix}`; // "%" not followed by two hex digits

  test('a group named like an escape is described and deleted as itself', async () => {
    await commitGroup(escaped);
    await commitGroup(plain);
    const described = await stack.api(`/api/groups/${encodeURIComponent(escaped)}`);
    assert.equal(described.status, 200, JSON.stringify(described.body));
    assert.equal(described.body.groupId, escaped);

    const del = await stack.api(`/api/groups/${encodeURIComponent(escaped)}`, { method: 'DELETE' });
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.equal(del.body.deleted, escaped);
    const ids = await groupIds();
    assert.ok(!ids.includes(escaped), `${escaped} should be gone`);
    assert.ok(ids.includes(plain), `${plain} must remain`);
  });

  test('reset and delete-offsets address the escaped name, not its decoded twin', async () => {
    const other = `%42${suffix}`;
    const twin = `B${suffix}`;
    await commitGroup(other);
    await commitGroup(twin);
    const reset = await stack.api(`/api/groups/${encodeURIComponent(other)}/reset-offsets`, {
      method: 'POST',
      body: { offsets: [{ topic, partition: 0, offset: '0' }] },
    });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal(reset.body.groupId, other);
    const twinOffsets = await stack.api(`/api/groups/${encodeURIComponent(twin)}`);
    assert.equal(twinOffsets.body.offsets[0].committedOffset, '1', 'the twin keeps its offset');
    const otherOffsets = await stack.api(`/api/groups/${encodeURIComponent(other)}`);
    assert.equal(otherOffsets.body.offsets[0].committedOffset, '0');

    const del = await stack.api(`/api/groups/${encodeURIComponent(other)}/offsets?topic=${topic}`, { method: 'DELETE' });
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.equal((await stack.api(`/api/groups/${encodeURIComponent(twin)}`)).body.offsets[0].committedOffset, '1');
  });

  test('a "%" that is not an escape is part of the name', async () => {
    await commitGroup(percent);
    const res = await stack.api(`/api/groups/${encodeURIComponent(percent)}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.groupId, percent);
    const lag = await stack.api(`/api/groups/${encodeURIComponent(percent)}/lag-history`);
    assert.equal(lag.status, 200, JSON.stringify(lag.body));
  });

  test('a raw, malformed escape in the path is a 400, not a 500', async () => {
    const res = await fetch(`${stack.url}/api/groups/50%zz`);
    assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
    const topicRes = await fetch(`${stack.url}/api/topics/bad%E0%A4%A`);
    assert.ok(topicRes.status === 400 || topicRes.status === 404, `status ${topicRes.status}`);
  });
});
