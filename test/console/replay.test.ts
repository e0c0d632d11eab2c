/**
 * Replay and dead-letter redrive through the console API, against the bundled broker or Apache
 * Kafka (KAYAK_TEST_TARGET): dry run, jobs that produce, rate limit, cancel and resume with
 * nothing written twice (also after a batch that was sent but not saved), Spring Kafka's DLT
 * headers, read-only mode and the audit log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

const jobsDir = mkdtempSync(join(tmpdir(), 'kayak-jobs-'));
const auditLog = join(jobsDir, 'audit.log');
let stack: Stack;

before(async () => {
  stack = await startTargetStack({ env: { KAYAK_JOBS_DIR: jobsDir, KAYAK_AUDIT_LOG: auditLog } });
});
after(async () => {
  await stack?.stop();
  rmSync(jobsDir, { recursive: true, force: true });
});

async function createTopic(name: string, partitions = 1): Promise<void> {
  const res = await stack.api('/api/topics', { method: 'POST', body: { name, partitions, replicationFactor: 1 } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function produce(
  topic: string,
  messages: { key?: string | null; value: string | Buffer; partition?: number; headers?: Record<string, Buffer | string> }[],
): Promise<void> {
  const kafka = new Kafka({ clientId: 'replay-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const p = kafka.producer();
  await p.connect();
  await p.send({ topic, messages });
  await p.disconnect();
}

/** Every record of a partition, through the console's own browse route. */
async function records(topic: string, partition = 0): Promise<any[]> {
  const res = await stack.api(`/api/topics/${topic}/messages?partition=${partition}&offset=0&count=1000&format=utf8&keyFormat=utf8`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.messages;
}

async function waitFor(id: string, states: string[]): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const res = await stack.api(`/api/replay/${id}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    if (states.includes(res.body.state)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} never reached ${states.join('/')}`);
}

const header = (m: any, key: string) => m.headers.find((h: any) => h.key === key)?.value?.text;

