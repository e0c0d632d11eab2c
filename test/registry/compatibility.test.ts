/**
 * Compatibility matrices for Avro, Protobuf and JSON Schema, answered through the real
 * registry's REST API the way Confluent's registry answers them: each case registers the old
 * schema, then asks /compatibility about the new one under BACKWARD, FORWARD, FULL and NONE.
 * The _TRANSITIVE levels are checked by registering a third version that is compatible with
 * the latest but not with the first.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { avroRecord, call, useRegistryBroker } from './registry-helpers.ts';

const registryBroker = useRegistryBroker();

type Type = 'AVRO' | 'PROTOBUF' | 'JSON';
/** [name, old, new, BACKWARD, FORWARD]; FULL is both and NONE always passes. */
type Case = [string, string, string, boolean, boolean];

const rec = (fields: unknown[], name = 'User'): string => avroRecord(name, fields);
const str = { name: 'name', type: 'string' };
const AVRO: Case[] = [
  ['add a field with a default', rec([str]), rec([str, { name: 'age', type: 'int', default: 0 }]), true, true],
  ['add a field without a default', rec([str]), rec([str, { name: 'age', type: 'int' }]), false, true],
  ['remove a field with a default', rec([str, { name: 'age', type: 'int', default: 0 }]), rec([str]), true, true],
  ['remove a field without a default', rec([str, { name: 'age', type: 'int' }]), rec([str]), true, false],
  ['promote int to long', rec([{ name: 'n', type: 'int' }]), rec([{ name: 'n', type: 'long' }]), true, false],
  ['change string to int', rec([{ name: 'n', type: 'string' }]), rec([{ name: 'n', type: 'int' }]), false, false],
  [
    'add an enum symbol',
    rec([{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }]),
    rec([{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } }]),
    true,
    false,
  ],
  ['rename the record', rec([str]), rec([str], 'Person'), false, false],
  ['make a field nullable', rec([str]), rec([{ name: 'name', type: ['null', 'string'], default: null }]), true, false],
];

