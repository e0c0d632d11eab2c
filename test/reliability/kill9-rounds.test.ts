/**
 * kill -9 rounds: in each round a kafkajs producer sends with acks=all while a kafkajs group
 * consumer reads and commits, then the broker is killed with SIGKILL mid-traffic and restarted
 * on the same data. Across all rounds: every acknowledged record is still at its offset with
 * its value, each partition's log is contiguous from 0 with records in the order they were
 * sent and without corruption, and the committed offset read back after each restart is at
 * least the last commit the broker acknowledged. KILL_ROUNDS: 5 in `npm test`, 50 in soak.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, tempDataDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { FAST_GROUP_CONFIG, waitFor } from '../groups/group-helpers.ts';
import { KILL_ROUNDS, timeoutFor } from './scale.ts';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;

const TOPIC = 'rounds';
const GROUP = 'rounds-group';
const PARTITIONS = 2;
/** How long each round's traffic runs before the kill. */
const TRAFFIC_MS = 1500;

const client = (bootstrap: string): Kafka =>
  new Kafka({ clientId: 'kill9-rounds', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 500 } });

interface Acked {
  value: string;
}

/** One round of traffic; resolves once the broker was killed and both clients gave up. */
async function round(broker: BrokerProcess, n: number, acked: Map<string, Acked>, lastCommit: bigint[]): Promise<{ records: number; commits: number }> {
  const kafka = client(broker.bootstrap);
  const producer = kafka.producer({ retry: { retries: 0 } });
  // A short session: after a kill the dead member of the previous round must expire before the group rebalances.
  // No restart after the kill: a restarting consumer would outlive its round and keep the test process alive.
  const consumer = kafka.consumer({
    groupId: GROUP,
    sessionTimeout: 2500,
    heartbeatInterval: 250,
    maxWaitTimeInMs: 100,
    retry: { retries: 0, restartOnFailure: async () => false },
  });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let commits = 0;
  let killed = false;
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const next = BigInt(batch.lastOffset()) + 1n;
      await consumer.commitOffsets([{ topic: TOPIC, partition: batch.partition, offset: next.toString() }]);
      // Only a commit the broker acknowledged counts; one that fails with the kill does not.
      if (!killed && next > (lastCommit[batch.partition] as bigint)) lastCommit[batch.partition] = next;
      commits++;
    },
  });
  let records = 0;
  const produce = (async () => {
    for (let seq = 0; ; seq++) {
      const partition = seq % PARTITIONS;
      const values = Array.from({ length: 10 }, (_, i) => `r${n}-p${partition}-${seq * 10 + i}`);
      try {
        const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages: values.map((value) => ({ partition, value })) });
        const base = BigInt(meta?.baseOffset ?? '-1');
        values.forEach((value, i) => acked.set(`${partition}@${base + BigInt(i)}`, { value }));
        records += values.length;
      } catch {
        return; // the broker is gone
      }
    }
  })();
  await new Promise((r) => setTimeout(r, TRAFFIC_MS));
  await broker.kill9();
  killed = true;
  await produce;
  await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
  return { records, commits };
}

async function committedOffsets(kafka: Kafka): Promise<bigint[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    return (topic?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => BigInt(p.offset));
  } finally {
    await admin.disconnect();
  }
}

/** The whole partition: contiguous offsets, values well formed and in send order within each round. */
async function checkPartition(bootstrap: string, partition: number, acked: Map<string, Acked>): Promise<number> {
  const records = await readPartition(bootstrap, TOPIC, partition, 0n, 10_000_000);
  const lastSeq = new Map<string, number>();
  records.forEach((m, i) => {
    assert.equal(m.offset, String(i), `partition ${partition}: offsets are contiguous`);
    const value = m.value?.toString() ?? '';
    const parsed = /^r(\d+)-p(\d+)-(\d+)$/.exec(value);
    assert.ok(parsed, `partition ${partition} offset ${i}: well-formed value, got ${JSON.stringify(value)}`);
    assert.equal(Number(parsed[2]), partition, `offset ${i} holds a record for partition ${parsed[2]}`);
    const seq = Number(parsed[3]);
    assert.ok(seq > (lastSeq.get(parsed[1] as string) ?? -1), `partition ${partition} offset ${i}: ${value} is out of order`);
    lastSeq.set(parsed[1] as string, seq);
  });
  for (const [key, { value }] of acked) {
    const [p, offset] = key.split('@') as [string, string];
    if (Number(p) !== partition) continue;
    assert.equal(records[Number(offset)]?.value?.toString(), value, `acknowledged ${value} at ${key}`);
  }
  return records.length;
}

test(
  `${KILL_ROUNDS} kill -9 rounds during acks=all produce and group commits lose nothing acknowledged`,
  { timeout: timeoutFor(KILL_ROUNDS, 30_000) },
  async (t) => {
    const dataDir = tempDataDir();
    let broker = await startBroker({ dataDir, config: FAST_GROUP_CONFIG });
    const acked = new Map<string, Acked>();
    const lastCommit: bigint[] = Array.from({ length: PARTITIONS }, () => -1n);
    const started = Date.now();
    try {
      const admin = client(broker.bootstrap).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }], waitForLeaders: true });
      await admin.disconnect();
      let totalCommits = 0;
      for (let n = 1; n <= KILL_ROUNDS; n++) {
        const { records, commits } = await round(broker, n, acked, lastCommit);
        totalCommits += commits;
        assert.ok(records > 0, `round ${n} acknowledged no record before the kill`);
        broker = await startBroker({ dataDir, config: FAST_GROUP_CONFIG });
        const lengths = [];
        for (let p = 0; p < PARTITIONS; p++) lengths.push(await checkPartition(broker.bootstrap, p, acked));
        const committed = await committedOffsets(client(broker.bootstrap));
        for (let p = 0; p < PARTITIONS; p++) {
          const got = committed[p] ?? -1n;
          assert.ok(got >= (lastCommit[p] as bigint), `round ${n} partition ${p}: committed ${got} after restart, acknowledged ${lastCommit[p]}`);
          assert.ok(got <= BigInt(lengths[p] as number), `round ${n} partition ${p}: committed ${got} is past the log end ${lengths[p]}`);
        }
      }
      // The consumer made progress across the rounds, so the commit check was not vacuous.
      assert.ok(
        lastCommit.every((c) => c > 0n),
        `commits were acknowledged on every partition (${lastCommit.join(', ')})`,
      );
      await waitFor('the broker to answer after the last round', async () => (await committedOffsets(client(broker.bootstrap))).length === PARTITIONS);
      t.diagnostic(
        `${KILL_ROUNDS} rounds in ${Date.now() - started} ms: ${acked.size} acknowledged records, ${totalCommits} acknowledged commits, final commits ${lastCommit.join(', ')}`,
      );
    } finally {
      await broker.stop();
      removeDir(dataDir);
    }
  },
);
