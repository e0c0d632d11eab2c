/**
 * kafkajs 2.2.4, unmodified, as a consumer-group client: two members splitting a topic, a
 * member leaving and the survivor taking over from the committed offsets, and the admin group
 * operations (list, describe, fetch/set/reset offsets, delete) with Kafka's semantics.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { FAST_GROUP_CONFIG, uniqueName, waitFor } from './group-helpers.ts';

const { Kafka, logLevel, AssignerProtocol } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;
type Consumer = ReturnType<Kafka['consumer']>;

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await startBroker({ config: FAST_GROUP_CONFIG });
  kafka = new Kafka({ clientId: 'kayak-groups', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5 } });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
}

async function produce(topic: string, partitions: number, perPartition: number, tag: string): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  const messages = Array.from({ length: partitions * perPartition }, (_, i) => ({ partition: i % partitions, value: `${tag}-${i}` }));
  await producer.send({ topic, messages });
  await producer.disconnect();
}

interface Tracked {
  consumer: Consumer;
  assigned: number[];
  generation: number;
}

/** A consumer that records its latest assignment; runTracked records what it processes. */
function trackedConsumer(groupId: string): Tracked {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 200, maxWaitTimeInMs: 200 });
  const tracked: Tracked = { consumer, assigned: [], generation: 0 };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    tracked.assigned = Object.values(e.payload.memberAssignment).flat().sort();
    tracked.generation++;
  });
  return tracked;
}

async function runTracked(t: Tracked, topic: string, seen: string[]): Promise<void> {
  await t.consumer.connect();
  await t.consumer.subscribe({ topic, fromBeginning: true });
  await t.consumer.run({
    eachMessage: async ({ partition, message }) => {
      seen.push(`${partition}:${message.offset}`);
    },
  });
}

test('two consumers split four partitions; the survivor takes over without loss or re-reads', async () => {
  const topic = uniqueName('split');
  const groupId = uniqueName('split-group');
  await createTopic(topic, 4);
  await produce(topic, 4, 10, 'first');

  const seen: string[] = [];
  const a = trackedConsumer(groupId);
  const b = trackedConsumer(groupId);
  try {
    await runTracked(a, topic, seen);
    await runTracked(b, topic, seen);
    await waitFor('a 2+2 split', () => a.assigned.length === 2 && b.assigned.length === 2);
    assert.deepEqual([...a.assigned, ...b.assigned].sort(), [0, 1, 2, 3]);
    await waitFor('the first 40 records', () => seen.length >= 40);

    await b.consumer.disconnect(); // commits, then LeaveGroup
    await waitFor('the survivor to own all partitions', () => a.assigned.length === 4);
    await produce(topic, 4, 10, 'second');
    await waitFor('all 80 records', () => new Set(seen).size === 80);
    await new Promise((r) => setTimeout(r, 500));
    const expected = [0, 1, 2, 3].flatMap((p) => Array.from({ length: 20 }, (_, o) => `${p}:${o}`)).sort();
    assert.deepEqual([...seen].sort(), expected, 'every record exactly once');

    const admin = kafka.admin();
    await admin.connect();
    const description = await admin.describeGroups([groupId]);
    assert.equal(description.groups[0]?.state, 'Stable');
    assert.equal(description.groups[0]?.members.length, 1);
    await admin.disconnect();
  } finally {
    await a.consumer.disconnect();
    await b.consumer.disconnect();
  }
});

test('admin listGroups, describeGroups, fetchOffsets, setOffsets, resetOffsets and deleteGroups', async () => {
  const topic = uniqueName('admin-groups');
  const groupId = uniqueName('admin-group');
  await createTopic(topic, 2);
  await produce(topic, 2, 5, 'x');
  const admin = kafka.admin();
  await admin.connect();
  const seen: string[] = [];
  const member = trackedConsumer(groupId);
  try {
    await runTracked(member, topic, seen);
    await waitFor('10 records', () => seen.length >= 10);
    await waitFor('committed offsets', async () => {
      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets[0]?.partitions.every((p) => p.offset === '5') ?? false;
    });

    const listed = await admin.listGroups();
    assert.deepEqual(
      listed.groups.find((g) => g.groupId === groupId),
      { groupId, protocolType: 'consumer' },
    );

    const [described] = (await admin.describeGroups([groupId])).groups;
    assert.equal(described?.state, 'Stable');
    assert.equal(described?.protocolType, 'consumer');
    assert.equal(described?.protocol, 'RoundRobinAssigner');
    assert.equal(described?.members.length, 1);
    const assignment = AssignerProtocol.MemberAssignment.decode(described?.members[0]?.memberAssignment as Buffer);
    assert.deepEqual(assignment?.assignment, { [topic]: [0, 1] });
    assert.equal(described?.members[0]?.clientId, 'kayak-groups');
    assert.match(described?.members[0]?.clientHost ?? '', /^\/.*127\.0\.0\.1$/);

    // Kafka refuses to move offsets of a group with running members, and to delete it.
    await assert.rejects(admin.resetOffsets({ groupId, topic, earliest: true }), /must have no running instances, current state: Stable/);
    await assert.rejects(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] }), /no running instances/);
    await assert.rejects(admin.deleteGroups([groupId]), (err: { groups?: { errorCode: number }[] }) => {
      assert.equal(err.groups?.[0]?.errorCode, 68); // NON_EMPTY_GROUP
      return true;
    });

    await member.consumer.disconnect();
    const [empty] = (await admin.describeGroups([groupId])).groups;
    assert.equal(empty?.state, 'Empty');
    assert.equal(empty?.members.length, 0);

    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '2' },
        { partition: 1, offset: '3' },
      ],
    });
    const set = await admin.fetchOffsets({ groupId, topics: [topic] });
    assert.deepEqual(set[0]?.partitions.map((p) => [p.partition, p.offset]).sort(), [
      [0, '2'],
      [1, '3'],
    ]);

    await admin.resetOffsets({ groupId, topic, earliest: true });
    const reset = await admin.fetchOffsets({ groupId, topics: [topic] });
    assert.deepEqual(
      reset[0]?.partitions.map((p) => p.offset),
      ['-2', '-2'],
      'kafkajs commits the EARLIEST sentinel',
    );

    assert.deepEqual(await admin.deleteGroups([groupId]), [{ groupId, errorCode: 0 }]);
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === groupId));
    const gone = await admin.fetchOffsets({ groupId, topics: [topic] });
    assert.ok(gone[0]?.partitions.every((p) => p.offset === '-1'));
    const [dead] = (await admin.describeGroups([groupId])).groups;
    assert.equal(dead?.state, 'Dead');
    await assert.rejects(admin.deleteGroups([groupId]), (err: { groups?: { errorCode: number }[] }) => {
      assert.equal(err.groups?.[0]?.errorCode, 69); // GROUP_ID_NOT_FOUND
      return true;
    });
  } finally {
    await member.consumer.disconnect();
    await admin.disconnect();
  }
});

test('deleting a topic removes its committed offsets', async () => {
  const topic = uniqueName('doomed');
  const groupId = uniqueName('doomed-group');
  await createTopic(topic, 1);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    assert.equal((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset, '0');
    await admin.deleteTopics({ topics: [topic] });
    await createTopic(topic, 1);
    assert.equal((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset, '-1');
  } finally {
    await admin.disconnect();
  }
});
