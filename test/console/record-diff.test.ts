/**
 * The record diff on its own: paths, exact 64-bit integers, decimals compared as numbers,
 * hostile keys, a root that is not an object, headers with repeated names.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DecodedDto, MessageDto } from '../../lib/messages/dto.ts';
import { parseJsonTree } from '../../lib/messages/json-tree.ts';
import { recordRefSchema } from '../../lib/messages/diff-params.ts';
import { diffPart, diffRecords, pathText, structuralChanges } from '../../lib/messages/record-diff.ts';

const changes = (a: string, b: string) => structuralChanges(parseJsonTree(a), parseJsonTree(b)).map((c) => [c.kind, c.pathText, c.before, c.after]);
const json = (text: string): DecodedDto => ({ format: 'json', detected: true, text, structured: true, size: text.length, truncated: false });
const msg = (value: DecodedDto | null, headers: [string, string][] = [], timestamp = '0'): MessageDto => ({
  partition: 0,
  offset: '0',
  timestamp,
  timestampType: 'CreateTime',
  key: null,
  value,
  headers: headers.map(([key, text]) => ({ key, value: { format: 'utf8', detected: true, text, structured: false, size: text.length, truncated: false } })),
  size: 0,
  compression: 'none',
  transactional: false,
  aborted: false,
});

describe('Record diff', () => {
  test('integers beyond 2^53 compare exactly; decimals compare as numbers', () => {
    assert.deepEqual(changes('{"a": 9223372036854775807}', '{"a": 9223372036854775806}'), [['changed', 'a', '9223372036854775807', '9223372036854775806']]);
    assert.deepEqual(changes('{"a": 1.50, "b": 1e2}', '{"a": 1.5, "b": 100.0}'), []);
    assert.deepEqual(changes('{"a": 1}', '{"a": "1"}'), [['changed', 'a', '1', '"1"']]);
  });

  test('nested paths, arrays, odd keys and __proto__', () => {
    assert.deepEqual(changes('{"a": {"b": [1, 2]}, "x y": 1, "__proto__": {"p": 1}}', '{"a": {"b": [1, 3, 4]}, "x y": 2, "__proto__": {"p": 2}}'), [
      ['changed', 'a.b[1]', '2', '3'],
      ['added', 'a.b[2]', undefined, '4'],
      ['changed', '["x y"]', '1', '2'],
      ['changed', '__proto__.p', '1', '2'],
    ]);
    assert.equal(pathText([]), '');
  });

  test('a root that is not an object, and a type change of the root', () => {
    assert.deepEqual(changes('1', '2'), [['changed', '', '1', '2']]);
    assert.deepEqual(changes('{"a":1}', '[1]'), [['changed', '', '{"a":1}', '[1]']]);
  });

  test('text compares by line; null against a value; truncated values are flagged', () => {
    const text = (t: string): DecodedDto => ({ ...json(t), format: 'utf8', structured: false });
    assert.deepEqual(diffPart(text('a\nb\n'), text('a\nc\n')).lines, [
      { kind: 'same', text: 'a\n' },
      { kind: 'removed', text: 'b\n' },
      { kind: 'added', text: 'c\n' },
    ]);
    assert.deepEqual(diffPart(null, null), { mode: 'null', equal: true });
    assert.deepEqual(diffPart(null, text('x')), { mode: 'null', equal: false });
    assert.equal(diffPart({ ...json('{"a":1'), truncated: true }, json('{"a":1}')).truncated, true);
  });

  test('headers by name, repeated names as lists; the timestamp distance', () => {
    const d = diffRecords(
      msg(
        json('{}'),
        [
          ['h', '1'],
          ['h', '2'],
          ['gone', 'x'],
        ],
        '1000',
      ),
      msg(
        json('{}'),
        [
          ['h', '1'],
          ['new', 'y'],
        ],
        '250',
      ),
    );
    assert.deepEqual(d.headers, [
      { kind: 'changed', key: 'h', before: ['1', '2'], after: ['1'] },
      { kind: 'removed', key: 'gone', before: ['x'] },
      { kind: 'added', key: 'new', after: ['y'] },
    ]);
    assert.equal(d.timestampDeltaMs, '-750');
    assert.equal(d.equal, false);
    assert.equal(diffRecords(msg(json('{"a":1}')), msg(json('{ "a" : 1 }'))).equal, true);
  });

  test('record references: partition:offset or topic:partition:offset, never a 500 on junk', () => {
    assert.deepEqual(recordRefSchema.parse('3:7'), { partition: 3, offset: 7n });
    assert.deepEqual(recordRefSchema.parse('orders.v1:0:9223372036854775807'), { topic: 'orders.v1', partition: 0, offset: 9223372036854775807n });
    for (const bad of ['0:x', '0:-1', ':0:0', '0:0:0:0', '..:0:0', '0:9223372036854775808', '0:123456789012345678901'])
      assert.equal(recordRefSchema.safeParse(bad).success, false, bad);
  });
});
