import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import kafkajs from 'kafkajs';
import SnappyCodec from 'kafkajs-snappy';
import { lz4Frame, lz4Unframe } from '../../lib/server/kafka/lz4-frame.ts';
import { randomName, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';
import { assertError, avroWire, kcat, offsets, protoOrder, startSchemaRegistry, writeDescriptorDir } from './messages-fixtures.ts';

const { Kafka, logLevel, CompressionTypes, CompressionCodecs } = kafkajs;

let stack: Stack;
let registry: Awaited<ReturnType<typeof startSchemaRegistry>>;
let kafka: InstanceType<typeof Kafka>;
let producer: ReturnType<InstanceType<typeof Kafka>['producer']>;
let admin: ReturnType<InstanceType<typeof Kafka>['admin']>;

const paged = randomName('paged');
const merged = randomName('merged');
const formats = randomName('formats');
const BASE_TS = 1_700_000_000_000;

before(async () => {
  registry = await startSchemaRegistry();
  stack = await startTargetStack({ env: { KAYAK_SCHEMA_REGISTRY_URL: registry.url, KAYAK_PROTOBUF_DESCRIPTOR_DIR: writeDescriptorDir() } });
  kafka = new Kafka({ clientId: 'messages-view-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  // Records carry 2023 timestamps: without retention.ms=-1, a retention check (Kafka's runs
  // every 5 minutes) deletes them mid-test.
  const keepForever = [{ name: 'retention.ms', value: '-1' }];
  await admin.createTopics({
    topics: [
      { topic: paged, numPartitions: 2, configEntries: keepForever },
      { topic: merged, numPartitions: 3, configEntries: keepForever },
      { topic: formats, numPartitions: 1 },
    ],
    waitForLeaders: true,
  });
  // 250 records in partition 0 of `paged`, one second apart; partition 1 stays empty.
  await producer.send({
    topic: paged,
    messages: Array.from({ length: 250 }, (_, i) => ({ partition: 0, key: `k-${i}`, value: JSON.stringify({ n: i }), timestamp: String(BASE_TS + i * 1000) })),
  });
  // `merged`: record i goes to partition i % 3 with timestamp BASE + i, so the merged order is i.
  await producer.send({
    topic: merged,
    messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `m${i}`, timestamp: String(BASE_TS + i) })),
  });
});

after(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await stack?.stop();
  await registry?.close();
});

const page = (topic: string, query: string) => stack.api(`/api/topics/${encodeURIComponent(topic)}/messages?${query}`);

