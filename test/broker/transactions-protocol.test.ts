/**
 * Transactions at the protocol level against the real broker process: Kafka's error codes for
 * bad input (unknown transactional id, unknown topic, a transactional Produce to a partition
 * not in the transaction, stale epochs), the last stable offset and aborted-transaction list a
 * READ_COMMITTED Fetch returns, and crash safety: kill -9 with a transaction open (aborted by
 * its timeout after restart) and a crash after the commit decision but before the markers
 * (completed at restart), transactional epochs (KIP-360) and transactional offsets.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { makeSimpleBatch } from '../log/make-batch.ts';
import { ErrorCode } from '../../broker/protocol/error-codes.ts';
import { encodeProduceRequest, defaultProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { encodeInitProducerIdRequest, defaultInitProducerIdRequest } from '../../broker/protocol/messages/init-producer-id-request.ts';
import { decodeInitProducerIdResponse } from '../../broker/protocol/messages/init-producer-id-response.ts';
import { encodeAddPartitionsToTxnRequest, defaultAddPartitionsToTxnRequest } from '../../broker/protocol/messages/add-partitions-to-txn-request.ts';
import { decodeAddPartitionsToTxnResponse } from '../../broker/protocol/messages/add-partitions-to-txn-response.ts';
import { encodeEndTxnRequest, defaultEndTxnRequest } from '../../broker/protocol/messages/end-txn-request.ts';
import { decodeEndTxnResponse } from '../../broker/protocol/messages/end-txn-response.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchTopic, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';
import { encodeListOffsetsRequest, defaultListOffsetsRequest } from '../../broker/protocol/messages/list-offsets-request.ts';
import { decodeListOffsetsResponse } from '../../broker/protocol/messages/list-offsets-response.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import { encodeDescribeProducersRequest, defaultDescribeProducersRequest } from '../../broker/protocol/messages/describe-producers-request.ts';
import { decodeDescribeProducersResponse } from '../../broker/protocol/messages/describe-producers-response.ts';
import { encodeListTransactionsRequest, defaultListTransactionsRequest } from '../../broker/protocol/messages/list-transactions-request.ts';
import { decodeListTransactionsResponse } from '../../broker/protocol/messages/list-transactions-response.ts';
import { encodeDescribeTransactionsRequest, defaultDescribeTransactionsRequest } from '../../broker/protocol/messages/describe-transactions-request.ts';
import { decodeDescribeTransactionsResponse } from '../../broker/protocol/messages/describe-transactions-response.ts';
import { encodeAddOffsetsToTxnRequest, defaultAddOffsetsToTxnRequest } from '../../broker/protocol/messages/add-offsets-to-txn-request.ts';
import { decodeAddOffsetsToTxnResponse } from '../../broker/protocol/messages/add-offsets-to-txn-response.ts';
import { encodeTxnOffsetCommitRequest, defaultTxnOffsetCommitRequest } from '../../broker/protocol/messages/txn-offset-commit-request.ts';
import { decodeTxnOffsetCommitResponse } from '../../broker/protocol/messages/txn-offset-commit-response.ts';
import { encodeOffsetFetchRequest, defaultOffsetFetchRequest } from '../../broker/protocol/messages/offset-fetch-request.ts';
import { decodeOffsetFetchResponse } from '../../broker/protocol/messages/offset-fetch-response.ts';
import { openTxnLog } from '../../broker/txn/txn-log.ts';
import type { TransactionMetadata } from '../../broker/txn/transaction-metadata.ts';

const CONFIG = { 'transaction.abort.timed.out.transaction.cleanup.interval.ms': '200' };
let broker: BrokerProcess;
let client: RawClient;

before(async () => {
  broker = await startBroker({ config: CONFIG });
  client = await RawClient.connect(broker.port);
  const r = await client.request(
    19,
    5,
    encodeCreateTopicsRequest,
    {
      ...defaultCreateTopicsRequest(),
      topics: ['tx-a', 'tx-b', 'tx-crash', 'tx-decided'].map((name) => ({ ...defaultCreatableTopic(), name, numPartitions: 2, replicationFactor: 1 })),
    },
    decodeCreateTopicsResponse,
  );
  assert.ok(r.topics.every((t) => t.errorCode === 0));
});

after(async () => {
  client.close();
  await broker.stop();
  removeDir(broker.dataDir);
});

async function restart(how: 'stop' | 'kill9', beforeStart?: () => void): Promise<void> {
  client.close();
  if (how === 'stop') await broker.stop();
  else await broker.kill9();
  beforeStart?.();
  broker = await startBroker({ dataDir: broker.dataDir, config: CONFIG });
  client = await RawClient.connect(broker.port);
}

const init = (transactionalId: string, timeoutMs = 60_000) =>
  client.request(
    22,
    4,
    encodeInitProducerIdRequest,
    { ...defaultInitProducerIdRequest(), transactionalId, transactionTimeoutMs: timeoutMs, producerId: -1n, producerEpoch: -1 },
    decodeInitProducerIdResponse,
  );

async function addPartitions(transactionalId: string, producerId: bigint, producerEpoch: number, topic: string, partitions: number[]): Promise<number[]> {
  const r = await client.request(
    24,
    3,
    encodeAddPartitionsToTxnRequest,
    {
      ...defaultAddPartitionsToTxnRequest(),
      v3AndBelowTransactionalId: transactionalId,
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: [{ name: topic, partitions }],
    },
    decodeAddPartitionsToTxnResponse,
  );
  return r.resultsByTopicV3AndBelow[0]!.resultsByPartition.map((p) => p.partitionErrorCode);
}

async function endTxn(transactionalId: string, producerId: bigint, producerEpoch: number, committed: boolean): Promise<number> {
  return (
    await client.request(26, 3, encodeEndTxnRequest, { ...defaultEndTxnRequest(), transactionalId, producerId, producerEpoch, committed }, decodeEndTxnResponse)
  ).errorCode;
}

async function produce(topic: string, partition: number, batch: Buffer, transactionalId: string | null) {
  const r = await client.request(
    0,
    9,
    encodeProduceRequest,
    {
      ...defaultProduceRequest(),
      transactionalId,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }],
    },
    decodeProduceResponse,
  );
  return r.responses[0]!.partitionResponses[0]!;
}

const txnBatch = (producerId: bigint, producerEpoch: number, baseSequence: number, n = 3) =>
  makeSimpleBatch(n, { producerId, producerEpoch, baseSequence, attributes: 0x10 });

async function fetchCommitted(topic: string, partition: number, isolationLevel = 1) {
  const r = await client.request(
    1,
    11,
    encodeFetchRequest,
    {
      ...defaultFetchRequest(),
      isolationLevel,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      topics: [{ ...defaultFetchTopic(), topic, partitions: [{ ...defaultFetchPartition(), partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
    },
    decodeFetchResponse,
  );
  return r.responses[0]!.partitions[0]!;
}

async function latest(topic: string, partition: number, isolationLevel: number): Promise<bigint> {
  const r = await client.request(
    2,
    7,
    encodeListOffsetsRequest,
    {
      ...defaultListOffsetsRequest(),
      replicaId: -1,
      isolationLevel,
      topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: -1n, maxNumOffsets: 1 }] }],
    },
    decodeListOffsetsResponse,
  );
  return r.topics[0]!.partitions[0]!.offset;
}

/** Offsets of the batches in a fetch response, with whether each is a control batch. */
function batches(records: Buffer | null): { base: bigint; control: boolean }[] {
  const out: { base: bigint; control: boolean }[] = [];
  for (let pos = 0; records && pos + 61 <= records.length; pos += 12 + records.readInt32BE(pos + 8)) {
    out.push({ base: records.readBigInt64BE(pos), control: (records.readInt16BE(pos + 21) & 0x20) !== 0 });
  }
  return out;
}

