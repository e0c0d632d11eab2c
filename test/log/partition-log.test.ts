import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PartitionLog } from '../../broker/log/partition-log.ts';
import { type LogConfig, resolveLogConfig } from '../../broker/log/log-config.ts';
import { LogError, RecordBatchError } from '../../broker/log/errors.ts';
import { makeBatch, makeSimpleBatch, splitBatches, tempDir } from './make-batch.ts';

const quiet = { info: () => {}, warn: () => {} };
const NOW = 1_700_000_000_000n;

function cfg(overrides: Record<string, string> = {}): LogConfig {
  return resolveLogConfig(new Map(Object.entries(overrides)));
}

function openLog(dir: string, overrides: Record<string, string> = {}, clean = false): PartitionLog {
  return PartitionLog.open(dir, cfg(overrides), { clean, nowMs: NOW, logger: quiet });
}

test('append then read returns the same bytes with offsets patched', () => {
  const log = openLog(tempDir());
  const b1 = makeSimpleBatch(3);
  const b2 = makeSimpleBatch(2);
  const original = [Buffer.from(b1), Buffer.from(b2)];
  assert.deepEqual(log.append(b1, NOW), { baseOffset: 0n, lastOffset: 2n, logAppendTime: -1n });
  assert.deepEqual(log.append(b2, NOW), { baseOffset: 3n, lastOffset: 4n, logAppendTime: -1n });
  assert.equal(log.logEndOffset, 5n);
  const batches = splitBatches(log.read(0n, 1 << 20));
  assert.deepEqual(
    batches.map((b) => b.baseOffset),
    [0n, 3n],
  );
  batches.forEach((b, i) => {
    const orig = original[i]!;
    assert.deepEqual(b.bytes.subarray(16), orig.subarray(16)); // everything from magic on is untouched
    assert.equal(b.bytes.readInt32BE(8), orig.readInt32BE(8));
  });
  assert.equal(log.read(5n, 1000).length, 0);
  assert.throws(
    () => log.read(6n, 1000),
    (e) => e instanceof LogError && e.errorCode === 1,
  );
  log.close();
});

test('multi-batch append gets sequential offsets; mid-batch read returns the containing batch', () => {
  const log = openLog(tempDir());
  log.append(Buffer.concat([makeSimpleBatch(10), makeSimpleBatch(10), makeSimpleBatch(10)]), NOW);
  const got = splitBatches(log.read(15n, 1 << 20));
  assert.equal(got[0]!.baseOffset, 10n);
  assert.equal(got.length, 2);
  log.close();
});

test('at least one whole batch even past maxBytes, then whole batches only', () => {
  const log = openLog(tempDir());
  const big = makeSimpleBatch(5, { valueSize: 2000 });
  log.append(big, NOW);
  log.append(makeSimpleBatch(1), NOW);
  const one = log.read(0n, 100);
  assert.equal(one.length, big.length);
  const both = log.read(0n, big.length + 10);
  assert.equal(splitBatches(both).length, 1, 'second batch does not fit: not returned partially');
  assert.equal(splitBatches(log.read(0n, 1 << 20)).length, 2);
  log.close();
});

