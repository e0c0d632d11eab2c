/**
 * Transactions and idempotence with more real clients, unmodified: confluent-kafka-python
 * (librdkafka, Debian's /usr/bin/python3) with read_committed and read_uncommitted consumers,
 * and @platformatic/kafka's transactional producer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchTopic, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
  const admin = new Admin({ clientId: 'kayak-txn-admin', bootstrapBrokers: [broker.bootstrap] });
  try {
    await admin.createTopics({ topics: ['py-txn', 'py-txn-in', 'py-txn-idem', 'pk-txn'], partitions: 1, replicas: 1 });
  } finally {
    await admin.close();
  }
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('confluent-kafka-python: idempotent producer, transactions with offsets, committed and uncommitted readers', async () => {
  const script = join(import.meta.dirname, 'python', 'confluent_transactions.py');
  const { stdout } = await run(PYTHON, [script, broker.bootstrap, 'py-txn'], { timeout: 120_000 });
  const r = JSON.parse(stdout) as { idem_unflushed: number; group_offset: number; read_committed: string[]; read_uncommitted: string[]; idem: string[] };
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

test('@platformatic/kafka transactional producer: a commit is visible, an abort is listed as aborted', async () => {
  const producer = new Producer({
    clientId: 'kayak-pk-txn',
    bootstrapBrokers: [broker.bootstrap],
    serializers: stringSerializers,
    idempotent: true,
    transactionalId: 'pk-txn-id',
  });
  try {
    const t1 = await producer.beginTransaction();
    await t1.send({ messages: [{ topic: 'pk-txn', partition: 0, key: 'a', value: 'committed' }] });
    await t1.commit();
    const t2 = await producer.beginTransaction();
    await t2.send({ messages: [{ topic: 'pk-txn', partition: 0, key: 'b', value: 'aborted' }] });
    await t2.abort();
  } finally {
    await producer.close();
  }
  const client = await RawClient.connect(broker.port);
  try {
    const r = await client.request(
      1,
      11,
      encodeFetchRequest,
      {
        ...defaultFetchRequest(),
        isolationLevel: 1,
        topics: [
          { ...defaultFetchTopic(), topic: 'pk-txn', partitions: [{ ...defaultFetchPartition(), partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] },
        ],
      },
      decodeFetchResponse,
    );
    const p = r.responses[0]!.partitions[0]!;
    assert.equal(p.lastStableOffset, 4n, 'record, COMMIT marker, record, ABORT marker');
    assert.equal(p.abortedTransactions?.length, 1);
    assert.equal(p.abortedTransactions?.[0]?.firstOffset, 2n);
  } finally {
    client.close();
  }
});
