/**
 * Differential conformance: every sequence in conformance-*.ts runs against Apache Kafka (the
 * fixture, KAYAK_KAFKA_VERSION or 4.1.0) and against the bundled broker, each a fresh cluster,
 * at the highest version of each API both speak; the normalized responses must be equal field
 * by field, except the deviations listed below (and in the README), each with its reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { removeDir, startBroker, type BrokerProcess } from '../helpers/broker-process.ts';
import { startKafka, type KafkaProcess } from './kafka-fixture.ts';
import { agreedVersions, apiVersions, differences, normalize, Target } from './conformance-client.ts';
import { topicSequences, type Sequence } from './conformance-topics.ts';
import { recordSequences } from './conformance-records.ts';
import { groupSequences } from './conformance-groups.ts';

/**
 * Differences kept on purpose: a path pattern (label/response path) and why. The README's
 * deviation list says the same. A listed deviation that no longer occurs fails the test, so the
 * list stays true.
 */
const DEVIATIONS: { sequence: RegExp; path: RegExp; reason: string }[] = [
  {
    sequence: /./,
    path: /\.min\.insync\.replicas\.configSource: bundled 5 vs kafka 3$/,
    reason: "the fixture, not the broker: Kafka 4's storage format records min.insync.replicas as a cluster-wide dynamic default (for ELR)",
  },
  {
    sequence: /legacy alter configs/,
    path: /^topic key on the broker resource\.responses\.0\.error(Code|Message)/,
    reason:
      'AlterConfigs on the BROKER resource with a key that is not a broker config: Kafka 4.1 accepts and stores any name; the broker refuses it with INVALID_CONFIG naming the key',
  },
  {
    sequence: /^transactions:/,
    path: /^describe ongoing\.transactionStates\.0\.topics\.(0\.topic: bundled "conf-txn" vs kafka "__consumer_offsets"|1: bundled undefined)/,
    reason:
      'DescribeTransactions lists no __consumer_offsets partition for AddOffsetsToTxn: the broker keeps committed offsets in its own group log, not in a topic',
  },
];

let kafka: KafkaProcess;
let broker: BrokerProcess;
let versions: Map<number, number>;

before(async () => {
  // The same group settings on both: the fixture's Kafka starts with group.initial.rebalance.delay.ms=0.
  [kafka, broker] = await Promise.all([
    startKafka({ config: { 'group.consumer.min.session.timeout.ms': 1000 } }),
    startBroker({ config: { 'group.initial.rebalance.delay.ms': '0' } }),
  ]);
  versions = agreedVersions(await apiVersions(broker.port), await apiVersions(kafka.port));
});
after(async () => {
  await kafka?.stop();
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

test('the bundled broker advertises no version Apache Kafka does not know', async () => {
  const [b, k] = await Promise.all([apiVersions(broker.port), apiVersions(kafka.port)]);
  const beyond = [...b]
    .filter(([key, r]) => !k.has(key) || r.max > (k.get(key)?.max ?? -1))
    .map(([key, r]) => `${key}: ${r.min}-${r.max} vs ${JSON.stringify(k.get(key))}`);
  assert.deepEqual(beyond, []);
});

const seen = new Set<number>();

function run(name: string, sequence: Sequence): void {
  test(name, async () => {
    const [b, k] = await Promise.all([Target.connect('bundled', broker.port, versions), Target.connect('kafka', kafka.port, versions)]);
    try {
      await Promise.all([sequence(b), sequence(k)]);
      const [nb, nk] = [normalize(b.transcript), normalize(k.transcript)];
      assert.deepEqual(
        nb.map((s) => s.label),
        nk.map((s) => s.label),
      );
      const diffs = nb.flatMap((s, i) => differences(s.response, nk[i]?.response, s.label));
      const allowed = DEVIATIONS.map((d, i) => ({ d, i })).filter(({ d }) => d.sequence.test(name));
      const unexplained = diffs.filter((line) => !allowed.some(({ d, i }) => d.path.test(line) && seen.add(i)));
      assert.deepEqual(unexplained, [], `${name}: the bundled broker answers differently from Apache Kafka ${kafka.version}`);
    } finally {
      b.close();
      k.close();
    }
  });
}

describe('topics and configs', () => {
  for (const [name, seq] of Object.entries(topicSequences)) run(name, seq);
});
describe('produce, fetch, list offsets, delete records', () => {
  for (const [name, seq] of Object.entries(recordSequences)) run(name, seq);
});
describe('groups and transactions', () => {
  for (const [name, seq] of Object.entries(groupSequences)) run(name, seq);
});

test('every listed deviation still occurs', () => {
  assert.deepEqual(
    DEVIATIONS.filter((_, i) => !seen.has(i)).map((d) => d.reason),
    [],
  );
});