describe('Message browser API > one partition', () => {
  test('reads exactly the requested range with Kafdrop-style paging', async () => {
    const res = await page(paged, 'partition=0&offset=0&count=100');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      offsets(res.body),
      Array.from({ length: 100 }, (_, i) => String(i)),
    );
    assert.deepEqual(res.body.paging, { first: '0', prev: null, next: '100', last: '150' });
    assert.deepEqual(res.body.partitions, [{ partition: 0, firstOffset: '0', lastOffset: '250' }]);
    const m = res.body.messages[7];
    assert.equal(m.key.text, 'k-7');
    assert.equal(m.value.format, 'json');
    assert.equal(m.timestamp, String(BASE_TS + 7000));
    assert.equal(m.timestampType, 'CreateTime');
    assert.equal(m.compression, 'none');
    assert.equal(m.transactional, false);
    assert.equal(m.size, 3 + Buffer.byteLength(JSON.stringify({ n: 7 })));

    const mid = await page(paged, 'partition=0&offset=120&count=50');
    assert.deepEqual(mid.body.paging, { first: '0', prev: '70', next: '170', last: '200' });
    const end = await page(paged, 'partition=0&offset=200&count=100');
    assert.equal(end.body.messages.length, 50);
    assert.equal(end.body.paging.next, null);
  });

  test('oldest, newest N and timestamps seek through the broker', async () => {
    assert.deepEqual(offsets((await page(paged, 'partition=0&offset=newest&count=3')).body), ['247', '248', '249']);
    assert.deepEqual(offsets((await page(paged, 'partition=0&offset=oldest&count=2')).body), ['0', '1']);
    const byMs = await page(paged, `partition=0&timestamp=${BASE_TS + 100_500}&count=2`);
    assert.deepEqual(offsets(byMs.body), ['101', '102']);
    const iso = new Date(BASE_TS + 42_000).toISOString();
    assert.deepEqual(offsets((await page(paged, `partition=0&timestamp=${encodeURIComponent(iso)}&count=1`)).body), ['42']);
    const late = await page(paged, `partition=0&timestamp=${BASE_TS + 10_000_000}&count=5`);
    assert.equal(late.status, 200);
    assert.equal(late.body.messages.length, 0);
    assert.equal(late.body.notices[0].kind, 'past-end');
  });

  test('empty partitions and offsets past the end answer with a notice, not an error', async () => {
    const empty = await page(paged, 'partition=1&offset=0&count=10');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.messages.length, 0);
    assert.equal(empty.body.notices[0].kind, 'empty');
    assert.match(empty.body.notices[0].message, /empty/);
    const past = await page(paged, 'partition=0&offset=5000&count=10');
    assert.equal(past.status, 200);
    assert.equal(past.body.notices[0].kind, 'past-end');
    assert.match(past.body.notices[0].message, /last record is at offset 249/);
  });

  test('offsets below the log start say the records were deleted and show from the start', async () => {
    const topic = randomName('deleted');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `v${i}` })) });
    await admin.fetchTopicOffsets(topic); // kafkajs needs the topic's metadata loaded first
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '12' }] });
    const res = await page(topic, 'partition=0&offset=3&count=5');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.notices[0].kind, 'deleted');
    assert.match(res.body.notices[0].message, /below 12/);
    assert.deepEqual(offsets(res.body), ['12', '13', '14', '15', '16']);
    assert.equal(res.body.paging.first, '12');
  });

  test('concurrent reads of different partitions do not interfere', async () => {
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => page(merged, `partition=${i % 3}&offset=0&count=10`)));
    results.forEach((res, i) => {
      assert.equal(res.status, 200);
      assert.ok(res.body.messages.every((m: any) => m.partition === i % 3));
      assert.deepEqual(
        res.body.messages.map((m: any) => m.value.text),
        Array.from({ length: 10 }, (_, j) => `m${j * 3 + (i % 3)}`),
      );
    });
  });

  test('a deep offset costs about what the first page costs (no scan from 0)', async () => {
    const topic = randomName('deep');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const value = 'x'.repeat(50);
    for (let b = 0; b < 20; b++) await producer.send({ topic, messages: Array.from({ length: 10_000 }, () => ({ value })) });
    await page(topic, 'partition=0&offset=0&count=100'); // warm up
    const time = async (q: string) => {
      const t0 = performance.now();
      const res = await page(topic, q);
      assert.equal(res.body.messages.length, 100);
      return performance.now() - t0;
    };
    const shallow = Math.min(await time('partition=0&offset=0&count=100'), await time('partition=0&offset=100&count=100'));
    const deep = Math.min(await time('partition=0&offset=199800&count=100'), await time('partition=0&offset=199900&count=100'));
    assert.ok(deep < shallow * 3 + 150, `deep page took ${deep.toFixed(0)} ms, first page ${shallow.toFixed(0)} ms`);
  });
});

describe('Message browser API > whole topic', () => {
  test('newest N merges every partition by timestamp', async () => {
    const res = await page(merged, 'partition=all&offset=newest&count=5');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.messages.map((m: any) => m.value.text),
      ['m25', 'm26', 'm27', 'm28', 'm29'],
    );
    assert.equal(res.body.partition, null);
  });

  test('from a timestamp, with a cursor that continues without gaps or repeats', async () => {
    const first = await page(merged, `partition=all&timestamp=${BASE_TS + 10}&count=7`);
    assert.deepEqual(
      first.body.messages.map((m: any) => m.value.text),
      ['m10', 'm11', 'm12', 'm13', 'm14', 'm15', 'm16'],
    );
    const second = await page(merged, `partition=all&cursor=${encodeURIComponent(first.body.cursor)}&count=7`);
    assert.deepEqual(
      second.body.messages.map((m: any) => m.value.text),
      ['m17', 'm18', 'm19', 'm20', 'm21', 'm22', 'm23'],
    );
  });
});

