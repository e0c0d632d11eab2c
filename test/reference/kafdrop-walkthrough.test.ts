/**
 * The Kafdrop walkthrough with Kafka's own tools, run as Java classes against the bundled broker
 * and against Apache Kafka: create `streams-intro` (kafka-topics), fill it with keyed records
 * (kafka-console-producer), read it back (kafka-console-consumer). Both brokers must put every
 * key on the same partition (the Java client's murmur2 partitioner decides, the broker stores),
 * and the console shows the records on the bundled broker.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack, type Stack } from '../console/stack.ts';
import { kafkaTool, startKafka, type KafkaProcess } from './kafka-fixture.ts';

const TOPIC = 'streams-intro';
const INPUT = ['foo:first message', 'bar:second message', 'foo:third message', 'bar:fourth message', 'baz:fifth message'];

let stack: Stack;
let kafka: KafkaProcess;

before(async () => {
  [stack, kafka] = await Promise.all([startStack(), startKafka()]);
});
after(async () => {
  await Promise.all([stack?.stop(), kafka?.stop()]);
});

/** The walkthrough's three commands against one broker; returns the consumer's output lines. */
async function walkthrough(bootstrap: string): Promise<string[]> {
  const created = await kafkaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    bootstrap,
    '--create',
    '--partitions',
    '3',
    '--replication-factor',
    '1',
    '--topic',
    TOPIC,
  ]);
  assert.match(created, /Created topic streams-intro/);
  await kafkaTool(
    'org.apache.kafka.tools.ConsoleProducer',
    // Exactly as the walkthrough writes it: the producer runs with Kafka's defaults (idempotent, acks=all).
    ['--bootstrap-server', bootstrap, '--topic', TOPIC, '--property', 'parse.key=true', '--property', 'key.separator=:'],
    { input: INPUT.join('\n') + '\n' },
  );
  const out = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    TOPIC,
    '--from-beginning',
    '--property',
    'print.key=true',
    '--max-messages',
    String(INPUT.length),
  ]);
  return out.split('\n').filter((l) => l.includes('\t'));
}

/** key → partitions, from a console consumer that also prints the partition. */
async function placement(bootstrap: string): Promise<Record<string, number[]>> {
  const out = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    TOPIC,
    '--from-beginning',
    '--property',
    'print.key=true',
    '--property',
    'print.partition=true',
    '--max-messages',
    String(INPUT.length),
  ]);
  const byKey: Record<string, number[]> = {};
  for (const m of out.matchAll(/^Partition:(\d+)\t([^\t]+)\t/gm)) {
    const list = (byKey[m[2]!] ??= []);
    if (!list.includes(Number(m[1]))) list.push(Number(m[1]));
  }
  return byKey;
}

const asTsv = (line: string): string => line.replace(':', '\t');

test('kafka-topics, kafka-console-producer and kafka-console-consumer: the same records on the same partitions as on Apache Kafka', async () => {
  const [bundled, reference] = await Promise.all([walkthrough(stack.broker), walkthrough(kafka.bootstrap)]);
  // Across partitions the order is not defined; within a key it is.
  assert.deepEqual([...bundled].sort(), INPUT.map(asTsv).sort());
  assert.deepEqual([...reference].sort(), INPUT.map(asTsv).sort());
  for (const key of ['foo', 'bar', 'baz']) {
    const lines = (c: string[]) => c.filter((l) => l.startsWith(`${key}\t`));
    assert.deepEqual(lines(bundled), INPUT.filter((l) => l.startsWith(`${key}:`)).map(asTsv), `${key}: in produce order`);
  }

  // Where the bundled broker holds each record, as the console shows it, is where Kafka holds it.
  const shown: string[] = [];
  const bundledPlacement: Record<string, number[]> = {};
  for (let partition = 0; partition < 3; partition++) {
    const res = await stack.api(`/api/topics/${TOPIC}/messages?partition=${partition}&offset=0&count=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (const m of res.body.messages) {
      const list = (bundledPlacement[m.key.text] ??= []);
      if (!list.includes(partition)) list.push(partition);
      shown.push(`${m.key.text}:${m.value.text}`);
    }
  }
  assert.deepEqual(shown.sort(), [...INPUT].sort());
  const referencePlacement = await placement(kafka.bootstrap);
  for (const key of ['foo', 'bar', 'baz']) assert.equal(referencePlacement[key]?.length, 1, `${key}: one partition on Kafka`);
  assert.deepEqual(bundledPlacement, referencePlacement);
});
