/**
 * Python clients from Debian, unmodified: kafka-python 2.0.2 (which verifies CRC32C on fetch)
 * produces and reads back with assign + seek, without a consumer group.
 * They import only under /usr/bin/python3, not a python3 earlier on PATH.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
let broker: BrokerProcess;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('kafka-python produces and reads back with assign + seek', async () => {
  const script = join(import.meta.dirname, 'python', 'kafka_python_roundtrip.py');
  const { stdout } = await run(PYTHON, [script, broker.bootstrap, 'python-topic'], { timeout: 60_000 });
  const result = JSON.parse(stdout) as {
    produced: number[];
    records: { offset: number; key: string; value: string; headers: Record<string, string> }[];
    end: number;
    begin: number;
  };
  assert.deepEqual(
    result.produced,
    Array.from({ length: 300 }, (_, i) => i),
  );
  assert.equal(result.records.length, 200);
  result.records.forEach((r, n) => {
    const i = n + 100;
    assert.deepEqual(r, { offset: i, key: `k${i}`, value: `v${i}`, headers: { h: String(i) } });
  });
  assert.equal(result.end, 300);
  assert.equal(result.begin, 0);
});
