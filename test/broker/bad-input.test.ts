/**
 * Malformed traffic closes only the offending connection: an oversized frame, garbage bytes,
 * a truncated request and an unknown API key. Other clients keep working and the log stays
 * intact. An unsupported ApiVersions version gets error 35 and the full list in v0.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
type Kafka = InstanceType<typeof Kafka>;
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { Reader } from '../../broker/protocol/reader.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';

let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** Sends raw bytes; resolves with what came back before the broker closed the socket (or 1.5 s passed). */
function exchange(bytes: Buffer): Promise<{ closed: boolean; reply: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(broker.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, reply: Buffer.concat(chunks) });
    }, 1500);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, reply: Buffer.concat(chunks) });
    });
    socket.write(bytes);
  });
}

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function header(apiKey: number, apiVersion: number, correlationId: number, clientId = 'raw'): Buffer {
  const h = Buffer.alloc(10 + clientId.length);
  h.writeInt16BE(apiKey, 0);
  h.writeInt16BE(apiVersion, 2);
  h.writeInt32BE(correlationId, 4);
  h.writeInt16BE(clientId.length, 8);
  h.write(clientId, 10);
  return h;
}

async function produceAndCount(kafka: Kafka, topic: string, n: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ value: `m${i}` })) });
  await producer.disconnect();
}

test('malformed frames close only their own connection and the log stays intact', async () => {
  const kafka = new Kafka({ clientId: 'survivor', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  await produceAndCount(kafka, 'survivor', 50);

  const oversized = Buffer.alloc(4);
  oversized.writeInt32BE(200 * 1024 * 1024);
  assert.equal((await exchange(oversized)).closed, true, 'a frame over socket.request.max.bytes closes the connection');

  const negative = Buffer.alloc(4);
  negative.writeInt32BE(-5);
  assert.equal((await exchange(negative)).closed, true, 'a negative frame size closes the connection');

  assert.equal((await exchange(frame(Buffer.from('this is not a kafka request at all')))).closed, true, 'garbage closes');

  // A Produce v7 header whose body stops in the middle of the topic array.
  const truncated = Buffer.concat([header(0, 7, 1), Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0, 0x75, 0x30, 0, 0, 0, 1, 0, 5, 0x61])]);
  assert.equal((await exchange(frame(truncated))).closed, true, 'a truncated request closes');

  assert.equal((await exchange(frame(header(999, 0, 1)))).closed, true, 'an unknown API key closes');

  // A Metadata v1 request claiming 2 billion topics in a 20-byte frame must not allocate them.
  const hugeArray = Buffer.concat([header(3, 1, 1), Buffer.from([0x7f, 0xff, 0xff, 0xff])]);
  assert.equal((await exchange(frame(hugeArray))).closed, true, 'an impossible array length closes');

  // The other client still works, and nothing was lost or added.
  await produceAndCount(kafka, 'survivor', 50);
  const messages = await readPartition(broker.bootstrap, 'survivor', 0, 0n, 1000);
  assert.equal(messages.length, 100);
  assert.deepEqual(
    messages.map((m) => m.offset),
    Array.from({ length: 100 }, (_, i) => String(i)),
  );
  assert.match(broker.output(), /listening/);
});

test('an unsupported ApiVersions version is answered in v0 with error 35 and the full list', async () => {
  const { closed, reply } = await exchange(frame(header(18, 99, 42)));
  assert.equal(closed, false);
  const r = new Reader(reply);
  assert.equal(r.int32(), reply.length - 4);
  assert.equal(r.int32(), 42);
  const response = decodeApiVersionsResponse(r, 0);
  assert.equal(response.errorCode, 35);
  const keys = new Map(response.apiKeys.map((k) => [k.apiKey, k]));
  assert.deepEqual(keys.get(18), { apiKey: 18, minVersion: 0, maxVersion: 3 });
  assert.deepEqual(keys.get(0), { apiKey: 0, minVersion: 3, maxVersion: 9 });
  assert.deepEqual(keys.get(1), { apiKey: 1, minVersion: 4, maxVersion: 13 });
});

test('pipelined requests are answered in order', async () => {
  const requests = Buffer.concat([frame(header(18, 0, 1)), frame(Buffer.concat([header(3, 0, 2), Buffer.from([0, 0, 0, 0])])), frame(header(18, 1, 3))]);
  const socket = net.connect(broker.port, '127.0.0.1');
  const ids: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (d) => {
      buffered = Buffer.concat([buffered, d]);
      while (buffered.length >= 8 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        ids.push(buffered.readInt32BE(4));
        buffered = buffered.subarray(4 + buffered.readInt32BE(0));
      }
      if (ids.length === 3) resolve();
    });
    socket.on('error', reject);
    socket.write(requests);
  });
  socket.destroy();
  assert.deepEqual(ids, [1, 2, 3]);
});
