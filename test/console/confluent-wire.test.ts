/** Confluent's wire format header and Protobuf message indexes, against bytes Confluent's serializers write. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readMessageIndexes, wireHeader, wireSchemaId, writeMessageIndexes } from '../../lib/server/messages/confluent-wire.ts';

describe('Console > Confluent wire format', () => {
  test('magic byte 0 and a big-endian 4-byte schema id', () => {
    assert.deepEqual([...wireHeader(258)], [0, 0, 0, 1, 2]);
    assert.equal(wireSchemaId(Buffer.from([0, 0, 0, 1, 2, 9])), 258);
    assert.equal(wireSchemaId(Buffer.from([1, 0, 0, 1, 2, 9])), null);
    assert.equal(wireSchemaId(Buffer.from([0, 0, 0])), null);
  });

  test('message indexes: [0] is the single byte 0, others a zigzag count then zigzag indexes', () => {
    assert.deepEqual([...writeMessageIndexes([0])], [0]);
    assert.deepEqual([...writeMessageIndexes([1])], [2, 2]);
    assert.deepEqual([...writeMessageIndexes([2, 0, 70])], [6, 4, 0, 0x8c, 0x01]);
    for (const idx of [[0], [1], [3, 1], [2, 0, 70], [200]]) {
      const bytes = Buffer.concat([wireHeader(5), writeMessageIndexes(idx), Buffer.from([0xaa])]);
      const { indexes, offset } = readMessageIndexes(bytes);
      assert.deepEqual(indexes, idx);
      assert.equal(bytes[offset], 0xaa);
    }
  });

  test('truncated or implausible indexes are errors, not garbage', () => {
    assert.throws(() => readMessageIndexes(Buffer.from([0, 0, 0, 0, 1, 4])), /past the end/);
    assert.throws(() => readMessageIndexes(Buffer.from([0, 0, 0, 0, 1, 0x80])), /past the end/);
    assert.throws(() => readMessageIndexes(Buffer.from([0, 0, 0, 0, 1, 1])), /implausible/);
  });
});
