/**
 * Broker.stop() and a failed Broker.start() release everything the broker opened under its data
 * directory: partition logs, the group metadata log and the transaction log. Each of those logs
 * fsyncs when it is closed, so a file still open after stop means its tail was never synced
 * (and its timers still run). Checked from outside the code under test: the process's open file
 * descriptors in /proc/self/fd.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { Broker } from '../../broker/broker.ts';
import { removeDir, tempDataDir } from '../helpers/broker-process.ts';

const { Kafka, logLevel } = kafkajs;

/** Paths of this process's open files that lie inside dir. */
function openFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd));
      if (target.startsWith(dir + '/')) out.push(target);
    } catch {
      // the fd readdir itself used, already closed
    }
  }
  return out.sort();
}

const silent = (): void => {};

test('a clean stop closes the group and transaction logs as well as the partition logs', async () => {
  const dataDir = tempDataDir();
  const broker = await Broker.start({ nodeId: 1, host: '127.0.0.1', port: 0, dataDir, logger: silent });
  try {
    const kafka = new Kafka({ clientId: 'stop-test', brokers: [`127.0.0.1:${broker.port}`], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'stop-topic', numPartitions: 1 }] });
    await admin.setOffsets({ groupId: 'stop-group', topic: 'stop-topic', partitions: [{ partition: 0, offset: '0' }] });
    await admin.disconnect();
    const before = openFilesUnder(dataDir);
    assert.ok(
      before.some((f) => f.includes('group')),
      `the group log is open while running: ${before.join(', ')}`,
    );
  } finally {
    await broker.stop();
  }
  assert.deepEqual(openFilesUnder(dataDir), []);
  removeDir(dataDir);
});

test('a start that fails on a taken port closes every log it opened', async () => {
  const dataDir = tempDataDir();
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  assert.ok(address !== null && typeof address === 'object');
  try {
    await assert.rejects(Broker.start({ nodeId: 1, host: '127.0.0.1', port: address.port, dataDir, logger: silent }), /EADDRINUSE/);
    assert.deepEqual(openFilesUnder(dataDir), []);
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    removeDir(dataDir);
  }
});
