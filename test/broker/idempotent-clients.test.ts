/**
 * Idempotent producers of real clients, unmodified: kafkajs `idempotent: true`,
 * @platformatic/kafka `idempotent: true`, and kcat (librdkafka) with enable.idempotence=true
 * writing 20,000 keyed records while the broker is killed with kill -9 and restarted: every
 * record is stored exactly once and in order.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';

let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('kafkajs idempotent producer writes each record once', async () => {
  const kafka = new Kafka({ clientId: 'kayak-idem', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kjs-idem', numPartitions: 2 }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < 10; i++) {
      await producer.send({
        topic: 'kjs-idem',
        acks: -1,
        messages: Array.from({ length: 10 }, (_, j) => ({ partition: (i + j) % 2, key: `k${i * 10 + j}`, value: `v${i * 10 + j}` })),
      });
    }
  } finally {
    await producer.disconnect();
  }
  const values = [...(await readPartition(broker.bootstrap, 'kjs-idem', 0, 0n, 100)), ...(await readPartition(broker.bootstrap, 'kjs-idem', 1, 0n, 100))].map(
    (m) => m.value?.toString(),
  );
  assert.equal(values.length, 100);
  assert.deepEqual(new Set(values).size, 100);
});

test('@platformatic/kafka idempotent producer writes each record once', async () => {
  const producer = new Producer({
    clientId: 'kayak-pk-idem',
    bootstrapBrokers: [broker.bootstrap],
    serializers: stringSerializers,
    idempotent: true,
    autocreateTopics: true,
  });
  try {
    for (let i = 0; i < 5; i++) {
      await producer.send({
        messages: Array.from({ length: 20 }, (_, j) => ({ topic: 'pk-idem', partition: 0, key: `k${i * 20 + j}`, value: `v${i * 20 + j}` })),
      });
    }
  } finally {
    await producer.close();
  }
  const read = await readPartition(broker.bootstrap, 'pk-idem', 0, 0n, 200);
  assert.deepEqual(
    read.map((m) => m.value?.toString()),
    Array.from({ length: 100 }, (_, i) => `v${i}`),
  );
  const batch = read[0]!;
  assert.ok(batch);
});

test('kcat enable.idempotence=true: 20,000 keyed records exactly once and in order across kill -9', async () => {
  const total = 20_000;
  const port = broker.port;
  const producer = execFile(
    'kcat',
    [
      '-b',
      broker.bootstrap,
      '-P',
      '-E',
      '-t',
      'kcat-idem',
      '-p',
      '0',
      '-K:',
      '-X',
      'enable.idempotence=true',
      '-X',
      'message.timeout.ms=120000',
      '-X',
      'linger.ms=5',
      '-X',
      'batch.num.messages=200',
      '-X',
      'reconnect.backoff.max.ms=500',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  let stderr = '';
  producer.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  producer.stdin?.on('error', () => {}); // kcat exiting early is reported below with its stderr
  const exited = new Promise<number | null>((resolve) => producer.on('exit', (code) => resolve(code)));
  const line = (i: number): string => `key-${i}:value-${i}\n`;
  // The first half in chunks; kill -9 as soon as the log holds some of it (kcat is then still
  // sending), restart on the same port, then the rest. -E: kcat keeps going while the broker is down.
  const segment = join(broker.dataDir, 'kcat-idem-0', '00000000000000000000.log');
  const size = (): number => (existsSync(segment) ? statSync(segment).size : 0);
  for (let chunk = 0; chunk < 10; chunk++) {
    let lines = '';
    for (let i = chunk * 1000; i < (chunk + 1) * 1000; i++) lines += line(i);
    producer.stdin?.write(lines);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; i < 500 && size() === 0; i++) await new Promise((r) => setTimeout(r, 10));
  await broker.kill9();
  broker = await startBroker({ dataDir: broker.dataDir, port });
  let second = '';
  for (let i = total / 2; i < total; i++) second += line(i);
  producer.stdin?.end(second);
  assert.equal(await exited, 0, stderr);

  const got = await readPartition(broker.bootstrap, 'kcat-idem', 0, 0n, total + 100);
  assert.equal(got.length, total, `expected exactly ${total} records`);
  got.forEach((m, i) => {
    assert.equal(m.key?.toString(), `key-${i}`);
    assert.equal(m.value?.toString(), `value-${i}`);
  });
});
