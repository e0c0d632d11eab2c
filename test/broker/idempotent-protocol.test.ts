/**
 * Idempotent produce at the protocol level against the real broker process: InitProducerId,
 * retries answered with their original offsets, sequence gaps, stale and new epochs, producers
 * the partition does not know, and the state surviving a clean stop and a kill -9.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { makeSimpleBatch } from '../log/make-batch.ts';
import { encodeProduceRequest, defaultProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { encodeInitProducerIdRequest, defaultInitProducerIdRequest } from '../../broker/protocol/messages/init-producer-id-request.ts';
import { decodeInitProducerIdResponse } from '../../broker/protocol/messages/init-producer-id-response.ts';
import { encodeListOffsetsRequest, defaultListOffsetsRequest } from '../../broker/protocol/messages/list-offsets-request.ts';
import { decodeListOffsetsResponse } from '../../broker/protocol/messages/list-offsets-response.ts';
import { ErrorCode } from '../../broker/protocol/error-codes.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';

let broker: BrokerProcess;
let client: RawClient;

async function restart(how: 'stop' | 'kill9'): Promise<void> {
  client.close();
  if (how === 'stop') await broker.stop();
  else await broker.kill9();
  broker = await startBroker({ dataDir: broker.dataDir });
  client = await RawClient.connect(broker.port);
}

before(async () => {
  broker = await startBroker();
  client = await RawClient.connect(broker.port);
});

after(async () => {
  client.close();
  await broker.stop();
  removeDir(broker.dataDir);
});

async function initProducerId(version = 4, transactionalId: string | null = null, producerId = -1n, producerEpoch = -1) {
  return client.request(
    22,
    version,
    encodeInitProducerIdRequest,
    { ...defaultInitProducerIdRequest(), transactionalId, transactionTimeoutMs: 60_000, producerId, producerEpoch },
    decodeInitProducerIdResponse,
  );
}

const created = new Set<string>();

async function createTopic(c: RawClient, name: string): Promise<void> {
  const r = await c.request(
    19,
    5,
    encodeCreateTopicsRequest,
    { ...defaultCreateTopicsRequest(), topics: [{ ...defaultCreatableTopic(), name, numPartitions: 1, replicationFactor: 1 }] },
    decodeCreateTopicsResponse,
  );
  assert.ok([0, ErrorCode.TOPIC_ALREADY_EXISTS].includes(r.topics[0]!.errorCode as 0));
}

async function produce(topic: string, batch: Buffer) {
  if (!created.has(topic)) {
    await createTopic(client, topic);
    created.add(topic);
  }
  const r = await client.request(
    0,
    9,
    encodeProduceRequest,
    { ...defaultProduceRequest(), acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] },
    decodeProduceResponse,
  );
  return r.responses[0]!.partitionResponses[0]!;
}

async function logEnd(topic: string): Promise<bigint> {
  const r = await client.request(
    2,
    7,
    encodeListOffsetsRequest,
    {
      ...defaultListOffsetsRequest(),
      replicaId: -1,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n, maxNumOffsets: 1 }] }],
    },
    decodeListOffsetsResponse,
  );
  return r.topics[0]!.partitions[0]!.offset;
}

const batch = (producerId: bigint, producerEpoch: number, baseSequence: number, n = 5) => makeSimpleBatch(n, { producerId, producerEpoch, baseSequence });

test('InitProducerId without a transactional id hands out a new id at epoch 0 every time', async () => {
  const a = await initProducerId(0);
  const b = await initProducerId(4);
  assert.equal(a.errorCode, 0);
  assert.equal(a.producerEpoch, 0);
  assert.ok(a.producerId >= 0n);
  assert.notEqual(a.producerId, b.producerId);
  // KIP-360: an idempotent producer passing its id and epoch gets a fresh id, as Kafka answers.
  const c = await initProducerId(4, null, b.producerId, 0);
  assert.equal(c.errorCode, 0);
  assert.notEqual(c.producerId, b.producerId);
  assert.equal((await initProducerId(4, null, 5n, -1)).errorCode, ErrorCode.INVALID_REQUEST);
});

test('a retry of any of the last five batches answers its original offsets and writes nothing', async () => {
  const { producerId } = await initProducerId();
  await produce('idem-dup', makeSimpleBatch(3)); // a plain producer's records first, so offsets differ from sequences
  const bases: bigint[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await produce('idem-dup', batch(producerId, 0, i * 5));
    assert.equal(r.errorCode, 0);
    bases.push(r.baseOffset);
  }
  assert.deepEqual(bases, [3n, 8n, 13n, 18n, 23n, 28n]);
  for (let i = 1; i < 6; i++) {
    const r = await produce('idem-dup', batch(producerId, 0, i * 5));
    assert.equal(r.errorCode, 0);
    assert.equal(r.baseOffset, bases[i]);
  }
  assert.equal(await logEnd('idem-dup'), 33n);
  // The sixth-newest batch is no longer retained: its retry is out of order, as in Kafka.
  assert.equal((await produce('idem-dup', batch(producerId, 0, 0))).errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  assert.equal(await logEnd('idem-dup'), 33n);
});

test('a sequence gap is OUT_OF_ORDER_SEQUENCE_NUMBER; the next in-order batch still succeeds', async () => {
  const { producerId } = await initProducerId();
  assert.equal((await produce('idem-gap', batch(producerId, 0, 0))).errorCode, 0);
  const gap = await produce('idem-gap', batch(producerId, 0, 6));
  assert.equal(gap.errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  assert.match(gap.errorMessage ?? '', /Out of order sequence number/);
  assert.equal(await logEnd('idem-gap'), 5n);
  const next = await produce('idem-gap', batch(producerId, 0, 5));
  assert.equal(next.errorCode, 0);
  assert.equal(next.baseOffset, 5n);
});

test('epochs: a stale epoch is INVALID_PRODUCER_EPOCH, a new epoch must start at sequence 0', async () => {
  const { producerId } = await initProducerId();
  assert.equal((await produce('idem-epoch', batch(producerId, 0, 0))).errorCode, 0);
  assert.equal((await produce('idem-epoch', batch(producerId, 1, 3))).errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  assert.equal((await produce('idem-epoch', batch(producerId, 1, 0))).errorCode, 0);
  assert.equal((await produce('idem-epoch', batch(producerId, 0, 5))).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
  assert.equal(await logEnd('idem-epoch'), 10n);
});

test('a producer the partition has not seen may start at any sequence; a negative one is INVALID_RECORD', async () => {
  const { producerId } = await initProducerId();
  assert.equal((await produce('idem-unknown', batch(producerId, 0, 42))).errorCode, 0);
  assert.equal((await produce('idem-unknown', batch(producerId, 0, 47))).errorCode, 0);
  assert.equal((await produce('idem-unknown', batch(producerId, 0, -5))).errorCode, ErrorCode.INVALID_RECORD);
  assert.equal((await produce('idem-unknown', makeSimpleBatch(1, { attributes: 0x20 }))).errorCode, ErrorCode.INVALID_RECORD);
  assert.equal(await logEnd('idem-unknown'), 10n);
});

for (const how of ['stop', 'kill9'] as const) {
  test(`after ${how === 'stop' ? 'a clean stop' : 'kill -9'} retries are still recognised and producer ids are not reused`, async () => {
    const topic = `idem-restart-${how}`;
    const { producerId } = await initProducerId();
    const bases: bigint[] = [];
    for (let i = 0; i < 5; i++) bases.push((await produce(topic, batch(producerId, 0, i * 5))).baseOffset);
    await restart(how);
    for (let i = 0; i < 5; i++) {
      const r = await produce(topic, batch(producerId, 0, i * 5));
      assert.equal(r.errorCode, 0);
      assert.equal(r.baseOffset, bases[i]);
    }
    assert.equal((await produce(topic, batch(producerId, 0, 30))).errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    assert.equal((await produce(topic, batch(producerId, 0, 25))).baseOffset, 25n);
    assert.equal(await logEnd(topic), 30n);
    const next = await initProducerId();
    assert.ok(next.producerId > producerId, `${next.producerId} must be above ${producerId}`);
  });
}

test('producer state expires after producer.id.expiration.ms', async () => {
  const b = await startBroker({ config: { 'producer.id.expiration.ms': '300', 'producer.id.expiration.check.interval.ms': '100' } });
  const c = await RawClient.connect(b.port);
  try {
    await createTopic(c, 'idem-expiry');
    const send = async (bytes: Buffer) =>
      (
        await c.request(
          0,
          9,
          encodeProduceRequest,
          { ...defaultProduceRequest(), acks: -1, timeoutMs: 5000, topicData: [{ name: 'idem-expiry', partitionData: [{ index: 0, records: bytes }] }] },
          decodeProduceResponse,
        )
      ).responses[0]!.partitionResponses[0]!;
    const now = BigInt(Date.now());
    assert.equal((await send(makeSimpleBatch(1, { producerId: 7n, producerEpoch: 0, baseSequence: 0, baseTimestamp: now }))).errorCode, 0);
    assert.equal(
      (await send(makeSimpleBatch(1, { producerId: 7n, producerEpoch: 0, baseSequence: 9, baseTimestamp: now }))).errorCode,
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    );
    let code = -1;
    for (let i = 0; i < 50 && code !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      code = (await send(makeSimpleBatch(1, { producerId: 7n, producerEpoch: 0, baseSequence: 9, baseTimestamp: BigInt(Date.now()) }))).errorCode;
    }
    assert.equal(code, 0, 'once expired, the producer is unknown and any sequence is accepted');
  } finally {
    c.close();
    await b.stop();
    removeDir(b.dataDir);
  }
});
