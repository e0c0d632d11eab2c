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

/** The walkthrough's three commands against one broker; returns the consumer's output lines and key → partitions. */
async function walkthrough(bootstrap: string): Promise<{ consumed: string[]; partitionsByKey: Map<string, Set<number>> }> {
  const created = await kafkaTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap, '--create', '--partitions', '3', '--replication-factor', '1', '--topic', TOPIC]);
  assert.match(created, /Created topic streams-intro/);
  await kafkaTool(
    'org.apache.kafka.tools.ConsoleProducer',
    // TODO(exactly-once): drop enable.idempotence=false once the bundled broker takes idempotent produce.
    ['--bootstrap-server', bootstrap, '--topic', TOPIC, '--property', 'parse.key=true', '--property', 'key.separator=:', '--producer-property', 'enable.idempotence=false'],
    { input: INPUT.join('\n') + '\n' },
  );
  const out = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server', bootstrap, '--topic', TOPIC, '--from-beginning', '--property', 'print.key=true', '--max-messages', String(INPUT.length),
  ]);
  const consumed = out.split('\n').filter((l) => l.includes('\t'));
  // Once more with the partition printed, to compare placement between the brokers.
  const placed = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server', bootstrap, '--topic', TOPIC, '--from-beginning', '--property', 'print.key=true', '--property', 'print.partition=true', '--max-messages', String(INPUT.length),
  ]);
  const partitionsByKey = new Map<string, Set<number>>();
  for (const line of placed.split('\n')) {
    const m = /^Partition:(\d+)\t([^\t]+)\t/.exec(line);
    if (!m) continue;
    const set = partitionsByKey.get(m[2]!) ?? new Set<number>();
    set.add(Number(m[1]));
    partitionsByKey.set(m[2]!, set);
  }
  return { consumed, partitionsByKey };
}

const asTsv = (line: string): string => line.replace(':', '\t');

test('kafka-topics, kafka-console-producer and kafka-console-consumer: the same records on the same partitions as on Apache Kafka', async () => {
  const [bundled, reference] = await Promise.all([walkthrough(stack.broker), walkthrough(kafka.bootstrap)]);
  // Across partitions the order is not defined; within a key it is.
  assert.deepEqual([...bundled.consumed].sort(), INPUT.map(asTsv).sort());
  assert.deepEqual([...reference.consumed].sort(), INPUT.map(asTsv).sort());
  for (const key of ['foo', 'bar', 'baz']) {
    const lines = (c: string[]) => c.filter((l) => l.startsWith(`${key}\t`));
    assert.deepEqual(lines(bundled.consumed), INPUT.filter((l) => l.startsWith(`${key}:`)).map(asTsv), `${key}: in produce order`);
    assert.equal(bundled.partitionsByKey.get(key)?.size, 1, `${key}: one partition`);
  }
  assert.deepEqual(
    Object.fromEntries([...bundled.partitionsByKey].map(([k, s]) => [k, [...s]])),
    Object.fromEntries([...reference.partitionsByKey].map(([k, s]) => [k, [...s]])),
  );

  // The console shows the records where the tools put them.
  const shown: string[] = [];
  for (let partition = 0; partition < 3; partition++) {
    const res = await stack.api(`/api/topics/${TOPIC}/messages?partition=${partition}&offset=0&count=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (const m of res.body.messages) {
      assert.deepEqual([...(bundled.partitionsByKey.get(m.key.text) ?? [])], [partition], `${m.key.text} on partition ${partition}`);
      shown.push(`${m.key.text}:${m.value.text}`);
    }
  }
  assert.deepEqual(shown.sort(), [...INPUT].sort());
});