describe('Message browser API > formats', () => {
  before(async () => {
    const messages = [
      { key: 'json', value: '{"id":12345678901234567890,"name":"<b>x</b>","tags":["a"]}' },
      { key: 'binary', value: Buffer.from([0xff, 0x00, 0x01, 0xfe, 0x80]) },
      { key: 'msgpack', value: Buffer.from(msgpackEncode({ user: 'ann', n: 3 })) },
      { key: 'avro', value: avroWire({ id: 1234567890123, name: 'Ada', email: 'ada@example.com' }) },
      { key: 'proto', value: protoOrder({ id: '9007199254740993', item: 'tea', qty: 2 }) },
      { key: 'script', value: '<script>alert(1)</script>', headers: { trace: 'abc', bin: Buffer.from([0, 1, 2]) } },
    ];
    await producer.send({ topic: formats, messages });
  });

  const at = async (offset: number, extra = '') => (await page(formats, `partition=0&offset=${offset}&count=1${extra}`)).body.messages[0];

  test('JSON is detected and pretty-printed with 64-bit numbers kept exact', async () => {
    const m = await at(0);
    assert.equal(m.value.format, 'json');
    assert.equal(m.value.detected, true);
    assert.equal(m.value.structured, true);
    assert.match(m.value.text, /"id": 12345678901234567890,/);
    assert.match(m.value.text, /\n {2}"name": "<b>x<\/b>"/);
  });

  test('binary is never shown as text: hex by default, base64 or an error on request', async () => {
    const m = await at(1);
    assert.equal(m.value.format, 'hex');
    assert.match(m.value.text, /^00000000 {2}ff 00 01 fe 80/);
    assert.equal((await at(1, '&format=base64')).value.text, Buffer.from([0xff, 0x00, 0x01, 0xfe, 0x80]).toString('base64'));
    const forced = await at(1, '&format=utf8');
    assert.match(forced.value.error, /Not utf8/);
    assert.equal(forced.value.format, 'hex');
  });

  test('MessagePack is detected and shown as JSON', async () => {
    const m = await at(2);
    assert.equal(m.value.format, 'msgpack');
    assert.deepEqual(JSON.parse(m.value.text), { user: 'ann', n: 3 });
  });

  test('Avro in the schema registry wire format is decoded with the registry schema', async () => {
    const m = await at(3);
    assert.equal(m.value.format, 'avro');
    assert.equal(m.value.schemaId, 7);
    assert.match(m.value.text, /"id": 1234567890123/);
    assert.equal(JSON.parse(m.value.text).email, 'ada@example.com');
    assert.ok(registry.hits() >= 1);
    const forced = await at(0, '&format=avro');
    assert.match(forced.value.error, /Not avro/);
  });

  test('Protobuf decodes with a type from the descriptor set', async () => {
    const cfg = await stack.api('/api/console-config');
    assert.deepEqual(cfg.body.protobufTypes, ['shop.Order']);
    const m = await at(4, '&format=protobuf&protoType=shop.Order');
    assert.equal(m.value.format, 'protobuf');
    assert.deepEqual(JSON.parse(m.value.text), { id: '9007199254740993', item: 'tea', qty: 2 });
    const unknown = await at(4, '&format=protobuf&protoType=shop.Nope');
    assert.match(unknown.value.error, /shop\.Nope/);
  });

  test('HTML and script values come back as plain text; headers are decoded per value', async () => {
    const m = await at(5);
    assert.equal(m.value.text, '<script>alert(1)</script>');
    assert.equal(m.value.format, 'utf8');
    assert.deepEqual(
      m.headers.map((h: any) => [h.key, h.value.format, h.value.text.split('  ')[0]]),
      [
        ['trace', 'utf8', 'abc'],
        ['bin', 'hex', '00000000'],
      ],
    );
  });

  test('key and value formats are chosen separately; long values are cut at maxChars', async () => {
    const m = await at(0, '&keyFormat=hex&format=utf8&maxChars=10');
    assert.equal(m.key.format, 'hex');
    assert.equal(m.value.format, 'utf8');
    assert.equal(m.value.text, '{"id":1234');
    assert.equal(m.value.truncated, true);
    assert.equal((await at(0, '&maxChars=0')).value.truncated, false);
  });
});

