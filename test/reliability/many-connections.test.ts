/**
 * 1,000 concurrent connections, all open at once, each doing the round trips a client makes
 * when it starts: ApiVersions, Metadata, a Produce of its own record and a Fetch of that record
 * at the offset the Produce returned. Every request is answered, and every connection reads
 * back exactly what it wrote.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { buildBatch } from '../../broker/log/batch-builder.ts';
import { defaultApiVersionsRequest, encodeApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';
import { defaultMetadataRequest, defaultMetadataRequestTopic, encodeMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import {
  defaultPartitionProduceData,
  defaultProduceRequest,
  defaultTopicProduceData,
  encodeProduceRequest,
} from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { defaultFetchPartition, defaultFetchRequest, defaultFetchTopic, encodeFetchRequest } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';
import { splitBatches } from '../log/make-batch.ts';
import { createTopic } from './fuzz-targets.ts';
import { rssMiB } from './process-stats.ts';

const CONNECTIONS = 1000;
const TOPIC = 'many';
const PARTITIONS = 4;

let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
  await createTopic(broker.port, TOPIC, PARTITIONS);
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** One client's start-up conversation; returns what it read back. */
async function roundTrip(client: RawClient, i: number): Promise<string> {
  const versions = await client.request(
    18,
    3,
    encodeApiVersionsRequest,
    { ...defaultApiVersionsRequest(), clientSoftwareName: 'many', clientSoftwareVersion: '1' },
    decodeApiVersionsResponse,
  );
  assert.equal(versions.errorCode, 0);
  const metadata = await client.request(
    3,
    9,
    encodeMetadataRequest,
    { ...defaultMetadataRequest(), topics: [{ ...defaultMetadataRequestTopic(), name: TOPIC }], allowAutoTopicCreation: false },
    decodeMetadataResponse,
  );
  assert.equal(metadata.topics[0]?.partitions.length, PARTITIONS);
  const partition = i % PARTITIONS;
  const value = `connection-${i}`;
  const produce = await client.request(
    0,
    9,
    encodeProduceRequest,
    {
      ...defaultProduceRequest(),
      acks: -1,
      timeoutMs: 30_000,
      topicData: [
        {
          ...defaultTopicProduceData(),
          name: TOPIC,
          partitionData: [{ ...defaultPartitionProduceData(), index: partition, records: buildBatch([{ key: `k${i}`, value }]) }],
        },
      ],
    },
    decodeProduceResponse,
  );
  const written = produce.responses[0]?.partitionResponses[0];
  assert.equal(written?.errorCode, 0, `connection ${i}: produce error`);
  const fetch = await client.request(
    1,
    12,
    encodeFetchRequest,
    {
      ...defaultFetchRequest(),
      maxWaitMs: 0,
      topics: [
        {
          ...defaultFetchTopic(),
          topic: TOPIC,
          partitions: [{ ...defaultFetchPartition(), partition, fetchOffset: written?.baseOffset ?? -1n, partitionMaxBytes: 1024 }],
        },
      ],
    },
    decodeFetchResponse,
  );
  const data = fetch.responses[0]?.partitions[0];
  assert.equal(data?.errorCode, 0, `connection ${i}: fetch error`);
  const [batch] = splitBatches(data?.records ?? Buffer.alloc(0));
  assert.equal(batch?.baseOffset, written?.baseOffset, `connection ${i}: the fetch starts at its own record`);
  return batch?.bytes.includes(value) ? value : `not found in ${batch?.bytes.length ?? 0} bytes`;
}

test(`${CONNECTIONS} concurrent connections each do ApiVersions, Metadata, Produce and Fetch`, { timeout: 180_000 }, async (t) => {
  const rssBefore = rssMiB(broker.pid);
  const started = Date.now();
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => RawClient.connect(broker.port)));
  try {
    const read = await Promise.all(clients.map((c, i) => roundTrip(c, i)));
    assert.deepEqual(
      read,
      Array.from({ length: CONNECTIONS }, (_, i) => `connection-${i}`),
    );
    t.diagnostic(
      `${CONNECTIONS} connections served in ${Date.now() - started} ms; broker RSS ${rssBefore} MiB before, ${rssMiB(broker.pid)} MiB with all open`,
    );
  } finally {
    for (const c of clients) c.close();
  }
});
