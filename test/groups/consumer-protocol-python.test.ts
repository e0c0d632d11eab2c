/**
 * KIP-848 consumer groups with a real client: confluent-kafka 2.x from PyPI (librdkafka 2.x)
 * with `group.protocol=consumer`. Two members split the partitions, one leaves and the other
 * takes over, every record is consumed exactly once across the hand-over (revocation before
 * assignment, commits with member epochs), and a later member resumes from the commits.
 * Runs under the python3 first on PATH, where scripts/install-test-tools.sh pip-installs it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { uniqueName, waitFor } from './group-helpers.ts';
import { encodeConsumerGroupDescribeRequest } from '../../broker/protocol/messages/consumer-group-describe-request.ts';
import { decodeConsumerGroupDescribeResponse } from '../../broker/protocol/messages/consumer-group-describe-response.ts';
import { encodeListGroupsRequest, defaultListGroupsRequest } from '../../broker/protocol/messages/list-groups-request.ts';
import { decodeListGroupsResponse } from '../../broker/protocol/messages/list-groups-response.ts';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;

const SCRIPT = join(import.meta.dirname, 'python', 'kip848_member.py');
let broker: BrokerProcess;
let kafka: Kafka;

/** A python consumer process and what it reported. */
class Member {
  readonly owned = new Set<number>();
  readonly records: { partition: number; offset: number; value: string }[] = [];
  readonly events: string[] = [];
  closed = false;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(topic: string, groupId: string, assignor?: string) {
    this.child = spawn('python3', [SCRIPT, broker.bootstrap, topic, groupId, ...(assignor ? [assignor] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.events.push(line);
      const e = JSON.parse(line) as { event: string; partitions?: number[]; partition?: number; offset?: number; value?: string };
      if (e.event === 'assign') for (const p of e.partitions ?? []) this.owned.add(p);
      if (e.event === 'revoke') for (const p of e.partitions ?? []) this.owned.delete(p);
      if (e.event === 'record') this.records.push({ partition: e.partition!, offset: e.offset!, value: e.value! });
      if (e.event === 'closed') this.closed = true;
    });
  }

  async close(): Promise<void> {
    this.child.stdin?.end('close\n');
    await waitFor('consumer to close', () => this.closed, 30_000);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  describe(): string {
    return `events: ${this.events.slice(-20).join('\n')}\nstderr: ${this.stderr.slice(-2000)}`;
  }
}

before(async () => {
  broker = await startBroker({ config: { 'group.consumer.heartbeat.interval.ms': '300', 'group.consumer.session.timeout.ms': '6000' } });
  kafka = new Kafka({ clientId: 'kayak-kip848', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

async function produce(topic: string, partitions: number, from: number, count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition: (from + i) % partitions, value: `v${from + i}` })) });
  await producer.disconnect();
}

async function describeGroup(groupId: string) {
  const client = await RawClient.connect(broker.port);
  try {
    const res = await client.request(
      69,
      0,
      encodeConsumerGroupDescribeRequest,
      { groupIds: [groupId], includeAuthorizedOperations: false },
      decodeConsumerGroupDescribeResponse,
    );
    const listed = await client.request(16, 5, encodeListGroupsRequest, { ...defaultListGroupsRequest(), typesFilter: ['consumer'] }, decodeListGroupsResponse);
    return { group: res.groups[0]!, listed: listed.groups.find((g) => g.groupId === groupId) };
  } finally {
    client.close();
  }
}

for (const assignor of ['uniform', 'range']) {
  test(`confluent-kafka group.protocol=consumer (${assignor}): split, hand-over on leave, exactly-once across it, resume from commits`, async () => {
    const topic = uniqueName('kip848');
    const groupId = uniqueName('kip848-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    await produce(topic, 4, 0, 40);

    const a = new Member(topic, groupId, assignor);
    const b = new Member(topic, groupId, assignor);
    try {
      await waitFor('both members to own two partitions each', () => a.owned.size === 2 && b.owned.size === 2, 45_000).catch((err: Error) => {
        throw new Error(`${err.message}\nA ${a.describe()}\nB ${b.describe()}`);
      });
      assert.deepEqual([...a.owned, ...b.owned].sort(), [0, 1, 2, 3], 'the members own disjoint halves');
      await waitFor('all 40 records consumed', () => a.records.length + b.records.length >= 40);

      const { group, listed } = await describeGroup(groupId);
      assert.equal(group.errorCode, 0);
      assert.equal(group.groupState, 'Stable');
      assert.equal(group.assignorName, assignor);
      assert.equal(group.members.length, 2);
      assert.ok(
        group.members.every((m) => m.memberEpoch === group.assignmentEpoch && m.memberEpoch > 0),
        'every member is at the assignment epoch',
      );
      assert.ok(
        group.members.every((m) => m.assignment.topicPartitions[0]?.topicName === topic && m.assignment.topicPartitions[0]?.partitions.length === 2),
        'each member owns two partitions of the topic',
      );
      assert.equal(listed?.groupType, 'consumer');
      assert.equal(listed?.groupState, 'Stable');

      await a.close();
      await waitFor('B to take over every partition', () => b.owned.size === 4, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\nB ${b.describe()}`);
      });
      await produce(topic, 4, 40, 40);
      await waitFor('B to consume the next 40 records', () => a.records.length + b.records.length >= 80);
      const seen = [...a.records, ...b.records].map((r) => `${r.partition}:${r.offset}`);
      assert.equal(new Set(seen).size, seen.length, 'no record was consumed twice across the hand-over');
      assert.equal(seen.length, 80);
      await b.close();

      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      assert.deepEqual(offsets[0]?.partitions.map((p) => p.offset).sort(), ['20', '20', '20', '20'], 'every record committed');

      await produce(topic, 4, 80, 8);
      const c = new Member(topic, groupId, assignor);
      try {
        await waitFor('C to consume the 8 new records', () => c.records.length >= 8, 45_000);
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(c.records.map((r) => r.value).sort(), Array.from({ length: 8 }, (_, i) => `v${80 + i}`).sort(), 'C resumed from the commits');
        await c.close();
      } finally {
        c.kill();
      }
      const empty = await describeGroup(groupId);
      assert.equal(empty.group.groupState, 'Empty');
    } finally {
      a.kill();
      b.kill();
      await admin.disconnect();
    }
  });
}
