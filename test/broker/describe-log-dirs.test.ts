/**
 * DescribeLogDirs: the data dir is the one log dir, partition sizes are the segment bytes on
 * disk, v4 carries the file system's sizes. Through @platformatic/kafka's admin client and raw
 * requests at every version.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeDescribeLogDirsRequest } from '../../broker/protocol/messages/describe-log-dirs-request.ts';
import { decodeDescribeLogDirsResponse } from '../../broker/protocol/messages/describe-log-dirs-response.ts';

let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** What the partition's segments take on disk, read independently of the broker. */
function segmentBytes(topic: string, partition: number): bigint {
  const dir = path.join(broker.dataDir, `${topic}-${partition}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .reduce((n, f) => n + BigInt(fs.statSync(path.join(dir, f)).size), 0n);
}

test('@platformatic/kafka describeLogDirs reports the data dir and the bytes of each partition', async () => {
  const admin = new Admin({ clientId: 'kayak-logdirs', bootstrapBrokers: [broker.bootstrap] });
  const producer = new Producer({
    clientId: 'kayak-logdirs-p',
    bootstrapBrokers: [broker.bootstrap],
    serializers: stringSerializers,
    idempotent: false,
    acks: 1,
  });
  try {
    await admin.createTopics({ topics: ['sized'], partitions: 2, replicas: 1 });
    await producer.send({ messages: Array.from({ length: 20 }, (_, i) => ({ topic: 'sized', partition: 0, key: `k${i}`, value: 'x'.repeat(100) })) });
    const [described] = await admin.describeLogDirs({ topics: [{ name: 'sized', partitions: [0, 1, 7] }] });
    assert.equal(described?.broker, 1);
    const dir = described?.results[0];
    assert.equal(described?.results.length, 1);
    assert.equal(dir?.logDir, path.resolve(broker.dataDir));
    const partitions = dir?.topics.find((t) => t.name === 'sized')?.partitions ?? [];
    assert.deepEqual(
      partitions.map((p) => p.partitionIndex),
      [0, 1],
      'partition 7 does not exist and is left out, as Kafka does',
    );
    const p0 = partitions[0];
    assert.ok(p0 !== undefined && p0.partitionSize > 2000n, `20 records of 100 bytes: ${p0?.partitionSize}`);
    assert.equal(p0?.partitionSize, segmentBytes('sized', 0));
    assert.equal(partitions[1]?.partitionSize, 0n);
    assert.equal(p0?.offsetLag, 0n);
    assert.equal(p0?.isFutureKey, false);
    assert.ok(dir !== undefined && dir.totalBytes > 0n && dir.usableBytes > 0n && dir.usableBytes <= dir.totalBytes, 'v4 file system sizes');
  } finally {
    await producer.close();
    await admin.close();
  }
});

test('raw DescribeLogDirs v0-4: null topics lists every partition; unknown topics are left out', async () => {
  const client = await RawClient.connect(broker.port);
  try {
    for (let v = 0; v <= 4; v++) {
      const all = await client.request(35, v, encodeDescribeLogDirsRequest, { topics: null }, decodeDescribeLogDirsResponse);
      assert.equal(all.errorCode, 0);
      assert.equal(all.results.length, 1);
      const result = all.results[0]!;
      assert.equal(result.errorCode, 0);
      assert.deepEqual(
        result.topics.find((t) => t.name === 'sized')?.partitions.map((p) => p.partitionIndex),
        [0, 1],
        `v${v}`,
      );
      // Before v4 the sizes are not on the wire and decode as -1.
      assert.equal(result.totalBytes > 0n, v >= 4, `v${v} totalBytes ${result.totalBytes}`);
      const none = await client.request(
        35,
        v,
        encodeDescribeLogDirsRequest,
        { topics: [{ topic: 'no-such-topic', partitions: [0] }] },
        decodeDescribeLogDirsResponse,
      );
      assert.deepEqual(none.results[0]?.topics, [], `v${v}`);
      const empty = await client.request(35, v, encodeDescribeLogDirsRequest, { topics: [] }, decodeDescribeLogDirsResponse);
      assert.deepEqual(empty.results[0]?.topics, [], `v${v}: an empty list asks for nothing`);
    }
  } finally {
    client.close();
  }
});