test('CRC mismatch or oversized batch rejects the whole request and appends nothing', () => {
  const log = openLog(tempDir(), { 'max.message.bytes': '5000' });
  log.append(makeSimpleBatch(2), NOW);
  const bad = makeSimpleBatch(2);
  bad[bad.length - 2]! ^= 1;
  assert.throws(
    () => log.append(Buffer.concat([makeSimpleBatch(1), bad]), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 2,
  );
  assert.throws(
    () => log.append(makeSimpleBatch(3, { valueSize: 3000 }), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 10,
  );
  assert.throws(
    () => log.append(makeSimpleBatch(2).subarray(0, 50), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 2,
  );
  assert.equal(log.logEndOffset, 2n);
  assert.equal(splitBatches(log.read(0n, 1 << 20)).length, 1);
  log.close();
});

test('segments roll by segment.bytes and reads cross segment boundaries', () => {
  const dir = tempDir();
  const log = openLog(dir, { 'segment.bytes': '1000' });
  for (let i = 0; i < 20; i++) log.append(makeSimpleBatch(2, { valueSize: 100 }), NOW);
  assert.ok(log.segmentCount > 3, `segments: ${log.segmentCount}`);
  for (const base of log.segmentBaseOffsets) {
    const file = path.join(dir, base.toString().padStart(20, '0') + '.log');
    assert.ok(fs.statSync(file).size <= 1000);
  }
  const all = splitBatches(log.read(0n, 1 << 20));
  assert.equal(all.length, 20);
  assert.deepEqual(
    all.map((b) => b.baseOffset),
    Array.from({ length: 20 }, (_, i) => BigInt(i * 2)),
  );
  log.close();
});

test('segment.ms rolls the active segment after it ages', () => {
  const log = openLog(tempDir(), { 'segment.ms': '1000' });
  log.append(makeSimpleBatch(1), NOW);
  log.append(makeSimpleBatch(1), NOW + 500n);
  assert.equal(log.segmentCount, 1);
  log.append(makeSimpleBatch(1), NOW + 1500n);
  assert.deepEqual(log.segmentBaseOffsets, [0n, 2n]);
  log.close();
});

test('deep offset lookup through the sparse index reads a bounded amount', () => {
  const log = openLog(tempDir());
  for (let i = 0; i < 1000; i++) log.append(makeSimpleBatch(100, { valueSize: 20 }), NOW);
  assert.equal(log.logEndOffset, 100_000n);
  assert.ok(log.sizeBytes > 2_000_000);
  log.stats.bytesRead = 0;
  const got = splitBatches(log.read(98_765n, 1));
  assert.equal(got[0]!.baseOffset, 98_700n);
  assert.ok(log.stats.bytesRead < 64 * 1024, `read ${log.stats.bytesRead} bytes`);
  log.close();
});

test('offsetForTimestamp and maxTimestampOffset', () => {
  const log = openLog(tempDir(), { 'segment.bytes': '400' });
  for (let i = 0; i < 10; i++) {
    const t = 1000n * BigInt(i);
    log.append(
      makeBatch([
        { key: 'a', timestamp: t },
        { key: 'b', timestamp: t + 500n },
      ]),
      NOW,
    );
  }
  assert.ok(log.segmentCount > 2);
  assert.deepEqual(log.offsetForTimestamp(0n), { offset: 0n, timestamp: 0n });
  assert.deepEqual(log.offsetForTimestamp(3200n), { offset: 7n, timestamp: 3500n });
  assert.deepEqual(log.offsetForTimestamp(4000n), { offset: 8n, timestamp: 4000n });
  assert.equal(log.offsetForTimestamp(9501n), null);
  assert.deepEqual(log.maxTimestampOffset(), { offset: 19n, timestamp: 9500n });
  log.close();
  const empty = openLog(tempDir());
  assert.deepEqual(empty.maxTimestampOffset(), { offset: -1n, timestamp: -1n });
  assert.equal(empty.offsetForTimestamp(0n), null);
  empty.close();
});

test('LogAppendTime topics stamp the append time', () => {
  const log = openLog(tempDir(), { 'message.timestamp.type': 'LogAppendTime' });
  const r = log.append(makeSimpleBatch(2, { baseTimestamp: 5n }), NOW);
  assert.equal(r.logAppendTime, NOW);
  const [b] = splitBatches(log.read(0n, 1 << 20));
  assert.equal(b!.bytes.readBigInt64BE(35), NOW);
  assert.deepEqual(log.offsetForTimestamp(NOW), { offset: 0n, timestamp: NOW });
  log.close();
});

test('deleteRecordsBefore moves the start offset, drops whole segments, persists', () => {
  const dir = tempDir();
  const log = openLog(dir, { 'segment.bytes': '500' });
  for (let i = 0; i < 10; i++) log.append(makeSimpleBatch(2, { valueSize: 100 }), NOW);
  const before = log.segmentCount;
  assert.equal(log.deleteRecordsBefore(9n), 9n);
  assert.equal(log.logStartOffset, 9n);
  assert.ok(log.segmentCount < before);
  assert.ok(log.segmentBaseOffsets[0]! <= 9n);
  assert.throws(
    () => log.read(8n, 100),
    (e) => e instanceof LogError && e.errorCode === 1,
  );
  assert.equal(splitBatches(log.read(9n, 100))[0]!.baseOffset, 8n);
  assert.throws(() => log.deleteRecordsBefore(21n), LogError);
  log.close();
  const again = openLog(dir, { 'segment.bytes': '500' }, true);
  assert.equal(again.logStartOffset, 9n);
  assert.equal(again.logEndOffset, 20n);
  again.close();
});

test('retention by bytes drops the oldest inactive segments', () => {
  const log = openLog(tempDir(), { 'segment.bytes': '1000', 'retention.bytes': '2500' });
  for (let i = 0; i < 30; i++) log.append(makeSimpleBatch(1, { valueSize: 200 }), NOW);
  const deleted = log.enforceRetention(NOW);
  assert.ok(deleted > 0);
  assert.ok(log.sizeBytes <= 2500 + 1000, `size ${log.sizeBytes}`);
  assert.equal(log.logStartOffset, log.segmentBaseOffsets[0]);
  assert.equal(log.logEndOffset, 30n);
  assert.equal(splitBatches(log.read(log.logStartOffset, 1 << 20)).at(-1)!.baseOffset, 29n);
  log.close();
});

test('retention by time deletes segments whose largest timestamp expired, rolling if needed', () => {
  const log = openLog(tempDir(), { 'segment.bytes': '400', 'retention.ms': '10000' });
  for (let i = 0; i < 6; i++) log.append(makeSimpleBatch(1, { baseTimestamp: NOW - 60_000n, valueSize: 150 }), NOW);
  for (let i = 0; i < 2; i++) log.append(makeSimpleBatch(1, { baseTimestamp: NOW, valueSize: 150 }), NOW);
  log.enforceRetention(NOW);
  assert.equal(log.logStartOffset, 6n);
  assert.equal(splitBatches(log.read(6n, 1 << 20)).length, 2);
  log.enforceRetention(NOW + 20_000n);
  assert.equal(log.logStartOffset, 8n);
  assert.equal(log.logEndOffset, 8n);
  assert.equal(log.read(8n, 100).length, 0);
  log.append(makeSimpleBatch(1), NOW);
  assert.equal(log.logEndOffset, 9n);
  const off = openLog(tempDir(), { 'retention.ms': '-1', 'retention.bytes': '-1', 'segment.bytes': '400' });
  for (let i = 0; i < 6; i++) off.append(makeSimpleBatch(1, { baseTimestamp: 1n, valueSize: 150 }), NOW);
  assert.equal(off.enforceRetention(NOW), 0);
  off.close();
  log.close();
});

test('flush.messages triggers fsync without error and updateConfig takes effect', () => {
  const log = openLog(tempDir(), { 'flush.messages': '1' });
  log.append(makeSimpleBatch(3), NOW);
  log.updateConfig(cfg({ 'max.message.bytes': '100' }));
  assert.throws(
    () => log.append(makeSimpleBatch(3, { valueSize: 100 }), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 10,
  );
  log.close();
});
