import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import { streamEvents, type SseEvent } from '../../lib/messages/sse-client.ts';
import { randomName, startStack, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';
import { assertError } from './messages-fixtures.ts';

const { Kafka, logLevel } = kafkajs;

let stack: Stack;
let kafka: InstanceType<typeof Kafka>;
let producer: ReturnType<InstanceType<typeof Kafka>['producer']>;
let admin: ReturnType<InstanceType<typeof Kafka>['admin']>;
const big = randomName('search');
const N = 20_000;

before(async () => {
  stack = await startTargetStack();
  kafka = new Kafka({ clientId: 'messages-stream-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic: big, numPartitions: 2 }], waitForLeaders: true });
  // Record i: partition i % 2, key "user-<i % 100>", JSON value; every 1000th has a header.
  for (let b = 0; b < N; b += 5000) {
    await producer.send({
      topic: big,
      messages: Array.from({ length: 5000 }, (_, j) => {
        const i = b + j;
        return {
          partition: i % 2,
          key: `user-${i % 100}`,
          value: JSON.stringify({ i, kind: i % 1000 === 0 ? 'rare' : 'common', amount: i % 7 }),
          headers: i % 1000 === 0 ? { trace: `t-${i}` } : {},
        };
      }),
    });
  }
});

after(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await stack?.stop();
});

async function collect(path: string, opts: { abortWhen?: (events: SseEvent[]) => boolean; timeoutMs?: number } = {}): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 30_000);
  try {
    await streamEvents(`${stack.url}${path}`, ctl.signal, (e) => {
      events.push(e);
      if (opts.abortWhen?.(events)) ctl.abort();
    });
  } catch (e) {
    if (!ctl.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
  }
  return events;
}

const records = (events: SseEvent[]) => events.filter((e) => e.event === 'record').map((e) => e.data as any);
const doneOf = (events: SseEvent[]) => events.find((e) => e.event === 'done')?.data as any;

describe('Message search', () => {
  test('value contains, across the whole topic, streams every match and ends', async () => {
    const events = await collect(`/api/topics/${big}/search?partition=all&offset=oldest&value=rare`);
    const found = records(events);
    assert.equal(found.length, N / 1000);
    assert.ok(found.every((m) => JSON.parse(m.value.text).kind === 'rare'));
    const done = doneOf(events);
    assert.equal(done.reason, 'end');
    assert.equal(done.scanned, N);
    assert.equal(done.matched, N / 1000);
  });

  test('key equals, header match and regex within one partition', async () => {
    const byKey = records(await collect(`/api/topics/${big}/search?partition=0&offset=0&key=user-42&keyMatch=equals`));
    assert.equal(byKey.length, N / 100);
    assert.ok(byKey.every((m) => m.partition === 0 && m.key.text === 'user-42'));
    const byHeader = records(await collect(`/api/topics/${big}/search?partition=all&headerName=trace&headerValue=t-5000&headerValueMatch=equals`));
    assert.deepEqual(
      byHeader.map((m) => m.offset),
      ['2500'],
    );
    const byRegex = records(await collect(`/api/topics/${big}/search?partition=1&key=${encodeURIComponent('^user-(1|3)$')}&keyMatch=regex`));
    assert.equal(byRegex.length, (N / 100) * 2);
  });

  test('an expression over the decoded value', async () => {
    const expr = 'value.kind == "rare" and value.i >= 10000';
    const found = records(await collect(`/api/topics/${big}/search?partition=all&expr=${encodeURIComponent(expr)}`));
    assert.deepEqual(
      found.map((m) => JSON.parse(m.value.text).i).sort((a, b) => a - b),
      [10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000],
    );
  });

  test('from a timestamp or offset, with a match limit', async () => {
    const events = await collect(`/api/topics/${big}/search?partition=0&offset=5000&value=common&limit=3`);
    assert.deepEqual(
      records(events).map((m) => m.offset),
      ['5001', '5002', '5003'],
    ); // offset 5000 is record 10000, a "rare" one
    assert.equal(doneOf(events).reason, 'limit');
    const future = Date.now() + 3_600_000;
    const none = await collect(`/api/topics/${big}/search?partition=all&timestamp=${future}&value=x`);
    assert.equal(doneOf(none).scanned, 0);
  });

  test('a record budget stops with the exact offset reached', async () => {
    const events = await collect(`/api/topics/${big}/search?partition=1&offset=0&value=nothing-matches-this&maxRecords=1234`);
    const done = doneOf(events);
    assert.equal(done.reason, 'budget-records');
    assert.equal(done.scanned, 1234);
    assert.match(done.message, /Stopped at offset 1234 of partition 1/);
    assert.equal(done.positions['1'], '1234');
    // Continuing from the cursor picks up exactly there.
    const more = await collect(`/api/topics/${big}/search?partition=1&cursor=1:1234&value=nothing-matches-this&maxRecords=10`);
    assert.equal(doneOf(more).positions['1'], '1244');
  });

  test('progress is reported and cancel stops the scan', async () => {
    const events = await collect(`/api/topics/${big}/search?partition=all&value=nothing-matches-this&expr=${encodeURIComponent('value.amount == 99')}`, {
      abortWhen: (ev) => ev.some((e) => e.event === 'progress'),
    });
    const progress = events.find((e) => e.event === 'progress')?.data as any;
    if (progress) {
      assert.ok(progress.scanned > 0);
      assert.equal(typeof progress.ratePerSec, 'number');
      assert.deepEqual(Object.keys(progress.positions).sort(), ['0', '1']);
    } else {
      assert.ok(doneOf(events), 'the scan finished before the first progress event');
    }
  });

  test('a time budget stops with a message', async () => {
    // 1 s on a topic the expression forces to decode fully; the broker has far more to scan.
    const topic = randomName('slow-search');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const value = JSON.stringify({ pad: 'y'.repeat(2000) });
    for (let b = 0; b < 40; b++) await producer.send({ topic, messages: Array.from({ length: 400 }, () => ({ value })) });
    const events = await collect(`/api/topics/${topic}/search?partition=0&expr=${encodeURIComponent('value.pad == "z"')}&maxSeconds=1`);
    const done = doneOf(events);
    assert.ok(done.reason === 'budget-time' || done.reason === 'end', done.reason);
    if (done.reason === 'budget-time') assert.match(done.message, /Stopped at offset \d+ of partition 0: the budget of 1 s/);
  });

  test('records skipped on their bytes never hide a match: case, non-ASCII text, decoded formats', async () => {
    const topic = randomName('mixed-search');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const values: (string | Buffer | null)[] = [
      'plain needle here',
      'NeEdLe upper',
      'no match',
      '\u212Aelvin', // the Kelvin sign lower-cases to an ASCII "k"
      Buffer.from([0x81, 0xa1, 0x6e, 0x01]), // MessagePack {"n":1}: "{" only in the decoded text
      null,
    ];
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `key-${i}`, value })) });
    const offsets = async (query: string) => records(await collect(`/api/topics/${topic}/search?partition=0&${query}`)).map((m) => m.offset);
    assert.deepEqual(await offsets('value=needle'), ['0', '1']);
    assert.deepEqual(await offsets('value=needle&caseSensitive=true'), ['0']);
    assert.deepEqual(await offsets('value=kelvin'), ['3']);
    assert.deepEqual(await offsets(`value=${encodeURIComponent('{')}`), ['4']);
    assert.deepEqual(await offsets(`value=${encodeURIComponent('no match')}&valueMatch=equals`), ['2']);
    assert.deepEqual(await offsets('key=KEY-5&keyMatch=equals'), ['5']);
    const done = doneOf(await collect(`/api/topics/${topic}/search?partition=0&value=zzz`));
    assert.deepEqual([done.reason, done.scanned, done.positions['0']], ['end', 6, '6']);
  });

  test('bad search requests are 400 before any streaming', async () => {
    assertError(await stack.api(`/api/topics/${big}/search?partition=0`), 400, /at least one criterion/);
    assertError(await stack.api(`/api/topics/${big}/search?value=a&valueMatch=like`), 400, /Match must be/);
    assertError(await stack.api(`/api/topics/${big}/search?key=${encodeURIComponent('(')}&keyMatch=regex`), 400, /regular expression/);
    assertError(await stack.api(`/api/topics/${big}/search?expr=${encodeURIComponent('a ==== b')}`), 400, /Invalid expression/);
    assertError(await stack.api(`/api/topics/${big}/search?value=a&maxRecords=0`), 400, /maxRecords/);
    assertError(await stack.api(`/api/topics/${big}/search?value=a&partition=7`), 404, /no partition 7/);
  });
});

