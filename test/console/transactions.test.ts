/**
 * The console on a topic written by kafkajs transactional producers (commit, abort, and one
 * transaction left open): the message browser, search, tail and export never show a marker as
 * a record, read read_committed by default, flag aborted records under read_uncommitted; the
 * partition table shows the last stable offset; the producers route shows where the open
 * transaction starts, and a cluster without the transaction APIs answers 501 (the transactions
 * list on both targets is in admin-wire.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import { streamEvents, type SseEvent } from '../../lib/messages/sse-client.ts';
import { startOlderClusterProxy } from './older-cluster-proxy.ts';
import { randomName, startStack, type Stack } from './stack.ts';

const { Kafka, logLevel } = kafkajs;
type Producer = ReturnType<InstanceType<typeof Kafka>['producer']>;

let stack: Stack;
let proxy: Awaited<ReturnType<typeof startOlderClusterProxy>> | undefined;
let openProducer: Producer;
let openTxn: Awaited<ReturnType<Producer['transaction']>>;
const topic = randomName('txn');
const committedId = randomName('tid-done');
const openId = randomName('tid-open');

// Offsets: a0 a1 a2 | commit 3 | b0 b1 | abort 6 | c0 | commit 8 | open0 (9, still open). HW 10, LSO 9.
before(async () => {
  stack = await startStack({
    consoleEnv: async (ports) => {
      proxy = await startOlderClusterProxy({ host: '127.0.0.1', port: ports.PLAINTEXT! }, [61, 65, 66]);
      return {
        KAFKA_BROKERCONNECT: `127.0.0.1:${ports.PLAINTEXT}`,
        KAYAK_CLUSTER_NAME: 'local',
        KAYAK_CLUSTER_1_NAME: 'older',
        KAYAK_CLUSTER_1_BROKERS: `127.0.0.1:${proxy.port}`,
      };
    },
  });
  const kafka = new Kafka({ clientId: 'txn-console-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ transactionalId: committedId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const send = async (values: string[], end: 'commit' | 'abort') => {
    const txn = await producer.transaction();
    await txn.send({ topic, messages: values.map((value) => ({ key: value[0], value })) });
    await txn[end]();
  };
  await send(['a0', 'a1', 'a2'], 'commit');
  await send(['b0', 'b1'], 'abort');
  await send(['c0'], 'commit');
  await producer.disconnect();
  openProducer = kafka.producer({ transactionalId: openId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60_000 });
  await openProducer.connect();
  openTxn = await openProducer.transaction();
  await openTxn.send({ topic, messages: [{ key: 'o', value: 'open0' }] });
});

after(async () => {
  await openTxn?.abort().catch(() => undefined);
  await openProducer?.disconnect().catch(() => undefined);
  await stack?.stop();
  await proxy?.close();
});

interface Msg {
  offset: string;
  value: { text: string } | null;
  transactional: boolean;
  aborted: boolean;
}
interface Page {
  messages: Msg[];
  markers: { offset: string; kind: string; producerId: string }[];
  isolation: string;
  notices: { kind: string; message: string }[];
}

async function page(query: string): Promise<Page> {
  const res = await stack.api(`/api/topics/${topic}/messages?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Page;
}

const MARKERS = [
  { offset: '3', kind: 'commit' },
  { offset: '6', kind: 'abort' },
  { offset: '8', kind: 'commit' },
];

async function collect(path: string, stopWhen: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 20_000);
  try {
    await streamEvents(`${stack.url}${path}`, ctl.signal, (e) => {
      events.push(e);
      if (stopWhen(events)) ctl.abort();
    });
  } catch (e) {
    if (!ctl.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
  }
  return events;
}

describe('Message browser on a transactional topic', () => {
  test('read_committed by default: committed records only, markers listed apart, the open transaction explained', async () => {
    const p = await page('partition=0&offset=0&count=100');
    assert.equal(p.isolation, 'read_committed');
    assert.deepEqual(
      p.messages.map((m) => [m.offset, m.value?.text]),
      [
        ['0', 'a0'],
        ['1', 'a1'],
        ['2', 'a2'],
        ['7', 'c0'],
      ],
    );
    assert.ok(p.messages.every((m) => m.transactional && !m.aborted));
    assert.deepEqual(
      p.markers.map((m) => ({ offset: m.offset, kind: m.kind })),
      MARKERS,
    );
    assert.ok(
      p.notices.some((n) => n.kind === 'gap' && /4 and 5/.test(n.message)),
      JSON.stringify(p.notices),
    );
    assert.ok(
      p.notices.some((n) => n.kind === 'info' && /last stable offset \(9\)/.test(n.message)),
      JSON.stringify(p.notices),
    );
  });

  test('read_uncommitted shows aborted records flagged, and the open transaction', async () => {
    const p = await page('partition=0&offset=0&count=100&isolation=read_uncommitted');
    assert.equal(p.isolation, 'read_uncommitted');
    assert.deepEqual(
      p.messages.map((m) => [m.offset, m.value?.text, m.aborted]),
      [
        ['0', 'a0', false],
        ['1', 'a1', false],
        ['2', 'a2', false],
        ['4', 'b0', true],
        ['5', 'b1', true],
        ['7', 'c0', false],
        ['9', 'open0', false],
      ],
    );
    assert.deepEqual(
      p.markers.map((m) => ({ offset: m.offset, kind: m.kind })),
      MARKERS,
    );
  });

  test('a page starting on a marker, and the whole-topic view, never turn markers into records', async () => {
    const one = await page('partition=0&offset=3&count=1');
    assert.deepEqual(
      one.messages.map((m) => m.offset),
      ['7'],
    );
    assert.deepEqual(
      one.markers.map((m) => m.offset),
      ['3', '6'],
    );
    const all = await page('partition=all&offset=oldest&count=100');
    assert.deepEqual(
      all.messages.map((m) => m.value?.text),
      ['a0', 'a1', 'a2', 'c0'],
    );
    assert.deepEqual(
      all.markers.map((m) => m.offset),
      ['3', '6', '8'],
    );
  });

  test('export follows the isolation level and has no markers', async () => {
    const res = await fetch(`${stack.url}/api/topics/${topic}/messages?partition=0&offset=0&export=jsonl`);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.offset),
      ['0', '1', '2', '7'],
    );
    const raw = await fetch(`${stack.url}/api/topics/${topic}/messages?partition=0&offset=0&export=jsonl&isolation=read_uncommitted`);
    assert.equal((await raw.text()).trim().split('\n').length, 7);
  });

  test('search skips aborted records unless read_uncommitted, and tail sends markers apart', async () => {
    const records = (events: SseEvent[]) => events.filter((e) => e.event === 'record').map((e) => (e.data as Msg).value?.text);
    const done = (events: SseEvent[]) => events.some((e) => e.event === 'done');
    assert.deepEqual(records(await collect(`/api/topics/${topic}/search?partition=0&offset=0&key=b`, done)), []);
    assert.deepEqual(records(await collect(`/api/topics/${topic}/search?partition=0&offset=0&key=b&isolation=read_uncommitted`, done)), ['b0', 'b1']);
    const tail = await collect(`/api/topics/${topic}/tail?partition=0&cursor=0:0`, (ev) => ev.filter((e) => e.event === 'marker').length >= 3);
    assert.deepEqual(records(tail), ['a0', 'a1', 'a2', 'c0']);
    assert.deepEqual(
      tail.filter((e) => e.event === 'marker').map((e) => (e.data as { offset: string }).offset),
      ['3', '6', '8'],
    );
  });

  test('bad isolation is a 400 with the allowed values', async () => {
    const res = await stack.api(`/api/topics/${topic}/messages?partition=0&isolation=serializable`);
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /read_committed, read_uncommitted/);
  });
});

describe('Transactions', () => {
  test('the partition table shows the last stable offset below the high watermark', async () => {
    const res = await stack.api(`/api/topics/${topic}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.partitions[0].lastOffset, '10');
    assert.equal(res.body.partitions[0].lastStableOffset, '9');
  });

  // GET /api/transactions on both targets: test/console/admin-wire.test.ts.
  test('GET /api/topics/{name}/producers shows each producer and the open transaction start', async () => {
    const res = await stack.api(`/api/topics/${topic}/producers`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const producers = res.body[0].producers as any[];
    assert.equal(producers.length, 2);
    assert.deepEqual(producers.map((p) => p.currentTxnStartOffset).sort(), ['9', null].sort());
    const missing = await stack.api('/api/topics/no-such-topic-here/producers');
    assert.equal(missing.status, 404);
  });

  test('a cluster without the transaction APIs answers 501 with a message, not an empty list', async () => {
    const res = await stack.api('/api/transactions?cluster=older');
    assert.equal(res.status, 501, JSON.stringify(res.body));
    assert.match(res.body.error.message, /ListTransactions/);
    const producers = await stack.api(`/api/topics/${topic}/producers?cluster=older`);
    assert.equal(producers.status, 501);
    assert.match(producers.body.error.message, /DescribeProducers/);
    const offline = await stack.api('/api/transactions?cluster=offline');
    assert.equal(offline.status, 404);
  });
});
