/**
 * Diff of two records and the history of one key through the console API, against the bundled
 * broker or Apache Kafka (KAYAK_TEST_TARGET): JSON compared by path with 64-bit integers exact,
 * text by line, headers and timestamps, across topics; key history newest first with diffs,
 * the default partition by murmur2, paging with the cursor and the records budget.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { randomName, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

let stack: Stack;
let kafka: Kafka;

before(async () => {
  stack = await startTargetStack();
  kafka = new Kafka({ clientId: 'diff-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
});
after(async () => {
  await stack?.stop();
});

async function createTopic(name: string, partitions = 1): Promise<void> {
  const res = await stack.api('/api/topics', { method: 'POST', body: { name, partitions, replicationFactor: 1 } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

type Msg = { key?: string | null; value: string | null; partition?: number; headers?: Record<string, string>; timestamp?: string };
async function produce(topic: string, messages: Msg[]): Promise<{ partition: number; offset: string }[]> {
  // The Java-compatible partitioner: keyed records land where Kafka's own producer puts them.
  const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await p.connect();
  const out: { partition: number; offset: string }[] = [];
  // One send each, so every record's offset is known.
  for (const m of messages) {
    const [meta] = await p.send({ topic, messages: [m] });
    out.push({ partition: meta!.partition, offset: meta!.baseOffset! });
  }
  await p.disconnect();
  return out;
}

describe('Console API > diff of two records', () => {
  test('JSON by path: changed, added and removed fields, a 64-bit integer changed in its last digit', async () => {
    const topic = randomName('diff');
    await createTopic(topic);
    await produce(topic, [
      {
        key: 'order-1',
        value: '{"id": 9007199254740993, "status": "new", "gone": true, "items": [{"sku": "a", "qty": 1}], "price": 1.50}',
        headers: { source: 'web', trace: 't1' },
        timestamp: '1700000000000',
      },
      {
        key: 'order-1',
        value: '{"id": 9007199254740992, "status": "paid", "items": [{"sku": "a", "qty": 2}], "price": 1.5, "paidAt": "2024-01-01"}',
        headers: { source: 'web', trace: 't2', retry: '1' },
        timestamp: '1700000060000',
      },
    ]);
    const res = await stack.api(`/api/topics/${topic}/diff?a=0:0&b=0:1`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { a, b, diff } = res.body;
    assert.equal(a.topic, topic);
    assert.equal(b.message.offset, '1');
    assert.equal(a.message.value.format, 'json');
    assert.equal(diff.value.mode, 'structural');
    const byPath = Object.fromEntries(diff.value.changes.map((c: any) => [c.pathText, c]));
    assert.deepEqual(byPath.id, { kind: 'changed', path: ['id'], pathText: 'id', before: '9007199254740993', after: '9007199254740992' });
    assert.deepEqual(byPath.status, { kind: 'changed', path: ['status'], pathText: 'status', before: '"new"', after: '"paid"' });
    assert.equal(byPath.gone.kind, 'removed');
    assert.equal(byPath.gone.before, 'true');
    assert.equal(byPath.paidAt.kind, 'added');
    assert.equal(byPath['items[0].qty'].after, '2');
    // 1.50 and 1.5 are the same number.
    assert.equal(byPath.price, undefined);
    assert.equal(diff.value.changes.length, 5);
    assert.equal(diff.key.equal, true);
    assert.deepEqual(
      diff.headers.map((h: any) => [h.kind, h.key, h.before, h.after]),
      [
        ['changed', 'trace', ['t1'], ['t2']],
        ['added', 'retry', undefined, ['1']],
      ],
    );
    assert.equal(diff.timestampDeltaMs, '60000');
    assert.equal(diff.equal, false);
  });

  test('text by line, across topics, and identical records', async () => {
    const t1 = randomName('diff-text');
    const t2 = randomName('diff-other');
    await createTopic(t1);
    await createTopic(t2, 2);
    await produce(t1, [{ key: 'k', value: 'line one\nline two\nline three\n' }]);
    await produce(t2, [
      { key: 'k', value: 'line one\nline 2\nline three\n', partition: 1 },
      { key: 'k', value: 'line one\nline two\nline three\n', partition: 1 },
    ]);
    const res = await stack.api(`/api/topics/${t1}/diff?a=0:0&b=${t2}:1:0`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.b.topic, t2);
    assert.equal(res.body.diff.value.mode, 'text');
    assert.deepEqual(
      res.body.diff.value.lines.map((l: any) => [l.kind, l.text]),
      [
        ['same', 'line one\n'],
        ['removed', 'line two\n'],
        ['added', 'line 2\n'],
        ['same', 'line three\n'],
      ],
    );
    const same = await stack.api(`/api/topics/${t1}/diff?a=0:0&b=${t2}:1:1`);
    assert.equal(same.status, 200);
    assert.equal(same.body.diff.equal, true);
  });

  test('a null value against a value; binary as hex; records that do not exist are 404', async () => {
    const topic = randomName('diff-null');
    await createTopic(topic);
    const p = kafka.producer();
    await p.connect();
    await p.send({
      topic,
      messages: [
        { key: 'k', value: null },
        { key: 'k', value: Buffer.from([0xff, 0x00, 0x01]) },
        { key: 'k', value: Buffer.from([0xff, 0x00, 0x02]) },
      ],
    });
    await p.disconnect();
    const res = await stack.api(`/api/topics/${topic}/diff?a=0:0&b=0:1`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.diff.value, { mode: 'null', equal: false });
    const bin = await stack.api(`/api/topics/${topic}/diff?a=0:1&b=0:2`);
    assert.equal(bin.body.a.message.value.format, 'hex');
    assert.equal(bin.body.diff.value.mode, 'text');
    assert.ok(
      bin.body.diff.value.lines.some((l: any) => l.kind === 'added' && /ff 00 02/.test(l.text)),
      JSON.stringify(bin.body.diff.value),
    );
    const past = await stack.api(`/api/topics/${topic}/diff?a=0:0&b=0:3`);
    assert.equal(past.status, 404);
    assert.match(past.body.error.message, /past the end/);
  });
});

describe('Console API > key history', () => {
  test('three versions newest first, each diffed to the one before, in the partition murmur2 picks', async () => {
    const topic = randomName('history');
    await createTopic(topic, 3);
    const noise = Array.from({ length: 30 }, (_, i) => ({ key: `other-${i}`, value: `{"n": ${i}}` }));
    const written = await produce(topic, [
      { key: 'user-42', value: '{"name": "Ada", "plan": "free", "balance": 9223372036854775806}' },
      ...noise.slice(0, 10),
      { key: 'user-42', value: '{"name": "Ada", "plan": "pro", "balance": 9223372036854775806}' },
      ...noise.slice(10, 20),
      { key: 'user-42', value: '{"name": "Ada L.", "plan": "pro", "balance": 9223372036854775807}' },
      ...noise.slice(20),
    ]);
    const keyPartition = written[0]!.partition;
    const res = await stack.api(`/api/topics/${topic}/key-history?key=user-42`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const h = res.body;
    assert.equal(h.keyPartition, keyPartition);
    assert.deepEqual(h.partitions, [keyPartition]);
    assert.equal(h.versions.length, 3);
    assert.deepEqual(
      h.versions.map((v: any) => v.message.offset),
      [written[22]!.offset, written[11]!.offset, written[0]!.offset],
    );
    const changed = (v: any) => v.changes.value.changes.map((c: any) => `${c.pathText}:${c.before}->${c.after}`).sort();
    assert.deepEqual(changed(h.versions[0]), ['balance:9223372036854775806->9223372036854775807', 'name:"Ada"->"Ada L."']);
    assert.deepEqual(changed(h.versions[1]), ['plan:"free"->"pro"']);
    assert.equal(h.versions[2].changes, null);
    assert.equal(h.cursor, null);
    const total = written.filter((w) => w.partition === keyPartition).length;
    assert.equal(h.scanned, total);
    assert.equal(h.total, String(total));
    assert.match(h.message, /Reached the start/);

    // One version at a time: the cursor continues without skipping or repeating.
    const seen: string[] = [];
    let before = '';
    for (let i = 0; i < 5; i++) {
      const page = await stack.api(`/api/topics/${topic}/key-history?key=user-42&versions=1${before ? `&before=${before}` : ''}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      seen.push(...page.body.versions.map((v: any) => v.message.offset));
      // Each shown version still carries its diff to the older one found past the page.
      if (page.body.versions[0] && page.body.versions[0].message.offset !== written[0]!.offset) assert.ok(page.body.versions[0].changes);
      if (!page.body.cursor) break;
      before = page.body.cursor;
    }
    assert.deepEqual(
      seen,
      h.versions.map((v: any) => v.message.offset),
    );

    // All partitions finds the same records; another partition finds none of them.
    const all = await stack.api(`/api/topics/${topic}/key-history?key=user-42&partition=all`);
    assert.equal(all.body.versions.length, 3);
    assert.equal(all.body.total, String(written.length));
    const other = (keyPartition + 1) % 3;
    const none = await stack.api(`/api/topics/${topic}/key-history?key=user-42&partition=${other}`);
    assert.equal(none.body.versions.length, 0);
  });

  test('the records budget stops the scan and says how far it read; a hex key finds binary keys', async () => {
    const topic = randomName('history-budget');
    await createTopic(topic);
    const p = kafka.producer();
    await p.connect();
    await p.send({
      topic,
      messages: [
        { key: Buffer.from([0xca, 0xfe]), value: 'v1' },
        ...Array.from({ length: 40 }, (_, i) => ({ key: `x${i}`, value: 'x' })),
        { key: Buffer.from([0xca, 0xfe]), value: 'v2' },
      ],
    });
    await p.disconnect();
    const cut = await stack.api(`/api/topics/${topic}/key-history?key=cafe&keyEncoding=hex&partition=0&maxRecords=10`);
    assert.equal(cut.status, 200, JSON.stringify(cut.body));
    assert.equal(cut.body.scanned, 10);
    assert.equal(cut.body.total, '42');
    assert.equal(cut.body.versions.length, 1);
    assert.equal(cut.body.versions[0].message.offset, '41');
    assert.equal(cut.body.cursor, '0:32');
    assert.match(cut.body.message, /limit/);
    const rest = await stack.api(`/api/topics/${topic}/key-history?key=yv4%3D&keyEncoding=base64&partition=0&before=${cut.body.cursor}`);
    assert.deepEqual(
      rest.body.versions.map((v: any) => v.message.offset),
      ['0'],
    );
    assert.equal(rest.body.total, '32');
    assert.equal(rest.body.cursor, null);
  });
});
