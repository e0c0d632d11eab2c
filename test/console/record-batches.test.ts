/**
 * The free consumer's in-place RecordBatch reader and the search's byte prefilter, on batches
 * encoded by the broker's own batch builder (the bytes any Kafka producer sends). The full path
 * (Fetch from a real broker, compression, transactions) is covered by the message route tests.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildBatch } from '../../broker/log/batch-builder.ts';
import { batchHeaders, readRecords, type RecordView } from '../../lib/server/kafka/record-batches.ts';
import { decodeFetchResponse } from '../../lib/server/kafka/fetch-response.ts';
import { textPrefilter } from '../../lib/server/messages/prefilter.ts';
import type { TextMatch } from '../../lib/server/messages/matcher.ts';

const BATCH_HEADER = 61;

function all(batch: Buffer): RecordView[] {
  const h = batchHeaders(batch)[0]!;
  const out: RecordView[] = [];
  readRecords(batch.subarray(BATCH_HEADER, h.size), h.recordCount, { wanted: () => 'take', take: (r) => out.push(r) });
  return out;
}

describe('Console > record batches read in place', () => {
  test('headers of complete batches; a batch cut short at the end is left out', () => {
    const a = buildBatch([{ value: 'a0' }, { value: 'a1' }], { baseOffset: 10n, producerId: 7n, attributes: 0x10 });
    const b = buildBatch([{ value: 'b0' }], { baseOffset: 12n, attributes: 0x08 });
    const c = buildBatch([{ value: 'c0' }], { baseOffset: 13n });
    const hs = batchHeaders(Buffer.concat([a, b, c.subarray(0, c.length - 1)]));
    assert.equal(hs.length, 2);
    assert.deepEqual(
      hs.map((h) => [h.baseOffset, h.lastOffset, h.transactional, h.logAppendTime, h.producerId, h.recordCount]),
      [
        [10n, 11n, true, false, 7n, 2],
        [12n, 12n, false, true, -1n, 1],
      ],
    );
    assert.deepEqual(batchHeaders(Buffer.alloc(0)), []);
  });

  test('keys, values, nulls, headers, sizes and timestamp deltas both ways', () => {
    const base = 1_700_000_000_000n;
    const batch = buildBatch(
      [
        {
          key: 'k',
          value: 'v',
          timestamp: base,
          headers: [
            { key: 'h1', value: 'x' },
            { key: 'h1', value: null },
          ],
        },
        { key: null, value: null, timestamp: base - 5n },
        { key: Buffer.from([0xff, 0]), value: 'é'.repeat(100), timestamp: base + 2n ** 40n },
        { value: '', timestamp: base + 2n ** 60n },
      ],
      { baseTimestamp: base },
    );
    const rs = all(batch);
    assert.deepEqual(
      rs.map((r) => [r.offsetDelta, r.timestampDelta, r.key?.toString('hex') ?? null, r.value?.toString() ?? null, r.size]),
      [
        [0, 0, Buffer.from('k').toString('hex'), 'v', 1 + 1 + 2 + 1 + 2],
        [1, -5, null, null, 0],
        [2, 2 ** 40, 'ff00', 'é'.repeat(100), 2 + 200],
        // Past 2^49 the delta comes back as a bigint rather than a rounded number.
        [3, 2n ** 60n, null, '', 0],
      ],
    );
    assert.deepEqual(
      rs[0]!.headers.map((h) => [h.key, h.value?.toString() ?? null]),
      [
        ['h1', 'x'],
        ['h1', null],
      ],
    );
  });

  test('skip and stop by offset delta; the prefilter sees key and value in place', () => {
    const batch = buildBatch(Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `value-${i}` })));
    const body = batch.subarray(BATCH_HEADER);
    const taken: number[] = [];
    const looked: string[] = [];
    readRecords(body, 6, {
      wanted: (d) => (d < 2 ? 'skip' : d > 4 ? 'stop' : 'take'),
      keep: (data, ks, ke, vs, ve) => {
        looked.push(`${data.toString('utf8', ks, ke)}=${data.toString('utf8', vs, ve)}`);
        return ks >= 0 && data.toString('utf8', vs, ve) !== 'value-3';
      },
      take: (r) => taken.push(r.offsetDelta),
    });
    assert.deepEqual(looked, ['k2=value-2', 'k3=value-3', 'k4=value-4']);
    assert.deepEqual(taken, [2, 4]);
  });

  test('a record whose length runs past its batch is an error, not a wrong record', () => {
    const batch = buildBatch([{ value: 'abcdef' }]);
    const body = Buffer.from(batch.subarray(BATCH_HEADER));
    body[0] = 0x7e; // length 63, far past the end
    assert.throws(() => readRecords(body, 1, { wanted: () => 'take', take: () => undefined }), RangeError);
  });
});

describe('Console > Fetch responses with raw records', () => {
  test('v11 partitions with aborted transactions, errors and records left as bytes', () => {
    const records = buildBatch([{ value: 'x' }], { baseOffset: 5n });
    const parts: Buffer[] = [];
    const i16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
    const i32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    const i64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    parts.push(i32(0), i16(0), i32(0), i32(1), i16(5), Buffer.from('topic'), i32(2));
    parts.push(i32(0), i16(0), i64(6n), i64(6n), i64(0n), i32(1), i64(9n), i64(3n), i32(-1), i32(records.length), records);
    parts.push(i32(1), i16(1), i64(-1n), i64(-1n), i64(-1n), i32(-1), i32(-1), i32(-1));
    const res = decodeFetchResponse(Buffer.concat(parts), 11);
    const [p0, p1] = res.responses[0]!.partitions;
    assert.equal(res.responses[0]!.topicName, 'topic');
    assert.deepEqual(
      [p0!.partition, p0!.highWatermark, p0!.abortedTransactions, p0!.records.equals(records)],
      [0, 6n, [{ producerId: 9n, firstOffset: 3n }], true],
    );
    assert.deepEqual([p1!.partition, p1!.errorCode, p1!.abortedTransactions, p1!.records.length], [1, 1, null, 0]);
    assert.throws(() => decodeFetchResponse(Buffer.concat(parts).subarray(0, 30), 11), RangeError);
  });
});

describe('Console > search prefilter', () => {
  const m = (text: string, over: Partial<TextMatch> = {}): TextMatch => ({ op: 'contains', text, caseSensitive: false, ...over });
  const check = (f: ReturnType<typeof textPrefilter>, value: string | Buffer | null, key: string | null = 'k') => {
    const k = key === null ? Buffer.alloc(0) : Buffer.from(key);
    const v = value === null ? Buffer.alloc(0) : Buffer.from(value);
    const data = Buffer.concat([k, v]);
    return f!(data, key === null ? -1 : 0, k.length, value === null ? -1 : k.length, data.length);
  };

  test('rejects only UTF-8 values the needle is not in; anything else goes to the full check', () => {
    const ci = textPrefilter(undefined, m('Needle'));
    assert.equal(check(ci, 'a NEEDLE here'), true);
    assert.equal(check(ci, 'a needle'), true);
    assert.equal(check(ci, 'a needl'), false);
    assert.equal(check(ci, null), false);
    assert.equal(check(ci, 'café au lait'), false);
    assert.equal(check(ci, 'café NEEDLE'), true);
    // Non-ASCII bytes: UTF-8 text that lower-cases in ways bytes do not (the Kelvin sign is "k"), or a decoded format.
    assert.equal(check(textPrefilter(undefined, m('kelvin')), '\u212Aelvin'), true);
    assert.equal(check(ci, Buffer.from([0x81, 0xa1, 0x6e, 0x01])), true);
    const cs = textPrefilter(undefined, m('Needle', { caseSensitive: true }));
    assert.equal(check(cs, 'a NEEDLE'), false);
    assert.equal(check(cs, 'a Needle'), true);
    const eq = textPrefilter(undefined, m('abc', { op: 'equals' }));
    assert.deepEqual(
      ['ABC', 'abcd', 'ab', 'xabc'].map((v) => check(eq, v)),
      [true, false, false, false],
    );
  });

  test('key and value criteria both apply; regex and non-ASCII needles get none', () => {
    const both = textPrefilter(m('user-1', { op: 'equals' }), m('x'));
    assert.equal(check(both, 'x', 'user-1'), true);
    assert.equal(check(both, 'x', 'user-2'), false);
    assert.equal(check(both, 'y', 'user-1'), false);
    assert.equal(check(both, 'x', null), false);
    assert.equal(textPrefilter(undefined, m('a.c', { op: 'regex' })), undefined);
    assert.equal(textPrefilter(undefined, m('naïve')), undefined);
    assert.ok(textPrefilter(m('a.c', { op: 'regex' }), m('x')));
  });
});
