/**
 * The newer Python clients from PyPI, beside Debian's (python-clients.test.ts and
 * test/groups/python-groups.test.ts run Debian's kafka-python 2.0.2 and confluent-kafka 1.x):
 * kafka-python 3.x (produce, consume, a group, the admin client, transactions) and
 * confluent-kafka 2.x (transactions; its KIP-848 groups are in test/groups/consumer-protocol-python).
 * They run under the python3 first on PATH, where scripts/install-test-tools.sh pip-installs them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';

const { Kafka, logLevel } = kafkajs;
const run = promisify(execFile);
const PYTHON = 'python3';
let broker: BrokerProcess;

/** Runs a script under PyPI's python3 and parses the JSON it prints last. */
async function python<T>(dir: 'broker' | 'groups', name: string, args: string[]): Promise<T> {
  const { stdout } = await run(PYTHON, [join(import.meta.dirname, '..', dir, 'python', name), broker.bootstrap, ...args], { timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as T;
}

before(async () => {
  broker = await startBroker();
  const admin = new Kafka({ clientId: 'kayak-pypi', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: 'py3-group', numPartitions: 2 }, { topic: 'py3-txn' }, { topic: 'ck2-txn' }, { topic: 'ck2-txn-in' }, { topic: 'ck2-txn-idem' }],
  });
  const producer = new Kafka({ clientId: 'kayak-pypi', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: 'py3-group', messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `v${i}` })) });
  await producer.disconnect();
  await admin.disconnect();
});

after(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

test('the PyPI clients are the versions this file claims', async () => {
  const { stdout } = await run(PYTHON, ['-c', 'import kafka, confluent_kafka; print(kafka.__version__, confluent_kafka.version())']);
  const [kafkaPython, confluent] = stdout.trim().split(' ');
  assert.match(kafkaPython as string, /^3\./);
  assert.match(confluent as string, /^2\./);
});

test('kafka-python 3.x produces and reads back with assign + seek', async () => {
  const r = await python<{
    produced: number[];
    records: { offset: number; key: string; value: string; headers: Record<string, string> }[];
    end: number;
    begin: number;
  }>('broker', 'kafka_python_roundtrip.py', ['py3-roundtrip']);
  assert.deepEqual(
    r.produced,
    Array.from({ length: 300 }, (_, i) => i),
  );
  assert.deepEqual(
    r.records,
    Array.from({ length: 200 }, (_, n) => ({ offset: n + 100, key: `k${n + 100}`, value: `v${n + 100}`, headers: { h: String(n + 100) } })),
  );
  assert.deepEqual([r.begin, r.end], [0, 300]);
});

test('kafka-python 3.x: a group member consumes and commits, the admin client manages topics, configs, records and the group', async () => {
  const group = await python<{ values: string[]; committed: Record<string, number>; assignment: number[] }>('groups', 'kafka_python_group.py', [
    'py3-group',
    'py3-g',
    '10',
  ]);
  assert.deepEqual(group.values.sort(), Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
  assert.deepEqual(group.assignment, [0, 1]);
  assert.deepEqual(group.committed, { 0: 5, 1: 5 });

  const admin = await python<Record<string, unknown>>('broker', 'kafka_python3_admin.py', ['py3-group', 'py3-g']);
  assert.deepEqual(admin, {
    listed: true,
    partitions: [0, 1],
    configs: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
    partitions_after: 4,
    low_high: [4, 10],
    brokers: 1,
    groups: true,
    group_state: 'Empty',
    committed: { 0: 5, 1: 5 },
    committed_after: { 0: 1 },
    log_dirs: true,
    deleted: true,
  });
});

test('kafka-python 3.x transactions: commit, abort, offsets sent to the transaction; committed and uncommitted readers', async () => {
  const r = await python<{ read_committed: string[]; read_uncommitted: string[]; group_offset: number }>('broker', 'kafka_python3_transactions.py', [
    'py3-txn',
  ]);
  const commits = [...Array.from({ length: 5 }, (_, i) => `commit-${i}`), 'last-0', 'last-1'];
  assert.deepEqual(r.read_committed, commits);
  assert.deepEqual(r.read_uncommitted, [...commits.slice(0, 5), 'abort-0', 'abort-1', 'abort-2', 'last-0', 'last-1']);
  assert.equal(r.group_offset, 7);
});

test('confluent-kafka 2.x: idempotent producer, transactions with offsets, committed and uncommitted readers', async () => {
  const r = await python<{ idem_unflushed: number; group_offset: number; read_committed: string[]; read_uncommitted: string[]; idem: string[] }>(
    'broker',
    'confluent_transactions.py',
    ['ck2-txn'],
  );
  assert.equal(r.idem_unflushed, 0);
  assert.deepEqual(
    r.idem,
    Array.from({ length: 200 }, (_, i) => `v${i}`),
  );
  assert.equal(r.group_offset, 33, 'only the committed transaction moved the group offset');
  assert.deepEqual(r.read_committed, [...Array.from({ length: 10 }, (_, i) => `commit-${i}`), 'commit-last']);
  assert.deepEqual(r.read_uncommitted, [
    ...Array.from({ length: 10 }, (_, i) => `commit-${i}`),
    ...Array.from({ length: 4 }, (_, i) => `abort-${i}`),
    'commit-last',
  ]);
});