const proto = (body: string, pkg = 'demo', syntax = 'proto3'): string => `syntax = "${syntax}";\npackage ${pkg};\n${body}\n`;
const PROTOBUF: Case[] = [
  ['add a field', proto('message M { string a = 1; }'), proto('message M { string a = 1; int32 b = 2; }'), true, true],
  ['remove a field', proto('message M { string a = 1; int32 b = 2; }'), proto('message M { string a = 1; }'), true, true],
  ['rename a field', proto('message M { string a = 1; }'), proto('message M { string renamed = 1; }'), true, true],
  ['int32 to int64 (same wire group)', proto('message M { int32 a = 1; }'), proto('message M { int64 a = 1; }'), true, true],
  ['int32 to string', proto('message M { int32 a = 1; }'), proto('message M { string a = 1; }'), false, false],
  ['int32 to sint32', proto('message M { int32 a = 1; }'), proto('message M { sint32 a = 1; }'), false, false],
  [
    'scalar to message',
    proto('message M { int32 a = 1; }\nmessage N { int32 x = 1; }'),
    proto('message M { N a = 1; }\nmessage N { int32 x = 1; }'),
    false,
    false,
  ],
  [
    'field message type changed',
    proto('message M { A a = 1; }\nmessage A { int32 x = 1; }\nmessage B { string y = 1; }'),
    proto('message M { B a = 1; }\nmessage A { int32 x = 1; }\nmessage B { string y = 1; }'),
    false,
    false,
  ],
  ['remove a message', proto('message M { int32 a = 1; }\nmessage Extra { int32 x = 1; }'), proto('message M { int32 a = 1; }'), false, true],
  ['add a message', proto('message M { int32 a = 1; }'), proto('message M { int32 a = 1; }\nmessage Extra { int32 x = 1; }'), true, false],
  ['change the package', proto('message M { int32 a = 1; }'), proto('message M { int32 a = 1; }', 'other'), false, false],
  [
    'move two fields into one oneof',
    proto('message M { int32 a = 1; string b = 2; }'),
    proto('message M { oneof o { int32 a = 1; string b = 2; } }'),
    false,
    true,
  ],
  [
    'add a required field (proto2)',
    proto('message M { optional int32 a = 1; }', 'demo', 'proto2'),
    proto('message M { optional int32 a = 1; required int32 b = 2; }', 'demo', 'proto2'),
    false,
    false,
  ],
  ['add an enum value', proto('message M { E e = 1; }\nenum E { A = 0; }'), proto('message M { E e = 1; }\nenum E { A = 0; B = 1; }'), true, true],
];

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): string => JSON.stringify({ type: 'object', properties, ...extra });
const closed = { additionalProperties: false };
const JSON_SCHEMA: Case[] = [
  ['open model: add a property', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, b: { type: 'string' } }), false, true],
  ['open model: remove a property', obj({ a: { type: 'string' }, b: { type: 'string' } }), obj({ a: { type: 'string' } }), true, false],
  ['open model: add a property with an empty schema', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, b: {} }), true, true],
  [
    'closed model: add an optional property',
    obj({ a: { type: 'string' } }, closed),
    obj({ a: { type: 'string' }, b: { type: 'string' } }, closed),
    true,
    false,
  ],
  [
    'closed model: add a required property',
    obj({ a: { type: 'string' } }, closed),
    obj({ a: { type: 'string' }, b: { type: 'string' } }, { ...closed, required: ['b'] }),
    false,
    false,
  ],
  [
    'closed model: add a required property with a default',
    obj({ a: { type: 'string' } }, closed),
    obj({ a: { type: 'string' }, b: { type: 'string', default: 'x' } }, { ...closed, required: ['b'] }),
    true,
    false,
  ],
  ['make a property required', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' } }, { required: ['a'] }), false, true],
  ['string to integer', obj({ a: { type: 'string' } }), obj({ a: { type: 'integer' } }), false, false],
  ['integer to number', obj({ a: { type: 'integer' } }), obj({ a: { type: 'number' } }), true, false],
  ['string to string or null', obj({ a: { type: 'string' } }), obj({ a: { type: ['string', 'null'] } }), true, false],
  ['raise maxLength', obj({ a: { type: 'string', maxLength: 10 } }), obj({ a: { type: 'string', maxLength: 20 } }), true, false],
  ['extend an enum', obj({ a: { enum: ['x'] } }), obj({ a: { enum: ['x', 'y'] } }), true, false],
  ['close an open model', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' } }, closed), false, true],
];

const matrices: [Type, Case[]][] = [
  ['AVRO', AVRO],
  ['PROTOBUF', PROTOBUF],
  ['JSON', JSON_SCHEMA],
];

for (const [type, cases] of matrices) {
  describe(`${type} compatibility`, () => {
    cases.forEach(([name, oldSchema, newSchema, backward, forward], i) => {
      test(`${name}: BACKWARD ${backward ? 'ok' : 'refused'}, FORWARD ${forward ? 'ok' : 'refused'}`, async () => {
        const url = registryBroker().registryUrl;
        const subject = `${type.toLowerCase()}-case-${i}`;
        const reg = await call(url, 'POST', `/subjects/${subject}/versions`, { schema: oldSchema, schemaType: type });
        assert.equal(reg.status, 200, reg.text);
        const expected: Record<string, boolean> = { BACKWARD: backward, FORWARD: forward, FULL: backward && forward, NONE: true };
        const answers: Record<string, boolean> = {};
        for (const level of Object.keys(expected)) {
          await call(url, 'PUT', `/config/${subject}`, { compatibility: level });
          const reply = await call(url, 'POST', `/compatibility/subjects/${subject}/versions/latest?verbose=true`, { schema: newSchema, schemaType: type });
          assert.equal(reply.status, 200, reply.text);
          const body = reply.body as { is_compatible: boolean; messages: string[] };
          answers[level] = body.is_compatible;
          if (!body.is_compatible) assert.ok(body.messages.length > 0, 'an incompatible answer says why');
        }
        assert.deepEqual(answers, expected);
      });
    });
  });
}

describe('transitive levels', () => {
  // v1 {x: int} → v2 {} → v3 {x: string = ""}: v3 reads v2 data, but not v1's int x.
  const v1 = rec([{ name: 'x', type: 'int' }], 'T');
  const v2 = rec([], 'T');
  const v3 = rec([{ name: 'x', type: 'string', default: '' }], 'T');
  for (const [level, accepted] of [
    ['BACKWARD', true],
    ['BACKWARD_TRANSITIVE', false],
    ['FULL', true],
    ['FULL_TRANSITIVE', false],
  ] as const) {
    test(`${level}: a third version compatible only with the latest is ${accepted ? 'accepted' : 'refused with 409'}`, async () => {
      const url = registryBroker().registryUrl;
      const subject = `transitive-${level}`;
      await call(url, 'PUT', `/config/${subject}`, { compatibility: 'NONE' });
      await call(url, 'POST', `/subjects/${subject}/versions`, { schema: v1 });
      await call(url, 'POST', `/subjects/${subject}/versions`, { schema: v2 });
      await call(url, 'PUT', `/config/${subject}`, { compatibility: level });
      const reply = await call(url, 'POST', `/subjects/${subject}/versions`, { schema: v3 });
      assert.equal(reply.status, accepted ? 200 : 409, reply.text);
      if (!accepted) assert.match((reply.body as { message: string }).message, /\{oldSchemaVersion: 1\}/);
    });
  }
});
