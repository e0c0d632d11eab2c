import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateBatches, parseHeader, patchBatch, setLogAppendTime, validateBatch } from '../../broker/log/record-batch.ts';
import { RecordBatchError } from '../../broker/log/errors.ts';
import { forEachRecord } from '../../broker/log/records.ts';
import { makeBatch, makeSimpleBatch } from './make-batch.ts';

test('parseHeader reads all header fields', () => {
  const b = makeBatch(
    [
      { key: 'a', value: 'x', timestamp: 1000n },
      { key: 'b', value: 'y', timestamp: 1500n },
    ],
    { producerId: 7n },
  );
  const h = parseHeader(b);
  assert.equal(h.magic, 2);
  assert.equal(h.batchLength, b.length - 12);
  assert.equal(h.lastOffsetDelta, 1);
  assert.equal(h.recordCount, 2);
  assert.equal(h.baseTimestamp, 1000n);
  assert.equal(h.maxTimestamp, 1500n);
  assert.equal(h.producerId, 7n);
  assert.equal(validateBatch(b), b.length);
});

test('patching baseOffset and leader epoch keeps the CRC valid', () => {
  const b = makeSimpleBatch(3);
  patchBatch(b, 0, 123456789012345n, 4);
  assert.equal(validateBatch(b), b.length);
  assert.equal(parseHeader(b).baseOffset, 123456789012345n);
  assert.equal(parseHeader(b).partitionLeaderEpoch, 4);
});

test('CRC mismatch, truncation and wrong magic carry Kafka error codes', () => {
  const b = makeSimpleBatch(2);
  const flipped = Buffer.from(b);
  flipped[flipped.length - 1]! ^= 0xff;
  assert.throws(
    () => validateBatch(flipped),
    (e) => e instanceof RecordBatchError && e.errorCode === 2,
  );
  assert.throws(
    () => validateBatch(b.subarray(0, b.length - 1)),
    (e) => e instanceof RecordBatchError && e.errorCode === 2,
  );
  assert.throws(
    () => validateBatch(b.subarray(0, 30)),
    (e) => e instanceof RecordBatchError && e.errorCode === 2,
  );
  const magic1 = Buffer.from(b);
  magic1.writeInt8(1, 16);
  assert.throws(
    () => validateBatch(magic1),
    (e) => e instanceof RecordBatchError && e.errorCode === 43,
  );
});

test('iterateBatches walks concatenated batches', () => {
  const buf = Buffer.concat([makeSimpleBatch(1), makeSimpleBatch(5), makeSimpleBatch(2)]);
  assert.deepEqual(
    [...iterateBatches(buf)].map((s) => parseHeader(buf, s.pos).recordCount),
    [1, 5, 2],
  );
});

test('LogAppendTime sets the attribute bit and maxTimestamp and recomputes the CRC', () => {
  const b = makeSimpleBatch(2, { baseTimestamp: 10n });
  setLogAppendTime(b, 0, b.length, 99n);
  assert.equal(validateBatch(b), b.length);
  const h = parseHeader(b);
  assert.equal(h.attributes & 0x08, 0x08);
  assert.equal(h.maxTimestamp, 99n);
  const ts: bigint[] = [];
  forEachRecord(b, 0, b.length, (r) => void ts.push(r.timestamp));
  assert.deepEqual(ts, [99n, 99n]);
});

test('forEachRecord decodes offsets, timestamps, keys and tombstones', () => {
  const b = makeBatch([
    { key: 'a', value: 'x', timestamp: 5n },
    { key: null, value: null, timestamp: 3_000_000_000n },
  ]);
  patchBatch(b, 0, 40n, 0);
  const seen: [bigint, bigint, string | null, boolean][] = [];
  assert.equal(
    forEachRecord(b, 0, b.length, (r) => void seen.push([r.offset, r.timestamp, r.key?.toString() ?? null, r.nullValue])),
    true,
  );
  assert.deepEqual(seen, [
    [40n, 5n, 'a', false],
    [41n, 3_000_000_000n, null, true],
  ]);
});
