/**
 * Producer state of a partition log across segment rolls and restarts: `<offset>.snapshot`
 * files, rebuilding from the newest readable snapshot plus the log after it (clean and unclean
 * opens, a corrupt snapshot), retention keeping the state, and the aborted-transaction index
 * restored when a crash came between an ABORT marker and its index entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PartitionLog } from '../../broker/log/partition-log.ts';
import { resolveLogConfig } from '../../broker/log/log-config.ts';
import { LogError } from '../../broker/log/errors.ts';
import { ErrorCode } from '../../broker/protocol/error-codes.ts';
import { listSnapshots, decodeSnapshot, encodeSnapshot } from '../../broker/txn/producer-snapshot.ts';
import { makeBatch, makeSimpleBatch, splitBatches, tempDir } from './make-batch.ts';

const quiet = { info: () => {}, warn: () => {} };
const NOW = 1_700_000_000_000n;
const open = (dir: string, clean: boolean, overrides: Record<string, string> = { 'segment.bytes': '600' }) =>
  PartitionLog.open(dir, resolveLogConfig(new Map(Object.entries(overrides))), { clean, nowMs: NOW, logger: quiet });
const idem = (seq: number, epoch = 0, attributes = 0) => makeSimpleBatch(2, { producerId: 9n, producerEpoch: epoch, baseSequence: seq, attributes });

function appendMany(log: PartitionLog, batches: number): bigint[] {
  const bases: bigint[] = [];
  for (let i = 0; i < batches; i++) bases.push(log.append(idem(i * 2), NOW).baseOffset);
  return bases;
}

const outOfOrder = (e: unknown): boolean => e instanceof LogError && e.errorCode === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;

test('snapshots are written on roll and at close; a retry is recognised after a clean or unclean reopen', () => {
  for (const clean of [true, false]) {
    const dir = tempDir();
    let log = open(dir, false);
    const bases = appendMany(log, 12);
    assert.ok(log.segmentCount >= 2, 'small segments roll');
    assert.ok(listSnapshots(dir).length >= 1, 'a roll wrote a snapshot');
    if (clean) log.close(); // else: a crash, nothing flushed beyond the page cache
    assert.ok(!clean || listSnapshots(dir).includes(24n), 'clean close snapshots at the log end');
    log = open(dir, clean);
    for (let i = 7; i < 12; i++) {
      const r = log.append(idem(i * 2), NOW);
      assert.equal(r.duplicate, true);
      assert.equal(r.baseOffset, bases[i]);
    }
    assert.throws(() => log.append(idem(30), NOW), outOfOrder);
    assert.equal(log.append(idem(24), NOW).baseOffset, 24n);
    log.close();
  }
});

test('a corrupt snapshot is skipped for an older one and the log replayed from there', () => {
  const dir = tempDir();
  let log = open(dir, false);
  appendMany(log, 12);
  log.close();
  const snaps = listSnapshots(dir);
  const newest = path.join(dir, `${snaps[snaps.length - 1]!.toString().padStart(20, '0')}.snapshot`);
  const bytes = fs.readFileSync(newest);
  bytes[bytes.length - 1]! ^= 0xff;
  fs.writeFileSync(newest, bytes);
  log = open(dir, true);
  assert.equal(log.append(idem(22), NOW).duplicate, true);
  assert.equal(log.append(idem(24), NOW).baseOffset, 24n);
  log.close();
});

test('snapshot encoding keeps every retained batch of every producer', () => {
  const entries = [
    {
      producerId: 1n,
      producerEpoch: 3,
      batches: [
        { lastSeq: 4, lastOffset: 10n, offsetDelta: 4, timestamp: 5n },
        { lastSeq: 9, lastOffset: 20n, offsetDelta: 4, timestamp: 6n },
      ],
      coordinatorEpoch: 0,
      lastTimestamp: 6n,
      currentTxnFirstOffset: 16n,
    },
    { producerId: 2n, producerEpoch: 0, batches: [], coordinatorEpoch: -1, lastTimestamp: 7n, currentTxnFirstOffset: -1n },
  ];
  assert.deepEqual(decodeSnapshot(encodeSnapshot(entries)), entries);
});

test('producer state outlives retention of its batches, as in Kafka since KIP-360', () => {
  const dir = tempDir();
  const log = open(dir, false, { 'segment.bytes': '600', 'retention.bytes': '0' });
  appendMany(log, 12);
  log.enforceRetention(NOW);
  assert.ok(log.logStartOffset > 0n);
  assert.throws(() => log.append(idem(40), NOW), outOfOrder);
  log.close();
});

test('an ABORT marker whose .txnindex entry was lost in a crash is indexed again at restart', () => {
  const dir = tempDir();
  let log = open(dir, false, {});
  log.append(idem(0, 0, 0x10), NOW);
  log.append(makeSimpleBatch(1), NOW);
  assert.equal(log.lastStableOffset, 0n);
  log.appendMarker(9n, 0, false, 0, NOW);
  assert.equal(log.lastStableOffset, 4n);
  assert.deepEqual(
    log.abortedTxns.collect(0n, 4n).map((t) => [t.producerId, t.firstOffset, t.lastOffset]),
    [[9n, 0n, 3n]],
  );
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.txnindex') || f.endsWith('.snapshot')) fs.rmSync(path.join(dir, f));
  log = open(dir, false, {});
  assert.deepEqual(
    log.abortedTxns.collect(0n, 4n).map((t) => [t.producerId, t.firstOffset, t.lastOffset]),
    [[9n, 0n, 3n]],
  );
  assert.equal(log.lastStableOffset, 4n);
  log.close();
});

test('compaction drops aborted transactions (which never hide a committed value) and stops at the last stable offset', () => {
  const dir = tempDir();
  const log = open(dir, false, { 'segment.bytes': '400', 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01' });
  const keyed = (value: string, opts: { producerId?: bigint; seq?: number; txn?: boolean } = {}) =>
    makeBatch(
      [{ key: 'k', value }],
      opts.producerId === undefined ? {} : { producerId: opts.producerId, producerEpoch: 0, baseSequence: opts.seq ?? 0, attributes: opts.txn ? 0x10 : 0 },
    );
  log.append(keyed('committed'), NOW); // 0
  log.append(keyed('aborted', { producerId: 5n, txn: true }), NOW); // 1
  log.appendMarker(5n, 0, false, 0, NOW); // 2
  log.roll();
  log.append(keyed('open', { producerId: 6n, txn: true }), NOW); // 3: an open transaction
  for (let i = 0; i < 8; i++) log.append(makeBatch([{ key: `filler-${i}`, value: 'x' }]), NOW);
  assert.equal(log.lastStableOffset, 3n);
  log.compact(NOW);
  const values = splitBatches(log.read(0n, 1 << 20)).map((b) => ({ base: b.baseOffset, count: b.count }));
  assert.ok(
    values.some((v) => v.base === 0n),
    'the committed value stays: the aborted one is not its successor',
  );
  assert.ok(!values.some((v) => v.base === 1n), 'the aborted batch is gone');
  assert.ok(
    values.some((v) => v.base === 2n),
    'the marker stays',
  );
  assert.ok(
    values.some((v) => v.base === 3n),
    'the open transaction is not compacted',
  );
  log.close();
});
