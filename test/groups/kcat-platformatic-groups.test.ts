/**
 * kcat -G (librdkafka 2.0.2's balanced consumer) and @platformatic/kafka 1.34 consumers,
 * unmodified: each joins a group, consumes, commits, and a later run resumes from the commit.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import { Consumer, MessagesStreamModes, MessagesStreamFallbackModes, stringDeserializers } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { FAST_GROUP_CONFIG, uniqueName } from './group-helpers.ts';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;
const run = promisify(execFile);
let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await startBroker({ config: FAST_GROUP_CONFIG });
  kafka = new Kafka({ clientId: 'kayak-kcat-pk', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

async function produce(topic: string, count: number, from: number, create: boolean): Promise<void> {
  if (create) {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 2, value: `v${from + i}` })) });
  await producer.disconnect();
}

async function committed(groupId: string, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  return (offsets[0]?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => p.offset);
}

const range = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => `v${from + i}`).sort();

test('kcat -G consumes in a balanced group, commits on exit, and the next run resumes', async () => {
  const topic = uniqueName('kcat-group');
  const groupId = uniqueName('kcat');
  await produce(topic, 10, 0, true);
  const kcat = async (count: number): Promise<string[]> => {
    const args = ['-b', broker.bootstrap, '-G', groupId, '-c', String(count), '-f', '%s\\n', '-X', 'auto.offset.reset=earliest', topic];
    const { stdout } = await run('kcat', args, { timeout: 60_000 });
    return stdout.trim().split('\n').sort();
  };
  assert.deepEqual(await kcat(10), range(0, 10));
  assert.deepEqual(await committed(groupId, topic), ['5', '5']);
  await produce(topic, 4, 10, false);
  assert.deepEqual(await kcat(4), range(10, 4));
  assert.deepEqual(await committed(groupId, topic), ['7', '7']);
});

test('@platformatic/kafka consumer joins a group, commits each message, and resumes from commits', async () => {
  const topic = uniqueName('pk-group');
  const groupId = uniqueName('pk');
  await produce(topic, 10, 0, true);
  const consumeOnce = async (count: number): Promise<{ values: string[]; committed: Map<string, bigint[]> }> => {
    const consumer = new Consumer({
      clientId: 'kayak-pk-consumer',
      bootstrapBrokers: [broker.bootstrap],
      groupId,
      deserializers: stringDeserializers,
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      maxWaitTime: 200,
    });
    const values: string[] = [];
    try {
      const stream = await consumer.consume({
        topics: [topic],
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode: MessagesStreamFallbackModes.EARLIEST,
        autocommit: false,
      });
      for await (const message of stream) {
        values.push(message.value);
        await message.commit();
        if (values.length === count) break;
      }
      await stream.close();
      const offsets = await consumer.listCommittedOffsets({ topics: [{ topic, partitions: [0, 1] }] });
      return { values: values.sort(), committed: offsets };
    } finally {
      await consumer.close(true);
    }
  };
  const first = await consumeOnce(10);
  assert.deepEqual(first.values, range(0, 10));
  assert.deepEqual(first.committed.get(topic), [5n, 5n]);
  await produce(topic, 4, 10, false);
  const second = await consumeOnce(4);
  assert.deepEqual(second.values, range(10, 4));
  assert.deepEqual(await committed(groupId, topic), ['7', '7']);
});