describe('Live tail', () => {
  test('new records appear as they are produced, and the cursor resumes after a pause', async () => {
    const topic = randomName('tail');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await producer.send({ topic, messages: [{ partition: 0, value: 'old' }] });
    let cursor = '';
    const events = await collect(`/api/topics/${topic}/tail?partition=all`, {
      abortWhen: (ev) => {
        const last = ev.at(-1)!;
        if (last.event === 'ready') {
          cursor = (last.data as any).cursor;
          setTimeout(
            () =>
              void producer.send({
                topic,
                messages: [
                  { partition: 1, value: 'new-1' },
                  { partition: 0, value: 'new-0' },
                ],
              }),
            200,
          );
        }
        if (last.event === 'position') cursor = (last.data as any).cursor;
        return records(ev).length >= 2 && last.event === 'position';
      },
    });
    assert.deepEqual(
      records(events)
        .map((m) => m.value.text)
        .sort(),
      ['new-0', 'new-1'],
    );
    assert.deepEqual(cursor.split(',').sort(), ['0:2', '1:1']);
    // Paused (disconnected): a record written now is delivered when the tail resumes from the cursor.
    await producer.send({ topic, messages: [{ partition: 0, value: 'while-paused' }] });
    const resumed = await collect(`/api/topics/${topic}/tail?partition=all&cursor=${cursor}`, { abortWhen: (ev) => records(ev).length >= 1 });
    assert.deepEqual(
      records(resumed).map((m) => m.value.text),
      ['while-paused'],
    );
  });

  test('unknown partitions are 404 before streaming', async () => {
    assertError(await stack.api(`/api/topics/${big}/tail?partition=5`), 404, /no partition 5/);
    assertError(await stack.api(`/api/topics/nope-${Date.now()}/tail`), 404, /does not exist/);
  });
});

