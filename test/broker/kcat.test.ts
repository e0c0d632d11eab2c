/**
 * kcat (librdkafka 2.0.2 from Debian), unmodified: metadata listing, keyed produce of 10,000
 * records, reading them back from the beginning and the last 10, and zstd/lz4 compression.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';

const run = promisify(execFile);
let broker: BrokerProcess;

async function kcat(args: string[], input?: string): Promise<string> {
  const child = execFile('kcat', ['-b', broker.bootstrap, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const done = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${err}`))));
  });
  if (input !== undefined) child.stdin?.end(input);
  return done;
}

before(async () => {
  await run('kcat', ['-V']);
  broker = await startBroker();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

test('kcat -L lists the broker and its topics', async () => {
  await kcat(['-P', '-t', 'listed-topic'], 'one\n');
  const out = await kcat(['-L']);
  assert.match(out, /1 brokers:\s+broker 1 at 127\.0\.0\.1:\d+ \(controller\)/);
  assert.match(out, /topic "listed-topic" with 1 partitions:/);
  assert.match(out, /partition 0, leader 1, replicas: 1, isrs: 1/);
});

test('kcat produces 10,000 keyed records and reads them back', async () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `key-${i}:value-${i}`);
  await kcat(['-P', '-t', 'keyed', '-K:'], lines.join('\n') + '\n');

  const all = await kcat(['-C', '-t', 'keyed', '-o', 'beginning', '-e', '-f', '%k:%s:%o\\n']);
  const got = all.trim().split('\n');
  assert.equal(got.length, 10_000);
  got.forEach((line, i) => assert.equal(line, `key-${i}:value-${i}:${i}`));

  const tail = await kcat(['-C', '-t', 'keyed', '-o', '-10', '-e', '-f', '%o %k\\n']);
  assert.deepEqual(
    tail.trim().split('\n'),
    Array.from({ length: 10 }, (_, i) => `${9990 + i} key-${9990 + i}`),
  );
});

for (const codec of ['zstd', 'lz4', 'snappy', 'gzip']) {
  test(`kcat ${codec}-compressed produce reads back intact`, async () => {
    const topic = `compressed-${codec}`;
    const lines = Array.from({ length: 500 }, (_, i) => `${codec}-${i}-${'x'.repeat(i % 50)}`);
    await kcat(['-P', '-t', topic, '-z', codec], lines.join('\n') + '\n');
    const out = await kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-f', '%s\\n']);
    assert.deepEqual(out.trim().split('\n'), lines);
  });
}
