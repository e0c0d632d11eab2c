/** INT64 fields: the reader and writer's Number fast path agrees with Node's BigInt64 functions at every boundary. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reader } from '../../broker/protocol/reader.ts';
import { Writer } from '../../broker/protocol/writer.ts';

const boundaries = [0n, 1n, -1n, -2n, -3n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), -(2n ** 32n) - 1n];
for (const edge of [2n ** 52n, 2n ** 53n, 2n ** 62n, 2n ** 63n]) boundaries.push(edge - 1n, edge, edge + 1n, -edge + 1n, -edge, -edge - 1n);

/** Every value as Node writes it, and the value our reader makes of Node's bytes. */
function check(value: bigint): void {
  const v = BigInt.asIntN(64, value);
  const expected = Buffer.alloc(8);
  expected.writeBigInt64BE(v);
  assert.deepEqual(new Writer().int64(v).toBuffer(), expected, `write ${v}`);
  assert.equal(new Reader(expected).int64(), v, `read ${v}`);
}

test('int64 boundaries (±2^31, ±2^32, ±2^52, ±2^53, ±2^62, ±2^63) round-trip exactly', () => {
  for (const v of boundaries) check(v);
});

test('int64: 20,000 random values of every magnitude round-trip exactly', () => {
  let seed = 12345;
  const next = (): bigint => BigInt((seed = (seed * 1103515245 + 12345) % 2 ** 31));
  for (let i = 0; i < 20_000; i++) {
    const v = (next() << 33n) ^ (next() << BigInt(i % 34)) ^ next();
    check(i % 2 === 0 ? v : -v);
  }
});
