/**
 * Produce and Fetch edge cases at the protocol level, through the generated codecs: CRC
 * corruption, oversized batches, unknown partitions, acks=0, offsets out of range, mid-batch
 * fetch offsets, at-least-one-batch and the long poll woken by a produce.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { makeSimpleBatch } from '../log/make-batch.ts';
import { encodeProduceRequest, defaultProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchTopic, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';
import {
  encodeCreateTopicsRequest,
  defaultCreateTopicsRequest,
  defaultCreatableTopic,
  defaultCreatableTopicConfig,
} from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';

let broker: BrokerProcess;
let client: RawClient;

before(async () => {
  broker = await startBroker();
  client = await RawClient.connect(broker.port);
  const created = await client.request(
    19,
    5,
    encodeCreateTopicsRequest,
    {
      ...defaultCreateTopicsRequest(),
      topics: [
        {
          ...defaultCreatableTopic(),
          name: 'edge',
          numPartitions: 2,
          replicationFactor: 1,
          configs: [{ ...defaultCreatableTopicConfig(), name: 'max.message.bytes', value: '2000' }],
        },
      ],
    },
    decodeCreateTopicsResponse,
  );
  assert.equal(created.topics[0]?.errorCode, 0);
  assert.equal(created.topics[0]?.configs?.find((c) => c.name === 'max.message.bytes')?.value, '2000');
});

after(async () => {
  client.close();
  await broker.stop();
  removeDir(broker.dataDir);
});

function produce(partition: number, records: Buffer | null, acks = 1, topic = 'edge') {
  return client.request(
    0,
    7,
    encodeProduceRequest,
    { ...defaultProduceRequest(), acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] },
    decodeProduceResponse,
  );
}

function fetch(partition: number, fetchOffset: bigint, opts: { maxWaitMs?: number; minBytes?: number; maxBytes?: number } = {}) {
  return client.request(
    1,
    11,
    encodeFetchRequest,
    {
      ...defaultFetchRequest(),
      maxWaitMs: opts.maxWaitMs ?? 0,
      minBytes: opts.minBytes ?? 1,
      maxBytes: opts.maxBytes ?? 1 << 20,
      topics: [
        {
          ...defaultFetchTopic(),
          topic: 'edge',
          partitions: [{ ...defaultFetchPartition(), partition, fetchOffset, partitionMaxBytes: opts.maxBytes ?? 1 << 20 }],
        },
      ],
    },
    decodeFetchResponse,
  );
}

const partitionOf = (r: Awaited<ReturnType<typeof produce>>) => r.responses[0]!.partitionResponses[0]!;
const fetched = (r: Awaited<ReturnType<typeof fetch>>) => r.responses[0]!.partitions[0]!;

test('a corrupted CRC is CORRUPT_MESSAGE and appends nothing', async () => {
  const batch = makeSimpleBatch(5);
  batch[batch.length - 1]! ^= 0xff;
  const r = partitionOf(await produce(0, batch));
  assert.equal(r.errorCode, 2);
  const ok = partitionOf(await produce(0, makeSimpleBatch(5)));
  assert.equal(ok.errorCode, 0);
  assert.equal(ok.baseOffset, 0n, 'the corrupt batch took no offsets');
});

test('a batch over max.message.bytes is MESSAGE_TOO_LARGE', async () => {
  const r = partitionOf(await produce(1, makeSimpleBatch(50, { valueSize: 100 })));
  assert.equal(r.errorCode, 10);
});

test('unknown topics and partitions are UNKNOWN_TOPIC_OR_PARTITION', async () => {
  assert.equal(partitionOf(await produce(7, makeSimpleBatch(1))).errorCode, 3);
  assert.equal(partitionOf(await produce(0, makeSimpleBatch(1), 1, 'no-such-topic')).errorCode, 3);
  assert.equal(fetched(await fetch(9, 0n)).errorCode, 3);
});

test('acks=0 gets no response; the next request on the connection is answered', async () => {
  client.send(0, 7, encodeProduceRequest, {
    ...defaultProduceRequest(),
    acks: 0,
    timeoutMs: 5000,
    topicData: [{ name: 'edge', partitionData: [{ index: 1, records: makeSimpleBatch(3) }] }],
  });
  // The raw client checks that the first reply carries the fetch's correlation id, not the produce's.
  const f = fetched(await fetch(1, 0n));
  assert.equal(f.highWatermark, 3n, 'the acks=0 records were stored');
});

test('offsets outside [log start, high watermark] are OFFSET_OUT_OF_RANGE; the end is empty', async () => {
  const hw = fetched(await fetch(0, 0n)).highWatermark;
  assert.equal(fetched(await fetch(0, hw + 1n)).errorCode, 1);
  assert.equal(fetched(await fetch(0, -5n)).errorCode, 1);
  const atEnd = fetched(await fetch(0, hw));
  assert.equal(atEnd.errorCode, 0);
  assert.equal(atEnd.records?.length, 0);
});

test('a mid-batch offset returns the whole containing batch; at least one batch past maxBytes', async () => {
  const big = makeSimpleBatch(10, { valueSize: 150 });
  const base = partitionOf(await produce(0, big)).baseOffset;
  const mid = fetched(await fetch(0, base + 4n, { maxBytes: 10 }));
  assert.equal(mid.errorCode, 0);
  assert.equal(mid.records?.readBigInt64BE(0), base, 'starts at the batch base offset');
  assert.equal(mid.records?.length, big.length, 'exactly one whole batch despite maxBytes=10');
});

test('a long poll returns as soon as a produce arrives', async () => {
  const hw = fetched(await fetch(0, 0n)).highWatermark;
  const other = await RawClient.connect(broker.port);
  const started = Date.now();
  const waiting = fetch(0, hw, { maxWaitMs: 10_000, minBytes: 1 });
  await new Promise((r) => setTimeout(r, 200));
  const produced = await other.request(
    0,
    7,
    encodeProduceRequest,
    { ...defaultProduceRequest(), acks: 1, timeoutMs: 5000, topicData: [{ name: 'edge', partitionData: [{ index: 0, records: makeSimpleBatch(2) }] }] },
    decodeProduceResponse,
  );
  other.close();
  const result = fetched(await waiting);
  assert.equal(produced.responses[0]?.partitionResponses[0]?.baseOffset, hw);
  assert.ok(Date.now() - started < 5000, 'woken by the produce, not by maxWaitMs');
  assert.equal(result.records?.readBigInt64BE(0), hw);
});
