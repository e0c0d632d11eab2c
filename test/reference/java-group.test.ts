/**
 * Kafka's Java consumer (classic group protocol) and `kafka-consumer-groups` against the bundled
 * broker: two members share a topic, the survivor takes over when one leaves and resumes at the
 * committed offsets, a new member resumes there too; then the tool's --describe and
 * --reset-offsets --dry-run answers are compared row for row with the console's group view and
 * reset preview.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import { randomName, startStack, type Stack } from '../console/stack.ts';
import { compileJava, kafkaTool, startJava, type JavaProcess } from './kafka-fixture.ts';

const { Kafka, logLevel } = kafkajs;
const TOPIC = randomName('java-group');
const GROUP = randomName('java-group');
const PARTITIONS = 4;
/**
 * Record timestamps: record i of a round is BASE_TS + i seconds, so --to-datetime lands mid-log.
 * They lie in the future, which the topic allows (message.timestamp.after.max.ms), as Kafka would.
 */
const BASE_TS = Date.UTC(2030, 0, 1);

let stack: Stack;
let classes: string;
let producer: ReturnType<InstanceType<typeof Kafka>['producer']>;
const members: JavaProcess[] = [];

before(async () => {
  [stack, classes] = await Promise.all([startStack(), compileJava([join(import.meta.dirname, 'java', 'GroupMember.java')])]);
  const kafka = new Kafka({ clientId: 'java-group-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: TOPIC, numPartitions: PARTITIONS, configEntries: [{ name: 'message.timestamp.after.max.ms', value: '9223372036854775807' }] }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  producer = kafka.producer();
  await producer.connect();
});
after(async () => {
  for (const m of members) m.kill();
  await producer?.disconnect();
  await stack?.stop();
});

/** `perPartition` records on every partition, values `<round>-<partition>-<i>`. */
async function produce(round: string, perPartition: number): Promise<void> {
  const messages = [];
  for (let p = 0; p < PARTITIONS; p++) {
    for (let i = 0; i < perPartition; i++) messages.push({ partition: p, key: `k${p}`, value: `${round}-${p}-${i}`, timestamp: String(BASE_TS + i * 1000) });
  }
  await producer.send({ topic: TOPIC, messages });
}

function member(clientId: string): JavaProcess {
  const m = startJava('GroupMember', [stack.broker, TOPIC, GROUP, clientId], { extraClasspath: [classes] });
  members.push(m);
  return m;
}

const assigned = (line: string): number[] =>
  line
    .replace(/^ASSIGNED ?/, '')
    .split(',')
    .filter(Boolean)
    .map(Number);
const records = (m: JavaProcess): string[] =>
  m
    .lines()
    .filter((l) => l.startsWith('RECORD '))
    .map((l) => l.split(' ')[4]!);

async function waitForRecords(ms: JavaProcess[], count: number): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const seen = ms.flatMap(records);
    if (seen.length >= count) return seen;
    if (Date.now() > deadline) throw new Error(`saw ${seen.length} of ${count} records:\n${ms.map((m) => m.lines().join('\n')).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The nth stdout line matching. */
async function nth(m: JavaProcess, pattern: RegExp, n: number): Promise<string> {
  let from = 0;
  for (let i = 1; ; i++) {
    const line = await m.waitFor(pattern, { from });
    if (i === n) return line;
    from = m.lines().indexOf(line, from) + 1;
  }
}

async function stop(m: JavaProcess): Promise<void> {
  m.send('stop');
  await m.waitFor(/^CLOSED$/, { timeoutMs: 30_000 });
  assert.equal(await m.exited, 0);
}

describe('Java consumers in one group (classic protocol)', () => {
  test('assignment, rebalance when one leaves, commits, resume', async () => {
    const a = member('member-a');
    await a.waitFor(/^ASSIGNED 0,1,2,3$/);
    const b = member('member-b');
    // The second member joins: the partitions are split between the two, none is shared.
    const bLine = await b.waitFor(/^ASSIGNED \d/);
    const aLine = await nth(a, /^ASSIGNED \d/, 2);
    const split = [assigned(aLine), assigned(bLine)];
    assert.deepEqual(split.flat().sort(), [0, 1, 2, 3], `disjoint and complete: ${JSON.stringify(split)}`);
    assert.ok(
      split.every((s) => s.length === 2),
      `two partitions each: ${JSON.stringify(split)}`,
    );

    await produce('a', 5);
    const first = await waitForRecords([a, b], 20);
    assert.equal(new Set(first).size, 20, 'each record once');
    for (const [m, parts] of [
      [a, split[0]!],
      [b, split[1]!],
    ] as const) {
      assert.deepEqual([...new Set(records(m).map((v) => Number(v.split('-')[1])))].sort(), parts, 'each member reads its own partitions');
    }

    // B leaves: A gets all four partitions and reads the new records, nothing twice.
    const mark = a.lines().length;
    await stop(b);
    await a.waitFor(/^ASSIGNED 0,1,2,3$/, { from: mark });
    await produce('b', 2);
    const all = await waitForRecords([a, b], 28);
    assert.equal(all.length, 28, 'no record read twice across the rebalance');
    assert.deepEqual(
      records(a)
        .filter((v) => v.startsWith('b-'))
        .sort(),
      ['b-0-0', 'b-0-1', 'b-1-0', 'b-1-1', 'b-2-0', 'b-2-1', 'b-3-0', 'b-3-1'],
    );
    await stop(a);

    // The console sees the committed offsets: nothing left to read.
    const group = await stack.api(`/api/groups/${GROUP}`);
    assert.equal(group.status, 200, JSON.stringify(group.body));
    assert.equal(group.body.state, 'Empty');
    assert.equal(group.body.totalLag, '0');

    // A new member resumes at the committed offsets: only what was produced since.
    await produce('c', 1);
    const c = member('member-c');
    await c.waitFor(/^ASSIGNED 0,1,2,3$/);
    const resumed = await waitForRecords([c], 4);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(records(c).sort(), ['c-0-0', 'c-1-0', 'c-2-0', 'c-3-0'], 'resumed where the group left off');
    await stop(c);
    assert.equal(resumed.length, 4);
  });
});

/** `kafka-consumer-groups` output rows (header skipped), split on whitespace. */
function rows(out: string): string[][] {
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[0] === GROUP);
}

const groupsTool = (args: string[]): Promise<string> =>
  // UTC, so --to-datetime without a zone means the same instant to the tool and to the test.
  kafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', stack.broker, '--group', GROUP, ...args], {
    props: { 'user.timezone': 'UTC' },
  });

describe('kafka-consumer-groups against the console', () => {
  before(async () => {
    // Move the group off the log end, so every strategy moves somewhere different.
    const preview = await stack.api(`/api/groups/${GROUP}/reset-offsets/preview`, {
      method: 'POST',
      body: { strategy: { type: 'shift', by: -3 }, topic: TOPIC },
    });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    const offsets = preview.body.rows.map((r: any) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset }));
    const applied = await stack.api(`/api/groups/${GROUP}/reset-offsets`, { method: 'POST', body: { offsets } });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
  });

  test('--describe matches the console: current offset, log end and lag per partition', async () => {
    const described = rows(await groupsTool(['--describe'])).map(([, topic, partition, current, end, lag]) => [topic, Number(partition), current, end, lag]);
    const group = await stack.api(`/api/groups/${GROUP}`);
    const shown = group.body.offsets.map((o: any) => [o.topic, o.partition, o.committedOffset ?? '-', o.logEndOffset, o.lag]);
    const byPartition = (a: unknown[], b: unknown[]) => (a[1] as number) - (b[1] as number);
    assert.deepEqual(described.sort(byPartition), shown.sort(byPartition));
    assert.equal(described.length, PARTITIONS);
  });

  const strategies: [string, string[], object][] = [
    ['to-earliest', ['--to-earliest'], { type: 'earliest' }],
    ['to-latest', ['--to-latest'], { type: 'latest' }],
    ['to-offset', ['--to-offset', '3'], { type: 'offset', offset: '3' }],
    ['to-offset past the end', ['--to-offset', '100'], { type: 'offset', offset: '100' }],
    ['shift-by forward', ['--shift-by', '2'], { type: 'shift', by: 2 }],
    ['shift-by back past the start', ['--shift-by', '-50'], { type: 'shift', by: -50 }],
    ['to-datetime', ['--to-datetime', new Date(BASE_TS + 1000).toISOString().replace('Z', '')], { type: 'timestamp', timestamp: String(BASE_TS + 1000) }],
    ['to-datetime after every record', ['--to-datetime', '2031-01-01T00:00:00.000'], { type: 'timestamp', timestamp: String(Date.UTC(2031, 0, 1)) }],
  ];
  for (const [name, flags, strategy] of strategies) {
    test(`--reset-offsets --dry-run ${name} equals the console's preview`, async () => {
      const tool = rows(await groupsTool(['--reset-offsets', '--dry-run', '--topic', TOPIC, ...flags]))
        .map(([, topic, partition, offset]) => `${topic}:${partition}:${offset}`)
        .sort();
      const preview = await stack.api(`/api/groups/${GROUP}/reset-offsets/preview`, { method: 'POST', body: { strategy, topic: TOPIC } });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const console_ = preview.body.rows.map((r: any) => `${r.topic}:${r.partition}:${r.newOffset}`).sort();
      assert.equal(tool.length, PARTITIONS);
      assert.deepEqual(console_, tool);
    });
  }
});
