/**
 * The message browser on a compacted topic: after the cleaner runs, a
 * page shows each key's latest value and tells the user which offsets compaction removed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import kafkajs from 'kafkajs';
import { randomName } from './stack.ts';
import { startTargetStack, type TargetStack } from './target.ts';
import { kafkaVersion } from '../reference/kafka-fixture.ts';

const { Kafka, logLevel } = kafkajs;
let stack: TargetStack;

before(async () => {
  stack = await startTargetStack({ brokerConfig: { 'log.cleaner.backoff.ms': '200' } });
});

after(async () => {
  await stack?.stop();
});

interface Page {
  messages: { offset: string; key: { text: string } | null; value: { text: string } | null }[];
  notices: { kind: string; message: string }[];
}

test('a compacted partition shows the latest value per key and names the gaps', async () => {
  const topic = randomName('compacted');
  const kafka = new Kafka({ clientId: 'compaction-view', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          // Apache Kafka 4 refuses segment.bytes below 1 MiB; internal.segment.bytes is its knob for tests.
          { name: stack.target === 'kafka' && !kafkaVersion().startsWith('3.') ? 'internal.segment.bytes' : 'segment.bytes', value: '2000' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        ],
      },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (let round = 0; round < 30; round++) {
    await producer.send({ topic, messages: ['a', 'b', 'c'].map((key) => ({ key, value: `${key}${round}` })) });
  }
  await producer.disconnect();

  let page: Page | undefined;
  for (let i = 0; i < 50; i++) {
    const res = await stack.api(`/api/topics/${topic}/messages?partition=0&offset=0&count=1000`);
    assert.equal(res.status, 200);
    page = res.body as Page;
    if (page.messages.length < 90) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(page && page.messages.length < 90, 'the cleaner removed superseded records');
  const latest = new Map(page.messages.map((m) => [m.key?.text, m.value?.text]));
  assert.deepEqual(Object.fromEntries(latest), { a: 'a29', b: 'b29', c: 'c29' });
  const gap = page.notices.find((n) => n.kind === 'gap');
  assert.ok(gap, `a notice explains the missing offsets: ${JSON.stringify(page.notices)}`);
  assert.match(gap.message, /compaction/);
});