describe('Message browser API > compression', () => {
  test('gzip, snappy, lz4 and zstd batches are read and labelled', async () => {
    const topic = randomName('compressed');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages: [{ value: 'gzip-1' }, { value: 'gzip-2' }] });
    const long = (s: string) => `${s}:${'abc'.repeat(200)}`;
    // Snappy and LZ4 through kafkajs with codec plugins (Debian's kcat sent those uncompressed);
    // ZSTD through kcat, whose librdkafka writes it.
    CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;
    CompressionCodecs[CompressionTypes.LZ4] = () => ({
      compress: async (e: { buffer: Buffer }) => lz4Frame(e.buffer),
      decompress: async (b: Buffer) => lz4Unframe(b),
    });
    await producer.send({ topic, compression: CompressionTypes.Snappy, messages: [{ value: long('snappy-1') }, { value: long('snappy-2') }] });
    await producer.send({ topic, compression: CompressionTypes.LZ4, messages: [{ value: long('lz4-1') }, { value: long('lz4-2') }] });
    await kcat(stack.broker, ['-P', '-t', topic, '-p', '0', '-z', 'zstd'], `${long('zstd-1')}\n${long('zstd-2')}\n`);
    const res = await page(topic, 'partition=0&offset=0&count=100');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.messages.map((m: any) => `${m.value.text.split(':')[0]}:${m.compression}`),
      ['gzip-1:gzip', 'gzip-2:gzip', 'snappy-1:snappy', 'snappy-2:snappy', 'lz4-1:lz4', 'lz4-2:lz4', 'zstd-1:zstd', 'zstd-2:zstd'],
    );
  });
});

describe('Message browser API > validation', () => {
  test('bad parameters are 400 with a message naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['partition=-1', /partition/],
      ['partition=abc', /partition/],
      ['offset=-5', /offset/],
      ['offset=abc', /offset/],
      ['offset=99999999999999999999', /offset/],
      ['count=0', /count.*between 1 and 1000/],
      ['count=1001', /count/],
      ['timestamp=yesterday', /timestamp/],
      ['format=xml', /format/],
      ['offset=1&timestamp=5', /either offset or timestamp/],
      ['format=protobuf', /protoType/],
      ['partition=all&offset=10', /whole-topic/],
      ['cursor=zz', /cursor/i],
      ['export=pdf', /export/],
    ];
    for (const [q, re] of cases) assertError(await page(paged, q), 400, re);
  });

  test('a missing partition or topic is 404', async () => {
    assertError(await page(paged, 'partition=9&offset=0'), 404, /no partition 9/);
    assertError(await page('no-such-topic-here', 'partition=0&offset=0'), 404, /does not exist/);
    assertError(await page('bad name', 'partition=0'), 400);
    const topics = await stack.api('/api/topics');
    assert.ok(!topics.body.some((t: any) => t.name === 'no-such-topic-here'), 'browsing never auto-creates a topic');
  });

  test('a deleted topic is a clear 404', async () => {
    const topic = randomName('gone');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.send({ topic, messages: [{ value: 'x' }] });
    assert.equal((await page(topic, 'partition=0')).status, 200);
    await admin.deleteTopics({ topics: [topic] });
    assertError(await page(topic, 'partition=0'), 404, /does not exist/);
    assert.equal((await page(paged, 'partition=0&count=1')).status, 200, 'the pooled connection still works');
  });
});

describe('Message browser API > export', () => {
  test('JSON lines and CSV downloads of a page', async () => {
    const res = await fetch(`${stack.url}/api/topics/${formats}/messages?partition=0&offset=0&count=6&export=jsonl`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename=".*-p0\.jsonl"/);
    const text = await res.text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 6);
    assert.equal(lines[0].key, 'json');
    assert.equal(lines[0].value.name, '<b>x</b>');
    assert.equal(lines[5].value, '<script>alert(1)</script>');
    const csv = await (await fetch(`${stack.url}/api/topics/${formats}/messages?partition=0&offset=0&count=6&export=csv`)).text();
    const rows = csv.trim().split('\r\n');
    assert.equal(rows[0], 'partition,offset,timestamp,timestampType,key,keyFormat,value,valueFormat,headers,size,compression,transactional');
    assert.equal(rows.length, 7);
    assert.match(rows[6]!, /^"0","5",.*"<script>alert\(1\)<\/script>"/);
  });
});

describe('Message browser API > no consumer group', () => {
  test('browsing leaves no consumer group behind', async () => {
    const { groups } = await admin.listGroups();
    assert.deepEqual(groups, []);
  });
});