test('bad input gets Kafka error codes and writes nothing', async () => {
  assert.equal(await endTxn('no-such-id', 1n, 0, true), ErrorCode.INVALID_PRODUCER_ID_MAPPING);
  assert.equal((await init('tx-bad', 0)).errorCode, ErrorCode.INVALID_TRANSACTION_TIMEOUT);
  assert.equal((await init('tx-bad', 900_001)).errorCode, ErrorCode.INVALID_TRANSACTION_TIMEOUT);
  const { producerId, producerEpoch, errorCode } = await init('tx-bad');
  assert.equal(errorCode, 0);
  assert.deepEqual(await addPartitions('tx-bad', producerId, producerEpoch, 'no-such-topic', [0]), [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
  assert.deepEqual(await addPartitions('tx-bad', producerId + 1n, producerEpoch, 'tx-a', [0]), [ErrorCode.INVALID_PRODUCER_ID_MAPPING]);
  assert.deepEqual(await addPartitions('tx-bad', producerId, producerEpoch + 3, 'tx-a', [0]), [ErrorCode.PRODUCER_FENCED]);
  // EndTxn with nothing ongoing.
  assert.equal(await endTxn('tx-bad', producerId, producerEpoch, true), ErrorCode.INVALID_TXN_STATE);
  assert.deepEqual(await addPartitions('tx-bad', producerId, producerEpoch, 'tx-a', [0]), [0]);
  // Partition 1 was never added.
  assert.equal((await produce('tx-a', 1, txnBatch(producerId, producerEpoch, 0), 'tx-bad')).errorCode, ErrorCode.INVALID_TXN_STATE);
  const behindPlain = Buffer.concat([makeSimpleBatch(1), txnBatch(producerId, producerEpoch, 0)]);
  assert.equal((await produce('tx-a', 1, behindPlain, 'tx-bad')).errorCode, ErrorCode.INVALID_TXN_STATE);
  assert.equal((await produce('tx-a', 0, txnBatch(producerId, producerEpoch, 0), null)).errorCode, ErrorCode.INVALID_TXN_STATE);
  assert.equal((await produce('tx-a', 0, txnBatch(producerId, producerEpoch + 1, 0), 'tx-bad')).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
  assert.equal(await latest('tx-a', 1, 0), 0n);
  assert.equal((await produce('tx-a', 0, txnBatch(producerId, producerEpoch, 0), 'tx-bad')).errorCode, 0);
  // A non-transactional write from a producer with an open transaction.
  assert.equal((await produce('tx-a', 0, makeSimpleBatch(1, { producerId, producerEpoch, baseSequence: 3 }), null)).errorCode, ErrorCode.INVALID_TXN_STATE);
  assert.equal(await endTxn('tx-bad', producerId, producerEpoch, false), 0);
  assert.equal(await endTxn('tx-bad', producerId, producerEpoch, false), 0, 'a retried abort succeeds');
  assert.equal(await endTxn('tx-bad', producerId, producerEpoch, true), ErrorCode.INVALID_TXN_STATE);
});

test('READ_COMMITTED stops at the last stable offset and lists aborted transactions', async () => {
  const a = await init('tx-lso-a');
  const b = await init('tx-lso-b');
  assert.deepEqual(await addPartitions('tx-lso-a', a.producerId, a.producerEpoch, 'tx-b', [0]), [0]);
  assert.deepEqual(await addPartitions('tx-lso-b', b.producerId, b.producerEpoch, 'tx-b', [0]), [0]);
  await produce('tx-b', 0, txnBatch(a.producerId, a.producerEpoch, 0), 'tx-lso-a'); // 0-2
  await produce('tx-b', 0, txnBatch(b.producerId, b.producerEpoch, 0), 'tx-lso-b'); // 3-5
  assert.equal(await latest('tx-b', 0, 1), 0n);
  assert.equal(await latest('tx-b', 0, 0), 6n);
  let p = await fetchCommitted('tx-b', 0);
  assert.equal(p.lastStableOffset, 0n);
  assert.equal(p.highWatermark, 6n);
  assert.equal(batches(p.records).length, 0);
  assert.equal(await endTxn('tx-lso-b', b.producerId, b.producerEpoch, false), 0); // marker at 6
  p = await fetchCommitted('tx-b', 0);
  assert.equal(p.lastStableOffset, 0n, 'A is still open');
  assert.equal(await endTxn('tx-lso-a', a.producerId, a.producerEpoch, true), 0); // marker at 7
  p = await fetchCommitted('tx-b', 0);
  assert.equal(p.lastStableOffset, 8n);
  assert.equal(await latest('tx-b', 0, 1), 8n);
  assert.deepEqual(batches(p.records), [
    { base: 0n, control: false },
    { base: 3n, control: false },
    { base: 6n, control: true },
    { base: 7n, control: true },
  ]);
  assert.deepEqual(p.abortedTransactions, [{ producerId: b.producerId, firstOffset: 3n }]);
  // The aborted-transaction index survives a restart.
  await restart('stop');
  p = await fetchCommitted('tx-b', 0);
  assert.deepEqual(p.abortedTransactions, [{ producerId: b.producerId, firstOffset: 3n }]);
  assert.equal(p.lastStableOffset, 8n);
});

test('kill -9 with a transaction open: after restart it is aborted within its timeout', async () => {
  const t = await init('tx-open', 1500);
  assert.deepEqual(await addPartitions('tx-open', t.producerId, t.producerEpoch, 'tx-crash', [0, 1]), [0, 0]);
  await produce('tx-crash', 0, txnBatch(t.producerId, t.producerEpoch, 0), 'tx-open');
  await produce('tx-crash', 1, txnBatch(t.producerId, t.producerEpoch, 0), 'tx-open');
  await restart('kill9');
  let p = await fetchCommitted('tx-crash', 0);
  for (let i = 0; i < 100 && p.lastStableOffset === 0n; i++) {
    await new Promise((r) => setTimeout(r, 100));
    p = await fetchCommitted('tx-crash', 0);
  }
  assert.equal(p.lastStableOffset, 4n, 'aborted: marker at 3, LSO past it');
  assert.deepEqual(p.abortedTransactions, [{ producerId: t.producerId, firstOffset: 0n }]);
  assert.deepEqual((await fetchCommitted('tx-crash', 1)).abortedTransactions, [{ producerId: t.producerId, firstOffset: 0n }]);
  // The old epoch is fenced: its EndTxn and writes are refused.
  assert.equal(await endTxn('tx-open', t.producerId, t.producerEpoch, true), ErrorCode.PRODUCER_FENCED);
  assert.equal((await produce('tx-crash', 0, txnBatch(t.producerId, t.producerEpoch, 3), 'tx-open')).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
});

test('a crash after the commit decision but before the markers completes the commit at restart', async () => {
  const t = await init('tx-decided');
  assert.deepEqual(await addPartitions('tx-decided', t.producerId, t.producerEpoch, 'tx-decided', [0, 1]), [0, 0]);
  await produce('tx-decided', 0, txnBatch(t.producerId, t.producerEpoch, 0), 'tx-decided');
  await produce('tx-decided', 1, txnBatch(t.producerId, t.producerEpoch, 0), 'tx-decided');
  // The broker dies; its transaction log then ends with the PrepareCommit record EndTxn writes first.
  await restart('kill9', () => {
    let current: TransactionMetadata | undefined;
    const { log } = openTxnLog(
      broker.dataDir,
      (rec) => {
        if (rec.type === 'txn' && rec.value.transactionalId === 'tx-decided') current = rec.value;
      },
      () => {},
    );
    assert.equal(current?.state, 'Ongoing');
    log.append([{ type: 'txn', value: { ...current!, state: 'PrepareCommit' } }]);
    log.close();
  });
  assert.match(broker.output(), /completed 1 interrupted transaction/);
  for (const partition of [0, 1]) {
    const p = await fetchCommitted('tx-decided', partition);
    assert.equal(p.lastStableOffset, 4n);
    assert.deepEqual(p.abortedTransactions, []);
    assert.deepEqual(batches(p.records), [
      { base: 0n, control: false },
      { base: 3n, control: true },
    ]);
  }
  assert.equal(await endTxn('tx-decided', t.producerId, t.producerEpoch, true), 0, 'a retried commit is answered as done');
});

test('DescribeProducers, ListTransactions and DescribeTransactions show an open transaction', async () => {
  const t = await init('tx-visible');
  assert.deepEqual(await addPartitions('tx-visible', t.producerId, t.producerEpoch, 'tx-a', [1]), [0]);
  assert.equal((await produce('tx-a', 1, txnBatch(t.producerId, t.producerEpoch, 0, 4), 'tx-visible')).errorCode, 0);

  const producers = await client.request(
    61,
    0,
    encodeDescribeProducersRequest,
    { ...defaultDescribeProducersRequest(), topics: [{ name: 'tx-a', partitionIndexes: [1, 9] }] },
    decodeDescribeProducersResponse,
  );
  const [p1, p9] = producers.topics[0]!.partitions;
  assert.equal(p9!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  const mine = p1!.activeProducers.find((p) => p.producerId === t.producerId);
  assert.deepEqual(
    { epoch: mine?.producerEpoch, lastSequence: mine?.lastSequence, start: mine?.currentTxnStartOffset },
    { epoch: t.producerEpoch, lastSequence: 3, start: 0n },
  );

  const listed = await client.request(
    66,
    1,
    encodeListTransactionsRequest,
    { ...defaultListTransactionsRequest(), stateFilters: ['Ongoing', 'Bogus'], producerIdFilters: [], durationFilter: -1n },
    decodeListTransactionsResponse,
  );
  assert.deepEqual(listed.unknownStateFilters, ['Bogus']);
  assert.deepEqual(
    listed.transactionStates.filter((s) => s.transactionalId === 'tx-visible'),
    [{ transactionalId: 'tx-visible', producerId: t.producerId, transactionState: 'Ongoing' }],
  );

  const described = await client.request(
    65,
    0,
    encodeDescribeTransactionsRequest,
    { ...defaultDescribeTransactionsRequest(), transactionalIds: ['tx-visible', 'nobody'] },
    decodeDescribeTransactionsResponse,
  );
  const [d, missing] = described.transactionStates;
  assert.equal(missing!.errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
  assert.equal(d!.transactionState, 'Ongoing');
  assert.equal(d!.transactionTimeoutMs, 60_000);
  assert.ok(d!.transactionStartTimeMs > 0n);
  assert.deepEqual(d!.topics, [{ topic: 'tx-a', partitions: [1] }]);
  assert.equal(await endTxn('tx-visible', t.producerId, t.producerEpoch, true), 0);
});

test('InitProducerId with a transactional id bumps the epoch; KIP-360 retries and stale epochs', async () => {
  const first = await init('tx-epochs');
  const second = await init('tx-epochs');
  assert.equal(second.producerId, first.producerId);
  assert.equal(second.producerEpoch, first.producerEpoch + 1);
  const bump = (producerId: bigint, producerEpoch: number) =>
    client.request(
      22,
      4,
      encodeInitProducerIdRequest,
      { ...defaultInitProducerIdRequest(), transactionalId: 'tx-epochs', transactionTimeoutMs: 60_000, producerId, producerEpoch },
      decodeInitProducerIdResponse,
    );
  const recovered = await bump(second.producerId, second.producerEpoch);
  assert.deepEqual([recovered.errorCode, recovered.producerEpoch], [0, second.producerEpoch + 1]);
  const retried = await bump(second.producerId, second.producerEpoch);
  assert.deepEqual([retried.errorCode, retried.producerEpoch], [0, recovered.producerEpoch], 'a retry of the same bump gets the same epoch');
  assert.equal((await bump(second.producerId, first.producerEpoch)).errorCode, ErrorCode.PRODUCER_FENCED);
  assert.equal((await bump(second.producerId + 100n, 0)).errorCode, ErrorCode.PRODUCER_FENCED);
});

test('transactional offsets: UNSTABLE_OFFSET_COMMIT for requireStable while pending, visible after commit', async () => {
  const t = await init('tx-offsets');
  const offsetFetch = async (requireStable: boolean) => {
    const r = await client.request(
      9,
      7,
      encodeOffsetFetchRequest,
      { ...defaultOffsetFetchRequest(), groupId: 'tx-group', topics: [{ name: 'tx-a', partitionIndexes: [0] }], requireStable },
      decodeOffsetFetchResponse,
    );
    const p = r.topics[0]!.partitions[0]!;
    return [p.errorCode, p.committedOffset];
  };
  const txnCommit = async (offset: bigint) => {
    const r = await client.request(
      28,
      3,
      encodeTxnOffsetCommitRequest,
      {
        ...defaultTxnOffsetCommitRequest(),
        transactionalId: 'tx-offsets',
        groupId: 'tx-group',
        producerId: t.producerId,
        producerEpoch: t.producerEpoch,
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [{ name: 'tx-a', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }],
      },
      decodeTxnOffsetCommitResponse,
    );
    return r.topics[0]!.partitions[0]!.errorCode;
  };
  const addOffsets = async (producerEpoch: number) =>
    (
      await client.request(
        25,
        3,
        encodeAddOffsetsToTxnRequest,
        { ...defaultAddOffsetsToTxnRequest(), transactionalId: 'tx-offsets', producerId: t.producerId, producerEpoch, groupId: 'tx-group' },
        decodeAddOffsetsToTxnResponse,
      )
    ).errorCode;
  assert.equal(await txnCommit(5n), ErrorCode.INVALID_TXN_STATE, 'the group was not added to a transaction');
  assert.equal(await addOffsets(t.producerEpoch + 1), ErrorCode.PRODUCER_FENCED);
  assert.equal(await addOffsets(t.producerEpoch), 0);
  assert.equal(await txnCommit(5n), 0);
  assert.deepEqual(await offsetFetch(true), [ErrorCode.UNSTABLE_OFFSET_COMMIT, -1n]);
  assert.deepEqual(await offsetFetch(false), [0, -1n]);
  assert.equal(await endTxn('tx-offsets', t.producerId, t.producerEpoch, true), 0);
  assert.deepEqual(await offsetFetch(true), [0, 5n]);
});
