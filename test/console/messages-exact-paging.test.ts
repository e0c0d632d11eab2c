/**
 * The message browser's exactness and paging: 64-bit integers survive "Download page" and
 * MessagePack produce, and the whole-topic view pages back as well as forward.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decode as msgpackDecode } from '@msgpack/msgpack';
import kafkajs from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';

const { Kafka, logLevel } = kafkajs;

let stack: Stack;
let kafka: InstanceType<typeof Kafka>;
const exact = randomName('exact');
const merged = randomName('merged-back');
const BASE_TS = 1_700_000_000_000;
const BIG_JSON = '{"id":9007199254740993,"ts":1796015081945123456,"small":7,"f":1.5}';

before(async () => {
  stack = await startStack();
  kafka = new Kafka({ clientId: 'exact-paging-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({
    topics: [
      { topic: exact, numPartitions: 1 },
      { topic: merged, numPartitions: 3 },
    ],
    waitForLeaders: true,
  });
  await producer.send({ topic: exact, messages: [{ key: '1796015081945123456', value: BIG_JSON }] });
  // Record i goes to partition i % 3 with timestamp BASE + i, so the merged order is i.
  await producer.send({
    topic: merged,
    messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `m${i}`, timestamp: String(BASE_TS + i) })),
  });
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

after(async () => {
  await stack?.stop();
});

const values = (body: any): string[] => body.messages.map((m: any) => m.value.text);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

describe('Message browser > 64-bit numbers stay exact', () => {
  test('"Download page" as JSON lines keeps every digit of the value', async () => {
    const res = await fetch(`${stack.url}/api/topics/${exact}/messages?partition=0&offset=0&count=10&export=jsonl`);
    assert.equal(res.status, 200);
    const line = (await res.text()).trim();
    assert.match(line, /"value":\{"id":9007199254740993,"ts":1796015081945123456,"small":7,"f":1\.5\}/);
    const csv = await (await fetch(`${stack.url}/api/topics/${exact}/messages?partition=0&offset=0&count=10&export=csv`)).text();
    assert.match(csv, /9007199254740993/);
  });

  test('MessagePack produced from JSON stores a 64-bit integer as an integer', async () => {
    const res = await stack.api(`/api/topics/${exact}/produce`, { method: 'POST', body: { value: BIG_JSON, valueFormat: 'msgpack' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const consumer = kafka.consumer({ groupId: randomName('exact-read') });
    await consumer.connect();
    await consumer.subscribe({ topic: exact, fromBeginning: true });
    const raw = await new Promise<Buffer>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.offset === res.body.offset) resolve(message.value!);
        },
      });
    });
    await consumer.disconnect();
    const decoded = msgpackDecode(raw, { useBigInt64: true }) as Record<string, unknown>;
    assert.equal(decoded.id, 9007199254740993n);
    assert.equal(decoded.ts, 1796015081945123456n);
    assert.equal(decoded.small, 7);
    // and the viewer shows it exactly
    const page = await stack.api(`/api/topics/${exact}/messages?partition=0&offset=${res.body.offset}&count=1&format=msgpack`);
    assert.match(page.body.messages[0].value.text, /"id": 9007199254740993/);
  });
});

describe('Message browser > whole topic pages back', () => {
  const page = (q: string) => stack.api(`/api/topics/${merged}/messages?partition=all&${q}`);

  test('"Newest N" offers the page before it, and nothing after it', async () => {
    const newest = await page('offset=newest&count=10');
    assert.equal(newest.status, 200, JSON.stringify(newest.body));
    assert.deepEqual(values(newest.body), range(20, 30));
    assert.equal(newest.body.cursor, null, 'no "Next" that lands on "No more records"');
    assert.ok(newest.body.prevCursor);

    const older = await page(`before=${newest.body.prevCursor}&count=10`);
    assert.deepEqual(values(older.body), range(10, 20));
    const oldest = await page(`before=${older.body.prevCursor}&count=10`);
    assert.deepEqual(values(oldest.body), range(0, 10));
    assert.equal(oldest.body.prevCursor, null, 'the first page has no Prev');
    // Next from a page reached by going back returns to where we came from
    const again = await page(`cursor=${oldest.body.cursor}&count=10`);
    assert.deepEqual(values(again.body), range(10, 20));
  });

  test('forward pages have Prev too, and cursor and before are exclusive', async () => {
    const first = await page('offset=oldest&count=12');
    assert.deepEqual(values(first.body), range(0, 12));
    assert.equal(first.body.prevCursor, null);
    const second = await page(`cursor=${first.body.cursor}&count=12`);
    assert.deepEqual(values(second.body), range(12, 24));
    const back = await page(`before=${second.body.prevCursor}&count=12`);
    assert.deepEqual(values(back.body), range(0, 12));
    const both = await page(`cursor=${first.body.cursor}&before=${first.body.cursor}`);
    assert.equal(both.status, 400);
    const onePartition = await stack.api(`/api/topics/${merged}/messages?partition=0&before=0:5`);
    assert.equal(onePartition.status, 400);
  });
});
