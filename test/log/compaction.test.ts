/**
 * Compaction of cleanup.policy=compact logs: only the latest record per key survives in the
 * inactive segments, offsets are unchanged, tombstones expire after delete.retention.ms,
 * gzip batches are rewritten, and the result survives a reopen with intact indexes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { PartitionLog } from '../../broker/log/partition-log.ts';
import { resolveLogConfig } from '../../broker/log/log-config.ts';
import { RecordBatchError } from '../../broker/log/errors.ts';
import { forEachRecord } from '../../broker/log/records.ts';
import { gunzipSync } from 'node:zlib';
import { forEachRawRecord } from '../../broker/log/records.ts';
import { makeBatch, splitBatches, tempDir } from './make-batch.ts';

const quiet = { info: () => {}, warn: () => {} };
const NOW = 1_700_000_000_000n;
const COMPACT = { 'cleanup.policy': 'compact', 'segment.bytes': '250', 'min.cleanable.dirty.ratio': '0.01' };

function open(dir: string, overrides: Record<string, string> = COMPACT): PartitionLog {
  return PartitionLog.open(dir, resolveLogConfig(new Map(Object.entries(overrides))), { clean: false, nowMs: NOW, logger: quiet });
}

/** Every record in the log as offset → "key=value" (null value shown as null). */
function contents(log: PartitionLog): Map<bigint, string | null> {
  const out = new Map<bigint, string | null>();
  for (const b of splitBatches(log.read(log.logStartOffset, 1 << 24))) {
    const gzip = (b.bytes.readInt16BE(21) & 7) === 1;
    const visit = (r: { offset: bigint; key: Buffer | null; nullValue: boolean; raw?: Buffer }) => {
      out.set(r.offset, r.nullValue ? null : `${r.key?.toString()}`);
    };
    if (gzip) forEachRawRecord(b.bytes.subarray(0, 61), gunzipSync(b.bytes.subarray(61)), visit);
    else forEachRecord(b.bytes, 0, b.bytes.length, visit);
  }
  return out;
}

test('only the latest record of each key survives; offsets do not move', () => {
  const dir = tempDir();
  const log = open(dir);
  for (let round = 0; round < 6; round++) {
    log.append(
      makeBatch(
        ['a', 'b', 'c'].map((k) => ({ key: k, value: `${k}${round}` })),
        { gzip: round % 2 === 1 },
      ),
      NOW,
    );
  }
  log.append(makeBatch([{ key: 'd', value: 'd0' }]), NOW); // lands in the active segment
  assert.ok(log.segmentCount > 2, 'small segment.bytes rolled several segments');
  const before = contents(log);
  assert.equal(before.size, 19);

  const removed = log.compact(NOW);
  assert.ok(removed > 0);
  const after = contents(log);
  // Every surviving record keeps its offset, and no key appears twice in the inactive part.
  for (const [offset, kv] of after) assert.equal(before.get(offset), kv);
  const activeBase = log.segmentBaseOffsets.at(-1)!;
  const inactiveKeys = [...after].filter(([o]) => o < activeBase).map(([, kv]) => kv);
  assert.equal(new Set(inactiveKeys).size, inactiveKeys.length);
  // The latest value of every key is still readable.
  const latest = new Map<string, bigint>();
  for (const [offset, kv] of before) latest.set(kv as string, offset);
  for (const offset of latest.values()) assert.ok(after.has(offset), `latest record at ${offset} kept`);
  assert.equal(log.logEndOffset, 19n);

  log.close();
  const reopened = open(dir);
  assert.deepEqual(contents(reopened), after, 'the compacted log survives a reopen');
  assert.equal(reopened.logEndOffset, 19n);
  reopened.close();
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.cleaned')),
    [],
  );
});

test('tombstones are kept for delete.retention.ms, then dropped', () => {
  const log = open(tempDir(), { ...COMPACT, 'delete.retention.ms': '1000' });
  log.append(makeBatch([{ key: 'x', value: 'x0', timestamp: NOW }]), NOW);
  log.append(makeBatch([{ key: 'x', value: null, timestamp: NOW }]), NOW);
  for (let i = 0; i < 8; i++) log.append(makeBatch([{ key: `filler${i}`, value: 'f'.repeat(100), timestamp: NOW }]), NOW);
  log.compact(NOW);
  const kept = contents(log);
  assert.equal(kept.has(0n), false, 'the overwritten value is gone');
  assert.equal(kept.get(1n), null, 'the fresh tombstone stays');
  log.append(makeBatch([{ key: 'y', value: 'y'.repeat(150), timestamp: NOW }]), NOW); // rolls the active segment
  log.compact(NOW + 10_000n);
  assert.equal(contents(log).has(1n), false, 'the expired tombstone is dropped');
  log.close();
});

test('a compacted topic refuses records without a key', () => {
  const log = open(tempDir());
  assert.throws(
    () => log.append(makeBatch([{ key: null, value: 'v' }]), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 87,
  );
  assert.throws(
    () => log.append(makeBatch([{ key: null, value: 'v' }], { gzip: true }), NOW),
    (e) => e instanceof RecordBatchError && e.errorCode === 87,
  );
  assert.equal(log.logEndOffset, 0n);
  log.close();
});

test('delete-policy logs are never compacted', () => {
  const log = open(tempDir(), { 'segment.bytes': '300' });
  for (let i = 0; i < 6; i++) log.append(makeBatch([{ key: 'same', value: `v${i}` }]), NOW);
  assert.equal(log.compact(NOW), 0);
  assert.equal(contents(log).size, 6);
  log.close();
});

test('min.compaction.lag.ms: records younger than the lag are not compacted', () => {
  const dir = tempDir();
  const log = open(dir, { ...COMPACT, 'min.compaction.lag.ms': '60000' });
  for (let round = 0; round < 6; round++) {
    log.append(
      makeBatch(
        ['a', 'b', 'c'].map((k) => ({ key: k, value: `${k}${round}` })),
        { baseTimestamp: NOW },
      ),
      NOW,
    );
  }
  log.append(makeBatch([{ key: 'd', value: 'd0' }], { baseTimestamp: NOW }), NOW);
  const before = contents(log);
  // One second after the records were written they are younger than the lag: nothing goes.
  assert.equal(log.compact(NOW + 1000n), 0);
  assert.deepEqual(contents(log), before);
  // Once the lag has passed, the same log is compacted.
  assert.ok(log.compact(NOW + 60_001n) > 0);
  assert.ok(contents(log).size < before.size);
  log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