/** Kafka's Java client partitioner (org.apache.kafka.common.utils.Utils.murmur2), ported as is. */
function murmur2(data: Buffer): number {
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ data.length) | 0;
  const len4 = data.length >> 2;
  for (let i = 0; i < len4; i++) {
    let k = data.readInt32LE(i * 4);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = data.length & 3;
  const base = data.length & ~3;
  if (rest === 3) h ^= (data[base + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[base + 1]! & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[base]! & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

describe('Produce', () => {
  test("the Java murmur2 port matches Kafka's own test vectors", () => {
    // From Kafka's UtilsTest.testMurmur2.
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [s, want] of cases) assert.equal(murmur2(Buffer.from(s)), want, s);
  });

  test("keyed records land on the partition Kafka's Java client would pick", async () => {
    const topic = randomName('produce');
    await admin.createTopics({ topics: [{ topic, numPartitions: 7 }], waitForLeaders: true });
    for (let i = 0; i < 30; i++) {
      const key = `order-${i * 7919}`;
      const res = await stack.api(`/api/topics/${topic}/produce`, {
        method: 'POST',
        body: { key, value: JSON.stringify({ i }), valueFormat: 'json', headers: [{ key: 'source', value: 'test' }] },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.partition, (murmur2(Buffer.from(key)) & 0x7fffffff) % 7, key);
    }
    const pinned = await stack.api(`/api/topics/${topic}/produce`, {
      method: 'POST',
      body: { partition: 3, key: null, value: 'aGVsbG8=', valueFormat: 'base64' },
    });
    assert.equal(pinned.status, 201);
    const read = await stack.api(`/api/topics/${topic}/messages?partition=3&offset=${pinned.body.offset}&count=1`);
    assert.equal(read.body.messages[0].value.text, 'hello');
    assert.equal(read.body.messages[0].key, null);
  });

  test('invalid produce requests are 400 or 404', async () => {
    assertError(await stack.api(`/api/topics/${big}/produce`, { method: 'POST', body: { value: '{bad', valueFormat: 'json' } }), 400, /not valid JSON/);
    assertError(await stack.api(`/api/topics/${big}/produce`, { method: 'POST', body: { value: 'zz', valueFormat: 'hex' } }), 400, /hex/);
    assertError(await stack.api(`/api/topics/${big}/produce`, { method: 'POST', body: { value: 'x', partition: 9 } }), 400, /no partition 9/);
    assertError(await stack.api(`/api/topics/${big}/produce`, { method: 'POST', body: { value: 'x', partition: -1 } }), 400);
    assertError(await stack.api(`/api/topics/missing-${Date.now()}/produce`, { method: 'POST', body: { value: 'x' } }), 404);
  });
});

describe('No consumer group', () => {
  test('search, tail and produce leave no consumer group behind', async () => {
    const { groups } = await admin.listGroups();
    assert.deepEqual(groups, []);
  });
});

describe('Read-only mode', () => {
  let ro: Stack;
  before(async () => {
    // A second console on the same cluster, read-only.
    ro = await startStack({ env: { KAYAK_READ_ONLY: 'true' }, bootstrap: stack.broker });
  });
  after(async () => {
    await ro?.stop();
  });

  test('KAYAK_READ_ONLY=true refuses produce with 403 and says so in the config', async () => {
    const k = new Kafka({ clientId: 'ro-test', brokers: [ro.broker], logLevel: logLevel.NOTHING });
    const a = k.admin();
    await a.connect();
    await a.createTopics({ topics: [{ topic: 'ro-topic', numPartitions: 1 }], waitForLeaders: true });
    await a.disconnect();
    assertError(await ro.api('/api/topics/ro-topic/produce', { method: 'POST', body: { value: 'x' } }), 403, /read-only/);
    assert.equal((await ro.api('/api/console-config')).body.readOnly, true);
    assert.equal((await ro.api('/api/topics/ro-topic/messages?partition=0')).status, 200, 'reading still works');
  });

  test('every write route is refused with 403 in read-only mode, and nothing changes', async () => {
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/topics', { name: 'ro-new', partitions: 1 }],
      ['POST', '/api/topics/ro-topic/partitions', { count: 3 }],
      ['PATCH', '/api/topics/ro-topic/configs', { set: { 'retention.ms': '1000' } }],
      ['DELETE', '/api/topics/ro-topic'],
      ['DELETE', '/api/groups/ro-group'],
      ['DELETE', '/api/groups/ro-group/offsets?topic=ro-topic'],
      ['POST', '/api/groups/ro-group/reset-offsets', { offsets: [{ topic: 'ro-topic', partition: 0, offset: '0' }] }],
    ];
    for (const [method, path, body] of writes) {
      assertError(await ro.api(path, { method, body }), 403, /read-only/);
    }
    const topic = await ro.api('/api/topics/ro-topic');
    assert.equal(topic.status, 200, 'the topic is still there');
    assert.equal(topic.body.partitions.length, 1, 'and still has one partition');
    assert.equal((await ro.api('/api/topics/ro-new')).status, 404, 'no topic was created');
  });
});
