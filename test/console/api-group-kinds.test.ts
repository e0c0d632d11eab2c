/**
 * Both kinds of consumer group in the console, on either target: a classic group (kafkajs) and a
 * consumer-protocol group (KIP-848: confluent-kafka 2.x with group.protocol=consumer, from PyPI).
 * The list says which kind each is; the group page shows member epochs, each member's assignment
 * and which member holds each partition in the offsets table; offsets of either kind reset only
 * once the group is empty.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomName, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

const TOPIC = randomName('kinds');
const MODERN = randomName('kip848-group');
const CLASSIC = randomName('classic-group');
const MEMBER_SCRIPT = join(import.meta.dirname, '..', 'groups', 'python', 'kip848_member.py');

let stack: Stack;
let member: ChildProcess | undefined;
let classic: Consumer | undefined;
const events: { event: string; partitions?: number[] }[] = [];

before(async () => {
  stack = await startTargetStack();
});
after(async () => {
  if (member?.exitCode === null) member.kill('SIGKILL');
  await classic?.disconnect().catch(() => undefined);
  await stack?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('a classic and a consumer-protocol group: types, member epochs, assignments, partition owners', async () => {
  assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: TOPIC, partitions: 3, replicationFactor: 1 } })).status, 201);
  const kafka = new Kafka({ clientId: 'kinds-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `v${i}` })) });
  await producer.disconnect();

  member = spawn('python3', [MEMBER_SCRIPT, stack.broker, TOPIC, MODERN], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  member.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: member.stdout! }).on('line', (line) => events.push(JSON.parse(line)));
  classic = kafka.consumer({ groupId: CLASSIC, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await classic.connect();
  await classic.subscribe({ topic: TOPIC, fromBeginning: true });
  let seen = 0;
  await classic.run({ autoCommitInterval: 100, eachMessage: async () => void seen++ });
  await until(
    'both groups to consume all 30 records',
    () => (seen >= 30 && events.filter((e) => e.event === 'record').length >= 30 ? true : undefined),
    90_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}: classic ${seen}, kip848 ${JSON.stringify(events.slice(-5))}\n${stderr.slice(-2000)}`);
  });

  const listed = await until('both groups listed as Stable with their committed offsets', async () => {
    const res = await stack.api('/api/groups');
    const mine = (res.body as any[]).filter((g) => g.groupId === MODERN || g.groupId === CLASSIC);
    return mine.length === 2 && mine.every((g) => g.state === 'Stable' && g.totalLag === '0') ? mine : undefined;
  });
  assert.deepEqual(Object.fromEntries(listed.map((g: any) => [g.groupId, [g.type, g.members]])), { [MODERN]: ['consumer', 1], [CLASSIC]: ['classic', 1] });

  const modern = (await stack.api(`/api/groups/${MODERN}`)).body;
  assert.equal(modern.type, 'consumer');
  assert.equal(modern.assignor, 'uniform');
  assert.ok(modern.groupEpoch >= 1 && modern.assignmentEpoch === modern.groupEpoch, JSON.stringify(modern));
  assert.equal(modern.members.length, 1);
  const [m] = modern.members;
  assert.equal(m.memberEpoch, modern.assignmentEpoch, 'a reconciled member is at the assignment epoch');
  assert.deepEqual(m.assignments, [{ topic: TOPIC, partitions: [0, 1, 2] }]);
  assert.deepEqual(m.targetAssignments, m.assignments);
  assert.deepEqual(
    modern.offsets.map((o: any) => [o.partition, o.committedOffset, o.owner?.memberId]),
    [
      [0, '10', m.memberId],
      [1, '10', m.memberId],
      [2, '10', m.memberId],
    ],
  );

  const old = (await stack.api(`/api/groups/${CLASSIC}`)).body;
  assert.equal(old.type, 'classic');
  assert.equal(old.members.length, 1);
  assert.deepEqual(old.members[0].assignments, [{ topic: TOPIC, partitions: [0, 1, 2] }]);
  assert.deepEqual(
    old.offsets.map((o: any) => [o.partition, o.owner?.clientId]),
    [
      [0, 'kinds-test'],
      [1, 'kinds-test'],
      [2, 'kinds-test'],
    ],
  );
});

test('offsets of either kind reset only when the group is empty', async () => {
  const reset = (group: string) =>
    stack.api(`/api/groups/${group}/reset-offsets`, {
      method: 'POST',
      body: { offsets: [0, 1, 2].map((partition) => ({ topic: TOPIC, partition, offset: '0' })) },
    });
  for (const group of [MODERN, CLASSIC]) {
    const preview = await stack.api(`/api/groups/${group}/reset-offsets/preview`, { method: 'POST', body: { strategy: { type: 'earliest' }, topic: TOPIC } });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.match(preview.body.blockedReason ?? '', /Stable with 1 member/);
    assert.equal((await reset(group)).status, 409, `${group} has an active member`);
    // Either kind's members count: DescribeGroups alone calls a consumer-protocol group Dead or unknown.
    const deleted = await stack.api(`/api/groups/${group}`, { method: 'DELETE' });
    assert.equal(deleted.status, 409, `deleting ${group} with a member: ${JSON.stringify(deleted.body)}`);
    assert.match(deleted.body.error?.message ?? JSON.stringify(deleted.body), /1 active member/);
  }

  member!.stdin!.end('close\n');
  await until('the consumer-protocol member to leave', () => (events.some((e) => e.event === 'closed') ? true : undefined));
  await classic!.disconnect();
  classic = undefined;
  for (const group of [MODERN, CLASSIC]) {
    const empty = await until(`${group} to be Empty`, async () => {
      const d = (await stack.api(`/api/groups/${group}`)).body;
      return d.state === 'Empty' && d.members.length === 0 ? d : undefined;
    });
    assert.ok(
      empty.offsets.every((o: any) => o.owner === null),
      'no member holds a partition of an empty group',
    );
    const applied = await reset(group);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    const after = (await stack.api(`/api/groups/${group}`)).body;
    assert.deepEqual(
      after.offsets.map((o: any) => o.committedOffset),
      ['0', '0', '0'],
    );
    assert.equal(after.totalLag, '30');
    assert.equal(after.type, group === MODERN ? 'consumer' : 'classic');
  }
});
