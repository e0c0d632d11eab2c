/**
 * Python clients from Debian, unmodified, as group members: kafka-python 2.0.2 KafkaConsumer
 * and confluent-kafka-python 1.7 (librdkafka 2.0.2) consume, commit and resume from their
 * commits; a member killed with SIGKILL is expired after its session timeout and the group
 * rebalances. They import only under /usr/bin/python3.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { FAST_GROUP_CONFIG, uniqueName, waitFor } from './group-helpers.ts';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const script = (name: string): string => join(import.meta.dirname, 'python', name);
let broker: BrokerProcess;
let kafka: Kafka;

interface GroupRun {
  values: string[];
  committed: Record<string, number>;
  assignment: number[];
}

before(async () => {
  broker = await startBroker({ config: FAST_GROUP_CONFIG });
  kafka = new Kafka({ clientId: 'kayak-py-groups', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

async function topicWith(partitions: number, records: number, from = 0, existing?: string): Promise<string> {
  const topic = existing ?? uniqueName('py-group');
  const admin = kafka.admin();
  await admin.connect();
  if (!existing) await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: records }, (_, i) => ({ partition: (from + i) % partitions, value: `v${from + i}` })) });
  await producer.disconnect();
  return topic;
}

async function runGroup(name: string, topic: string, groupId: string, count: number): Promise<GroupRun> {
  const { stdout } = await run(PYTHON, [script(name), broker.bootstrap, topic, groupId, String(count)], { timeout: 60_000 });
  return JSON.parse(stdout) as GroupRun;
}

for (const [client, file] of [
  ['kafka-python KafkaConsumer', 'kafka_python_group.py'],
  ['confluent-kafka Consumer', 'confluent_group.py'],
] as const) {
  test(`${client} consumes in a group, commits, and resumes from its commit`, async () => {
    const topic = await topicWith(2, 10);
    const groupId = uniqueName('py');
    const first = await runGroup(file, topic, groupId, 10);
    assert.deepEqual(first.values.sort(), Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
    assert.deepEqual(first.assignment, [0, 1]);
    assert.deepEqual(first.committed, { 0: 5, 1: 5 });

    await topicWith(2, 4, 10, topic);
    const second = await runGroup(file, topic, groupId, 4);
    assert.deepEqual(second.values.sort(), ['v10', 'v11', 'v12', 'v13']);
    assert.deepEqual(second.committed, { 0: 7, 1: 7 });

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    assert.deepEqual(
      offsets[0]?.partitions.map((p) => p.offset),
      ['7', '7'],
    );
    const [described] = (await admin.describeGroups([groupId])).groups;
    assert.equal(described?.state, 'Empty', 'the consumer left on close');
    await admin.disconnect();
  });
}

/** A confluent-kafka member that prints each assignment and runs until killed. */
function holdingMember(topic: string, groupId: string) {
  const child = spawn(PYTHON, [script('confluent_group.py'), broker.bootstrap, topic, groupId, '0', 'hold'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const member = { child, out: '', exited: new Promise((resolve) => child.once('exit', resolve)), last: '' };
  child.stdout.on('data', (d: Buffer) => {
    member.out += d.toString();
    member.last = /assigned ([\d,]*)\n$/.exec(member.out)?.[1] ?? member.last;
  });
  return member;
}

test('a member killed with SIGKILL is expired after its session timeout and the group rebalances', async () => {
  const topic = await topicWith(4, 0);
  const groupId = uniqueName('py-kill');
  const doomed = holdingMember(topic, groupId);
  const survivor = holdingMember(topic, groupId);
  try {
    await waitFor('a 2+2 split', () => doomed.last.split(',').length === 2 && survivor.last.split(',').length === 2);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = Date.now();
    await waitFor('the survivor to own all four partitions', () => survivor.last === '0,1,2,3', 20_000);
    const elapsed = Date.now() - killedAt;
    // Nobody said goodbye, so only the 3 s session timeout can have removed the member.
    assert.ok(elapsed >= 2000, `rebalanced ${elapsed} ms after the kill, before the session timeout`);
    assert.match(broker.output(), /session expired after 3000 ms/);
  } finally {
    doomed.child.kill('SIGKILL');
    survivor.child.kill('SIGKILL');
    await survivor.exited;
  }
});
