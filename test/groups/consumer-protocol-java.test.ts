/**
 * KIP-848 with Kafka's own Java consumer (`group.protocol=consumer`), from the Apache Kafka jars
 * the reference fixture resolves with Maven (test/reference/kafka-fixture.ts), compiled with
 * javac at test time: a consumer takes every partition, consumes and commits, leaves; the next
 * one resumes from the commits.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { uniqueName } from './group-helpers.ts';
import { compileJava, runJava } from '../reference/kafka-fixture.ts';

const { Kafka, logLevel } = kafkajs;
let broker: BrokerProcess;
let classes: string;

before(async () => {
  classes = await compileJava([join(import.meta.dirname, 'java', 'Kip848Consumer.java')]);
  broker = await startBroker({ config: { 'group.consumer.heartbeat.interval.ms': '300' } });
});

after(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
  rmSync(classes, { recursive: true, force: true });
});

interface Event {
  event: string;
  partitions?: number[];
  partition?: number;
  offset?: number;
  value?: string;
}

async function consume(topic: string, groupId: string, count: number): Promise<Event[]> {
  const { code, stdout, stderr } = await runJava('Kip848Consumer', [broker.bootstrap, topic, groupId, String(count)], {
    extraClasspath: [classes],
    timeoutMs: 90_000,
  });
  assert.equal(code, 0, stderr);
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Event);
}

test('Java KafkaConsumer with group.protocol=consumer consumes, commits, leaves; the next member resumes', async () => {
  const kafka = new Kafka({ clientId: 'kayak-java-kip848', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const topic = uniqueName('java-kip848');
  const groupId = uniqueName('java-kip848-group');
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ partition: i % 4, value: `v${i}` })) });
    const first = await consume(topic, groupId, 20);
    assert.deepEqual(first.find((e) => e.event === 'assign')?.partitions, [0, 1, 2, 3]);
    const records = first.filter((e) => e.event === 'record');
    assert.deepEqual(records.map((r) => r.value).sort(), Array.from({ length: 20 }, (_, i) => `v${i}`).sort());
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    assert.deepEqual(
      offsets[0]?.partitions.map((p) => p.offset),
      ['5', '5', '5', '5'],
    );
    const groups = await admin.listGroups();
    assert.equal(groups.groups.find((g) => g.groupId === groupId)?.protocolType, 'consumer');

    await producer.send({ topic, messages: Array.from({ length: 4 }, (_, i) => ({ partition: i, value: `w${i}` })) });
    const second = await consume(topic, groupId, 4);
    assert.deepEqual(
      second
        .filter((e) => e.event === 'record')
        .map((r) => r.value)
        .sort(),
      ['w0', 'w1', 'w2', 'w3'],
      'resumed from the commits',
    );
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
});
