import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PartitionLog } from '../../broker/log/partition-log.ts';
import { resolveLogConfig } from '../../broker/log/log-config.ts';
import { makeSimpleBatch, splitBatches, tempDir } from './make-batch.ts';

const NOW = 1_700_000_000_000n;

function open(dir: string, clean: boolean, warnings: string[] = []): PartitionLog {
  const config = resolveLogConfig(new Map([['segment.bytes', '20000']]));
  return PartitionLog.open(dir, config, { clean, nowMs: NOW, logger: { info: () => {}, warn: (m) => void warnings.push(m) } });
}

function activeLogFile(dir: string): string {
  const logs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort();
  return path.join(dir, logs.at(-1)!);
}

function fill(log: PartitionLog, batches: number): void {
  for (let i = 0; i < batches; i++) log.append(makeSimpleBatch(5, { valueSize: 50 }), NOW);
}

test('clean restart keeps everything and reads only the tail', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 400);
  const before = log.read(0n, 1 << 24);
  log.close();
  const again = open(dir, true);
  assert.ok(again.segmentCount > 3);
  assert.ok(again.stats.bytesRead < 32 * 1024, `clean open read ${again.stats.bytesRead} bytes`);
  assert.equal(again.truncatedBytes, 0);
  assert.equal(again.logEndOffset, 2000n);
  assert.deepEqual(again.read(0n, 1 << 24), before);
  assert.equal(again.append(makeSimpleBatch(1), NOW).baseOffset, 2000n);
  assert.deepEqual(again.offsetForTimestamp(0n)?.offset, 0n);
  again.close();
});

test('unclean restart truncates garbage appended after the last batch', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 50);
  const leo = log.logEndOffset;
  // Simulate kill -9 (no close) followed by a torn write of random bytes.
  const file = activeLogFile(dir);
  const validSize = fs.statSync(file).size;
  fs.appendFileSync(file, Buffer.from('garbage that is not a record batch at all, long enough for a header........'));
  const warnings: string[] = [];
  const again = open(dir, false, warnings);
  assert.equal(fs.statSync(file).size, validSize);
  assert.equal(again.logEndOffset, leo);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /truncated/);
  assert.equal(again.append(makeSimpleBatch(2), NOW).baseOffset, leo);
  const all = splitBatches(again.read(0n, 1 << 24));
  assert.equal(all.length, 51);
  assert.equal(all.at(-1)!.baseOffset, leo);
  again.close();
});

test('unclean restart truncates a batch cut in the middle and offsets continue without gaps', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 30);
  const file = activeLogFile(dir);
  const size = fs.statSync(file).size;
  const lastBatchSize = makeSimpleBatch(5, { valueSize: 50 }).length;
  fs.truncateSync(file, size - 17); // the last batch is now torn
  const again = open(dir, false);
  assert.equal(again.truncatedBytes, lastBatchSize - 17);
  assert.equal(fs.statSync(file).size, size - lastBatchSize);
  assert.equal(again.logEndOffset, 145n);
  assert.equal(again.append(makeSimpleBatch(5), NOW).baseOffset, 145n);
  again.close();
  const third = open(dir, true);
  assert.equal(third.logEndOffset, 150n);
  assert.equal(
    splitBatches(third.read(140n, 1 << 20))
      .map((b) => b.baseOffset)
      .join(),
    '140,145',
  );
  third.close();
});

test('unclean restart with a corrupted byte inside a batch truncates from that batch', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 10);
  const file = activeLogFile(dir);
  const batchSize = makeSimpleBatch(5, { valueSize: 50 }).length;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from([0xee]), 0, 1, batchSize * 7 + 100); // inside batch #7
  fs.closeSync(fd);
  const again = open(dir, false);
  assert.equal(again.logEndOffset, 35n);
  assert.equal(fs.statSync(file).size, batchSize * 7);
  again.close();
});

test('a missing clean marker with a garbage index rebuilds it; a clean start with missing indexes too', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 400);
  log.close();
  const indexes = fs.readdirSync(dir).filter((f) => f.endsWith('.index'));
  fs.writeFileSync(path.join(dir, indexes[0]!), Buffer.from('not an index!!!!'));
  fs.rmSync(path.join(dir, indexes.at(-1)!));
  for (const clean of [false, true]) {
    const again = open(dir, clean);
    assert.equal(again.logEndOffset, 2000n);
    assert.equal(splitBatches(again.read(1234n, 1))[0]!.baseOffset, 1230n);
    assert.equal(splitBatches(again.read(7n, 1))[0]!.baseOffset, 5n);
    again.close();
  }
});

test('an empty torn-away last segment keeps the next offset from its name', () => {
  const dir = tempDir();
  const log = open(dir, false);
  fill(log, 200);
  const file = activeLogFile(dir);
  const base = BigInt(path.basename(file, '.log'));
  fs.truncateSync(file, 30);
  const again = open(dir, false);
  assert.equal(again.logEndOffset, base);
  assert.equal(again.append(makeSimpleBatch(1), NOW).baseOffset, base);
  again.close();
});