describe('Console API > replay: validation', () => {
  test('bad specs are 400 with a message, unknown jobs 404', async () => {
    const bad = async (body: unknown, pattern: RegExp) => {
      const res = await stack.api('/api/replay/preview', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(res.body.error.message, pattern);
    };
    await bad({ topic: 't' }, /selection/i);
    await bad({ topic: 't', selection: { kind: 'range', partition: 0, from: '-1' } }, /whole numbers/);
    await bad({ topic: 't', selection: { kind: 'range', partition: 0, from: '5', to: '2' } }, /not be below/);
    await bad({ topic: 't', selection: { kind: 'records', records: [] } }, /at least one/);
    await bad({ topic: 't', selection: { kind: 'range', partition: 0, from: '0' }, partitioning: 'random' }, /Partitioning must be one of/);
    await bad({ mode: 'redrive', topic: 't', targetTopic: 'u', selection: { kind: 'range', partition: 0, from: '0' } }, /origin header/);
    await bad({ topic: 't', selection: { kind: 'range', partition: 0, from: '0' }, ratePerSec: 0 }, /at least 1/);
    const missing = await stack.api('/api/replay/preview', {
      method: 'POST',
      body: { topic: randomName('nope'), selection: { kind: 'range', partition: 0, from: '0' } },
    });
    assert.equal(missing.status, 404, JSON.stringify(missing.body));
    assert.equal((await stack.api('/api/replay/00000000-0000-0000-0000-000000000000')).status, 404);
    assert.equal((await stack.api('/api/replay/..%2F..%2Fetc')).status, 400);
  });
});

describe('Console API > replay: copy records to another topic', () => {
  const src = randomName('replay-src');
  const dst = randomName('replay-dst');

  test('the dry run counts and shows the first records; the job writes them once, keys and partitions kept', async () => {
    await createTopic(src, 2);
    await createTopic(dst, 2);
    await produce(
      src,
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 2, headers: { trace: `t${i}` } })),
    );
    const spec = { topic: src, targetTopic: dst, selection: { kind: 'range', partition: 1, from: '2', to: '9' }, partitioning: 'same' };
    const pre = await stack.api('/api/replay/preview', { method: 'POST', body: spec });
    assert.equal(pre.status, 200, JSON.stringify(pre.body));
    assert.equal(pre.body.count, 8);
    assert.equal(pre.body.exact, true);
    assert.deepEqual(pre.body.targets, { [dst]: 8 });
    assert.equal(pre.body.records[0].key, 'k5');
    assert.equal(pre.body.records[0].partition, 1);
    assert.deepEqual(await records(dst, 1), [], 'the dry run produced nothing');

    const res = await stack.api('/api/replay', { method: 'POST', body: spec });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const job = await waitFor(res.body.id, ['done', 'failed']);
    assert.equal(job.state, 'done', job.error);
    assert.equal(job.produced, 8);
    const out = await records(dst, 1);
    assert.deepEqual(
      out.map((m) => m.key.text),
      ['k5', 'k7', 'k9', 'k11', 'k13', 'k15', 'k17', 'k19'],
    );
    assert.equal(header(out[0], 'trace'), 't5');
    assert.equal(header(out[0], 'kayak-replay-source'), `${job.id}/1/2`);
    assert.deepEqual(await records(dst, 0), []);
  });

  test('selected records with an edited value, by key, land where the key hashes', async () => {
    const spec = {
      topic: src,
      targetTopic: dst,
      selection: {
        kind: 'records',
        records: [
          { partition: 0, offset: '0' },
          { partition: 0, offset: '0' },
          { partition: 1, offset: '0' },
        ],
      },
      partitioning: 'key',
      edit: { value: '{"fixed":true}', valueFormat: 'json', headers: [{ key: 'reason', value: 'retry' }] },
    };
    const res = await stack.api('/api/replay', { method: 'POST', body: spec });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const job = await waitFor(res.body.id, ['done', 'failed']);
    assert.equal(job.produced, 2, 'a record selected twice is sent once');
    const mine = [...(await records(dst, 0)), ...(await records(dst, 1))].filter((m) => header(m, 'kayak-replay-source')?.startsWith(job.id));
    assert.equal(mine.length, 2);
    for (const m of mine) {
      assert.equal(m.value.text, '{"fixed":true}');
      assert.equal(header(m, 'reason'), 'retry');
      assert.equal(header(m, 'trace'), undefined, 'headers were replaced');
    }
    // The same key always goes to the same partition (Kafka's murmur2), whichever record it came from.
    const again = await stack.api('/api/replay/preview', { method: 'POST', body: spec });
    for (const r of again.body.records) assert.equal(mine.find((m) => m.key.text === r.key)?.partition, r.partition);
    const bad = await stack.api('/api/replay', { method: 'POST', body: { ...spec, edit: { value: '{nope', valueFormat: 'json' } } });
    assert.equal(bad.status, 201, 'values are checked when the job runs');
    const failed = await waitFor(bad.body.id, ['done', 'failed']);
    assert.equal(failed.state, 'failed');
    assert.match(failed.error, /not valid JSON/);
  });

  test('a rate-limited job can be cancelled and resumed, and every record is written exactly once', async () => {
    const big = randomName('replay-big');
    const out = randomName('replay-out');
    await createTopic(big);
    await createTopic(out);
    await produce(
      big,
      Array.from({ length: 120 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    );
    const res = await stack.api('/api/replay', {
      method: 'POST',
      body: { topic: big, targetTopic: out, selection: { kind: 'range', partition: 0, from: '0' }, ratePerSec: 40 },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const id = res.body.id;
    assert.equal(res.body.offsets, '120');
    await new Promise((r) => setTimeout(r, 800));
    const cancel = await stack.api(`/api/replay/${id}/cancel`, { method: 'POST', body: {} });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    const stopped = await waitFor(id, ['cancelled', 'done']);
    assert.equal(stopped.state, 'cancelled');
    assert.ok(stopped.produced > 0 && stopped.produced < 120, `produced ${stopped.produced}`);
    assert.equal((await stack.api(`/api/replay/${id}/cancel`, { method: 'POST', body: {} })).status, 409);
    assert.equal((await records(out)).length, stopped.produced);

    // As if the console died after the next batch reached the cluster but before its cursor was saved.
    const file = join(jobsDir, `${id}.json`);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const end = String((await records(out)).length);
    await produce(
      out,
      [20, 21, 22].map((i) => ({
        key: `k${stopped.produced + i - 20}`,
        value: `v${stopped.produced + i - 20}`,
        headers: { 'kayak-replay-source': `${id}/0/${stopped.produced + i - 20}` },
      })),
    );
    writeFileSync(file, JSON.stringify({ ...saved, state: 'running', pending: { ends: { [out]: { '0': end } } } }));
    assert.equal((await stack.api(`/api/replay/${id}`)).body.state, 'interrupted');

    const resumed = await stack.api(`/api/replay/${id}/resume`, { method: 'POST', body: {} });
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    const done = await waitFor(id, ['done', 'failed']);
    assert.equal(done.state, 'done', done.error);
    assert.equal(done.recovered, 3);
    assert.equal(done.produced + done.recovered, 120);
    const written = await records(out);
    assert.equal(written.length, 120);
    assert.deepEqual(
      written.map((m) => m.value.text),
      Array.from({ length: 120 }, (_, i) => `v${i}`),
    );
    assert.equal((await stack.api(`/api/replay/${id}/resume`, { method: 'POST', body: {} })).status, 409);
    const list = await stack.api('/api/replay');
    assert.ok(list.body.some((j: any) => j.id === id && j.state === 'done'));
  });
});

describe('Console API > replay: header edits and the decoded preview', () => {
  test("set, add and remove change every record's headers; the preview decodes JSON and shows binary as hex", async () => {
    const src = randomName('replay-hdr');
    const dst = randomName('replay-hdr-out');
    await createTopic(src);
    await createTopic(dst);
    await produce(src, [
      { key: 'a', value: '{"id": 9007199254740993}', headers: { trace: 't0', drop: 'x', kind: 'one' } },
      { key: 'b', value: Buffer.from([0x00, 0xff, 0x10]), headers: { trace: 't1' } },
    ]);
    const edit = {
      headerEdits: [
        { op: 'set', key: 'trace', value: 'replayed' },
        { op: 'add', key: 'kind', value: 'two' },
        { op: 'remove', key: 'drop' },
        { op: 'set', key: 'new', value: 'n' },
      ],
    };
    const spec = { topic: src, targetTopic: dst, selection: { kind: 'range', partition: 0, from: '0' }, edit };
    const pre = await stack.api('/api/replay/preview', { method: 'POST', body: spec });
    assert.equal(pre.status, 200, JSON.stringify(pre.body));
    const [first, second] = pre.body.records;
    assert.equal(first.decoded.value.format, 'json');
    assert.match(first.decoded.value.text, /9007199254740993/, 'the 64-bit id is exact');
    assert.equal(second.decoded.value.format, 'hex');
    assert.match(second.decoded.value.text, /00 ff 10/);
    assert.deepEqual(
      first.decoded.headers.map((h: any) => [h.key, h.value.text]).filter(([k]: string[]) => k !== 'kayak-replay-source'),
      [
        ['trace', 'replayed'],
        ['kind', 'one'],
        ['kind', 'two'],
        ['new', 'n'],
      ],
    );
    // Decoded as the message view's parameters say.
    const asHex = await stack.api('/api/replay/preview?format=hex', { method: 'POST', body: spec });
    assert.equal(asHex.body.records[0].decoded.value.format, 'hex');

    const res = await stack.api('/api/replay', { method: 'POST', body: spec });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const job = await waitFor(res.body.id, ['done', 'failed']);
    assert.equal(job.state, 'done', job.error);
    const out = await records(dst);
    assert.deepEqual(
      out[0].headers.map((h: any) => h.key),
      ['trace', 'kind', 'kind', 'new', 'kayak-replay-source'],
    );
    assert.equal(header(out[1], 'trace'), 'replayed');
    assert.equal(header(out[1], 'new'), 'n');

    const bad = await stack.api('/api/replay/preview', { method: 'POST', body: { ...spec, edit: { headerEdits: [{ op: 'set', key: 'x' }] } } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /needs a value/);
    const badOp = await stack.api('/api/replay/preview', { method: 'POST', body: { ...spec, edit: { headerEdits: [{ op: 'rename', key: 'x' }] } } });
    assert.equal(badOp.status, 400);
    assert.match(badOp.body.error.message, /op must be one of/);
  });
});

describe('Console API > dead-letter redrive', () => {
  test("Spring Kafka's headers show the origin and error; redrive sends records back to their partition", async () => {
    const orders = randomName('orders');
    const dlt = `${orders}-dlt`;
    await createTopic(orders, 3);
    await createTopic(dlt);
    const int32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    const int64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    const spring = (p: number, o: bigint) => ({
      'kafka_dlt-original-topic': orders,
      'kafka_dlt-original-partition': int32(p),
      'kafka_dlt-original-offset': int64(o),
      'kafka_dlt-exception-message': 'Listener failed; nested exception is java.lang.IllegalStateException: bad order',
      'kafka_dlt-exception-fqcn': 'org.springframework.kafka.listener.ListenerExecutionFailedException',
    });
    await produce(dlt, [
      { key: 'o1', value: '{"id":1}', headers: spring(2, 41n) },
      { key: 'o2', value: '{"id":2}' },
      { key: 'o3', value: '{"id":3}', headers: spring(1, 7n) },
    ]);
    const shown = await records(dlt);
    assert.deepEqual(shown[0].dlt, {
      topic: orders,
      partition: 2,
      offset: '41',
      exceptionMessage: 'Listener failed; nested exception is java.lang.IllegalStateException: bad order',
      exceptionClass: 'org.springframework.kafka.listener.ListenerExecutionFailedException',
    });
    assert.equal(shown[1].dlt, undefined);

    const spec = { mode: 'redrive', topic: dlt, selection: { kind: 'range', partition: 0, from: '0' }, partitioning: 'same' };
    const pre = await stack.api('/api/replay/preview', { method: 'POST', body: spec });
    assert.equal(pre.status, 200, JSON.stringify(pre.body));
    assert.equal(pre.body.count, 2);
    assert.equal(pre.body.skipped, 1);
    assert.equal(pre.body.records[0].origin.offset, '41');
    const res = await stack.api('/api/replay', { method: 'POST', body: spec });
    const job = await waitFor(res.body.id, ['done', 'failed']);
    assert.equal(job.state, 'done', job.error);
    assert.equal(job.produced, 2);
    assert.equal(job.skipped, 1);
    const [p1] = await records(orders, 1);
    const [p2] = await records(orders, 2);
    assert.equal(p1.value.text, '{"id":3}');
    assert.equal(p2.key.text, 'o1');
    assert.equal(header(p2, 'kafka_dlt-original-topic'), undefined, 'the dead-letter headers are removed');
    assert.deepEqual(await records(orders, 0), []);

    // Custom header names, given per job.
    await produce(dlt, [{ key: 'o4', value: '{"id":4}', headers: { 'x-origin-topic': orders, 'x-origin-partition': '0' } }]);
    const custom = await stack.api('/api/replay', {
      method: 'POST',
      body: {
        ...spec,
        selection: { kind: 'records', records: [{ partition: 0, offset: '3' }] },
        dltHeaders: { topic: 'x-origin-topic', partition: 'x-origin-partition' },
      },
    });
    assert.equal((await waitFor(custom.body.id, ['done', 'failed'])).produced, 1);
    assert.equal((await records(orders, 0))[0].key.text, 'o4');
  });

  test('every job start is in the audit log, with edits by size only', async () => {
    const lines = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const starts = lines.filter((l) => l.action === 'replay.start');
    assert.ok(starts.length >= 4, `${starts.length} replay.start lines`);
    const edited = starts.find((l) => l.params.edit?.value?.bytes);
    assert.ok(edited, 'an edited job is audited');
    assert.doesNotMatch(JSON.stringify(edited), /fixed/, 'edited values are not written to the audit log');
    const headerEdited = starts.find((l) => l.params.edit?.headerEdits);
    assert.ok(headerEdited, 'header edits are audited');
    assert.deepEqual(headerEdited.params.edit.headerEdits[0], { op: 'set', key: 'trace', valueBytes: 8 });
    assert.doesNotMatch(JSON.stringify(headerEdited), /replayed/, 'header values are not written to the audit log');
    assert.ok(lines.some((l) => l.action === 'replay.cancel' && l.result === 'ok'));
    assert.ok(lines.some((l) => l.action === 'replay.resume' && l.result === 'ok'));
    assert.ok(readdirSync(jobsDir).some((f) => f.endsWith('.json')));
  });
});

describe('Console API > replay in read-only mode', () => {
  test('the dry run is answered, starting a job is refused', async () => {
    const ro = await startStack({ bootstrap: stack.broker, env: { KAYAK_READ_ONLY: 'true', KAYAK_JOBS_DIR: jobsDir } });
    try {
      const topic = randomName('replay-ro');
      const c = await ro.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 1, replicationFactor: 1 } });
      assert.equal(c.status, 403);
      await createTopic(topic);
      await produce(topic, [{ value: 'a' }]);
      const spec = { topic, selection: { kind: 'range', partition: 0, from: '0' } };
      const pre = await ro.api('/api/replay/preview', { method: 'POST', body: spec });
      assert.equal(pre.status, 200, JSON.stringify(pre.body));
      assert.equal(pre.body.count, 1);
      const start = await ro.api('/api/replay', { method: 'POST', body: spec });
      assert.equal(start.status, 403);
      assert.match(start.body.error.message, /read-only/);
      const me = await ro.api('/api/me');
      assert.equal(me.body.can['replay.start'], false);
    } finally {
      await ro.stop();
    }
  });
});
