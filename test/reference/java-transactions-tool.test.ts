/**
 * `kafka-transactions` (Kafka's TransactionsCommand) against the bundled broker while a Java
 * producer holds a transaction open: list, describe, describe-producers and find-hanging answer
 * as Apache Kafka 4.1 does (same columns; ids, epochs and partitions equal), and the
 * transaction's end shows in list.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kafkaTool } from './kafka-fixture.ts';
import { useJavaPrograms } from './java-programs.ts';

const TOPIC = 'java-open';
const TXN = 'open-txn';
const java = useJavaPrograms(['OpenTransaction.java']);
const bootstrap = (): string => java.broker().bootstrap;

/** The tool prints a tab-separated table padded with spaces: rows of trimmed cells, header first. */
async function transactions(args: string[]): Promise<string[][]> {
  const out = await kafkaTool('org.apache.kafka.tools.TransactionsCommand', ['--bootstrap-server', bootstrap(), ...args]);
  return out
    .trim()
    .split('\n')
    .map((l) =>
      l
        .split('\t')
        .map((c) => c.trim())
        .filter((c, i, all) => c !== '' || i < all.length - 1),
    );
}

describe('kafka-transactions against an open transaction', () => {
  test('list, describe, describe-producers, find-hanging; then the commit shows', async () => {
    await kafkaTool('org.apache.kafka.tools.TopicCommand', [
      '--bootstrap-server',
      bootstrap(),
      '--create',
      '--topic',
      TOPIC,
      '--partitions',
      '2',
      '--replication-factor',
      '1',
    ]);
    const holder = java.start('OpenTransaction', [bootstrap(), TOPIC, TXN, '2']);
    await holder.waitFor(/^OPEN$/);

    assert.deepEqual(await transactions(['list']), [
      ['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'],
      [TXN, '1', '0', 'Ongoing'],
    ]);

    const [header, row, ...rest] = await transactions(['describe', '--transactional-id', TXN]);
    assert.deepEqual(header, [
      'CoordinatorId',
      'TransactionalId',
      'ProducerId',
      'ProducerEpoch',
      'TransactionState',
      'TransactionTimeoutMs',
      'CurrentTransactionStartTimeMs',
      'TransactionDurationMs',
      'TopicPartitions',
    ]);
    assert.equal(rest.length, 0);
    const [coordinator, id, producerId, epoch, state, timeout, start, duration, partitions] = row!;
    assert.deepEqual([coordinator, id, producerId, epoch, state, timeout, partitions], ['1', TXN, '0', '0', 'Ongoing', '60000', `${TOPIC}-0,${TOPIC}-1`]);
    // Started a moment ago, by this machine's clock.
    assert.ok(Math.abs(Number(start) - Date.now()) < 120_000, `start time ${start}`);
    assert.ok(Number(duration) >= 0 && Number(duration) < 120_000, `duration ${duration}`);

    const producers = await transactions(['describe-producers', '--topic', TOPIC, '--partition', '0']);
    assert.deepEqual(producers[0], ['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset']);
    assert.equal(producers.length, 2);
    const [pid, pepoch, coordEpoch, lastSeq, , startOffset] = producers[1]!;
    assert.deepEqual([pid, pepoch, coordEpoch, lastSeq, startOffset], ['0', '0', '-1', '0', '0']);

    // Open for seconds, not the minutes find-hanging looks for: nothing hanging.
    const hanging = await transactions(['find-hanging', '--broker-id', '1']);
    assert.deepEqual(hanging, [['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)']]);

    holder.send('commit');
    await holder.waitFor(/^ENDED$/);
    assert.deepEqual((await transactions(['list']))[1], [TXN, '1', '0', 'CompleteCommit']);
  });
});
