/**
 * Kafka's Java producer against the bundled broker: with Kafka's defaults (idempotent, acks=all)
 * every record lands once and in order per key; a transactional producer's committed records are
 * all a read_committed consumer sees, and a second producer with the same transactional.id fences
 * the first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kafkaTool } from './kafka-fixture.ts';
import { useJavaPrograms } from './java-programs.ts';

const programs = useJavaPrograms(['DefaultProducer.java', 'TransactionalProducer.java']);

const createTopic = (topic: string, partitions: number): Promise<string> =>
  kafkaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    programs.broker().bootstrap,
    '--create',
    '--topic',
    topic,
    '--partitions',
    String(partitions),
    '--replication-factor',
    '1',
  ]);

async function java(mainClass: string, args: string[]): Promise<string[]> {
  const res = await programs.run(mainClass, args);
  assert.equal(res.code, 0, res.failure);
  return res.stdout.split('\n');
}

describe('Java producer with default settings (idempotent, acks=all)', () => {
  test('N keyed records are read back exactly once, in order per key', async () => {
    const N = 500;
    const KEYS = 7;
    await createTopic('java-idempotent', 3);
    const lines = await java('DefaultProducer', [programs.broker().bootstrap, 'java-idempotent', String(N), String(KEYS)]);
    const fields = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.split(' ').slice(1));
    const sent = fields('SENT ');
    const read = fields('RECORD ');
    assert.equal(sent.length, N);
    assert.equal(read.length, N, 'every record read once, none twice');
    assert.equal(new Set(read.map((r) => r[3])).size, N);
    // What the producer was acknowledged is exactly what the consumer reads: same partition and offset.
    const at = (r: string[]) => `${r[0]}:${r[1]}:${r[2]}:${r[3]}`;
    assert.deepEqual(read.map(at).sort(), sent.map(at).sort());
    // Offsets per partition are dense from 0: nothing duplicated or lost on the broker's side.
    for (const p of new Set(read.map((r) => r[0]))) {
      const offsets = read.filter((r) => r[0] === p).map((r) => Number(r[1]));
      assert.deepEqual(
        offsets,
        offsets.map((_, i) => i),
        `partition ${p} offsets`,
      );
    }
    // Per key, the values come back in the order they were sent.
    for (let k = 0; k < KEYS; k++) {
      const values = read.filter((r) => r[2] === `k${k}`).map((r) => Number(r[3]!.slice(1)));
      assert.deepEqual(
        values,
        [...values].sort((a, b) => a - b),
        `key k${k} in order`,
      );
      assert.equal(new Set(read.filter((r) => r[2] === `k${k}`).map((r) => r[0])).size, 1, `key k${k} on one partition`);
    }
    // The records came from an idempotent producer: the broker tracked one producer id on the
    // partition with the sequence of its last record (as `kafka-transactions describe-producers` shows it).
    const described = await kafkaTool('org.apache.kafka.tools.TransactionsCommand', [
      '--bootstrap-server',
      programs.broker().bootstrap,
      'describe-producers',
      '--topic',
      'java-idempotent',
      '--partition',
      '0',
    ]);
    const producers = described
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t').map((c) => c.trim()));
    assert.equal(producers.length, 1, described);
    const [producerId, epoch, , lastSequence] = producers[0]!;
    assert.ok(Number(producerId) >= 0, described);
    assert.equal(epoch, '0');
    assert.equal(Number(lastSequence), read.filter((r) => r[0] === '0').length - 1, described);
  });
});

describe('transactional Java producer', () => {
  test('commit and abort; read_committed sees exactly the committed records; same transactional.id fences', async () => {
    await createTopic('java-txn', 1);
    const lines = await java('TransactionalProducer', [programs.broker().bootstrap, 'java-txn', 'java-txn-id']);
    const line = (prefix: string) => (lines.find((l) => l.startsWith(prefix)) ?? '').slice(prefix.length).split(' ').filter(Boolean);
    assert.deepEqual(line('FENCED '), ['ProducerFencedException']);
    const committed = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 's0', 's1'];
    assert.deepEqual(line('COMMITTED '), committed);
    // read_uncommitted also sees the aborted records (and the fenced producer's), which shows the aborted ones were written.
    const uncommitted = line('UNCOMMITTED ');
    assert.deepEqual(uncommitted, ['c0', 'c1', 'c2', 'c3', 'c4', 'a0', 'a1', 'a2', 'a3', 'a4', 'c5', 'c6', 'c7', 'c8', 'c9', 'f0', 'f1', 'f2', 's0', 's1']);
  });
});
