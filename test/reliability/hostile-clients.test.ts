/**
 * Clients that never read their replies, and unauthenticated clients sending large frames,
 * against a real broker process: its memory stays bounded (RSS from /proc), other clients are
 * served meanwhile, and frames above sasl.server.max.receive.size close an unauthenticated
 * connection before they are buffered.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient, encodeRequestFrame } from '../helpers/raw-client.ts';
import { encodeApiVersionsRequest, defaultApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { MiB, closedWithin, connect, peakRss, rssBytes } from './hostile-helpers.ts';

const { Kafka, logLevel } = kafkajs;
const RSS_BOUND = 300 * MiB;
const API_VERSIONS_RSS_BOUND = 64 * MiB;
let broker: BrokerProcess;

before(async () => {
  broker = await startBroker({
    args: ['--listeners', 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0', '--sasl-users', 'alice:alice-secret'],
    config: { 'sasl.server.max.receive.size': '65536' },
  });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** A well-behaved client's round trip on another connection: ApiVersions answered. */
async function otherClientServed(port: number): Promise<void> {
  const client = await RawClient.connect(port);
  try {
    const reply = await client.request(18, 0, encodeApiVersionsRequest, defaultApiVersionsRequest(), decodeApiVersionsResponse);
    assert.equal(reply.errorCode, 0);
  } finally {
    client.close();
  }
}

test('a client pipelining Fetches without reading keeps broker memory bounded; others are served', async (t) => {
  const kafka = new Kafka({ clientId: 'hostile-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'fetched', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const value = Buffer.alloc(16 * 1024, 7);
  for (let i = 0; i < 4; i++) await producer.send({ topic: 'fetched', messages: Array.from({ length: 16 }, () => ({ value })) });
  await producer.disconnect();

  // Each Fetch answers ~1 MiB; 1,000 of them unread would hold ~1 GiB of replies.
  const fetch = {
    ...defaultFetchRequest(),
    maxBytes: 4 * MiB,
    minBytes: 1,
    topics: [{ topic: 'fetched', topicId: Buffer.alloc(16), partitions: [{ ...defaultFetchPartition(), partitionMaxBytes: 4 * MiB }] }],
  };
  const before = rssBytes(broker.pid);
  const hostile = await connect(broker.port);
  hostile.pause(); // never read
  for (let i = 0; i < 1000; i++) hostile.write(encodeRequestFrame(1, 4, encodeFetchRequest, fetch, i));
  const peak = await peakRss(broker.pid, 3000);
  await otherClientServed(broker.port);
  hostile.destroy();
  t.diagnostic(`broker RSS ${Math.round(before / MiB)} MiB before, peak ${Math.round(peak / MiB)} MiB`);
  assert.ok(peak - before < RSS_BOUND, `broker RSS grew by ${Math.round((peak - before) / MiB)} MiB`);
});

test('an unauthenticated client pipelining ApiVersions on a SASL listener without reading keeps memory bounded', async (t) => {
  // A broker of its own, so the RSS baseline is not memory freed by an earlier test.
  const own = await startBroker({ args: ['--listeners', 'SASL_PLAINTEXT://127.0.0.1:0', '--sasl-users', 'alice:alice-secret'] });
  try {
    const request = encodeRequestFrame(18, 3, encodeApiVersionsRequest, { clientSoftwareName: 'hostile', clientSoftwareVersion: '1' }, 1);
    const batch = Buffer.concat(Array.from({ length: 10_000 }, () => request));
    const before = rssBytes(own.pid);
    const hostile = await connect(own.port);
    hostile.pause(); // never read
    // Up to 2,000,000 requests; the socket takes them only as fast as the broker reads.
    let sent = 0;
    const writer = (async () => {
      for (; sent < 200 && !hostile.destroyed; sent++) {
        if (!hostile.write(batch)) await new Promise((resolve) => hostile.once('drain', resolve).once('close', resolve));
      }
    })();
    const peak = await peakRss(own.pid, 6000);
    await otherClientServed(own.port);
    hostile.destroy();
    await writer;
    t.diagnostic(`broker RSS ${Math.round(before / MiB)} MiB before, peak ${Math.round(peak / MiB)} MiB; ${sent * 10_000} requests written`);
    // Unanswered replies pile up at the rate the broker can answer (CPU-bound here), so the bound
    // is tighter than for Fetch: the broker must stop reading, not merely be slow.
    assert.ok(peak - before < API_VERSIONS_RSS_BOUND, `broker RSS grew by ${Math.round((peak - before) / MiB)} MiB`);
  } finally {
    await own.stop();
    removeDir(own.dataDir);
  }
});

test('before SASL login a frame above sasl.server.max.receive.size closes the connection at once', async () => {
  const port = broker.ports.SASL_PLAINTEXT as number;
  const before = rssBytes(broker.pid);
  // 20 connections each announcing a 100 MiB frame and sending 1 MiB of it.
  const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(port)));
  const size = Buffer.alloc(4);
  size.writeInt32BE(100 * MiB);
  for (const s of sockets) {
    s.write(size);
    s.write(Buffer.alloc(MiB));
  }
  const closed = await Promise.all(sockets.map((s) => closedWithin(s, 10_000)));
  assert.deepEqual(
    closed,
    sockets.map(() => true),
    'every oversized unauthenticated frame closes its connection',
  );
  assert.ok(rssBytes(broker.pid) - before < 100 * MiB);
  await otherClientServed(port);

  // A frame just under the cap is still read and answered (an ApiVersions padded with a long client name).
  const client = await RawClient.connect(port);
  const padded = await client.request(
    18,
    3,
    encodeApiVersionsRequest,
    { clientSoftwareName: 'a'.repeat(60_000), clientSoftwareVersion: '1' },
    decodeApiVersionsResponse,
  );
  client.close();
  assert.notEqual(padded.apiKeys.length, 0);
});

test('after SASL login large requests are accepted again (socket.request.max.bytes applies)', async () => {
  const kafka = new Kafka({
    clientId: 'hostile-test',
    brokers: [`127.0.0.1:${broker.ports.SASL_PLAINTEXT}`],
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-256', username: 'alice', password: 'alice-secret' },
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    // One 200 KiB record: bigger than the pre-login cap of 64 KiB.
    const [meta] = await producer.send({ topic: 'after-login', messages: [{ value: Buffer.alloc(200 * 1024, 1) }] });
    assert.equal(meta?.errorCode, 0);
  } finally {
    await producer.disconnect();
  }
});
