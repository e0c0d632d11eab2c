/**
 * The schema registry under bad and hostile input, against the real broker process: every
 * malformed body, path and schema gets a 4xx with Confluent's error body (never a 5xx, never a
 * crash), nothing is stored by a refused request, oversized bodies are refused, and recursive
 * schemas are compared without looping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, useRegistryBroker } from '../registry/registry-helpers.ts';

const registryBroker = useRegistryBroker();

const deepJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deepAvro = (depth: number): string => {
  let type = '"int"';
  for (let i = 0; i < depth; i++) type = `{"type":"array","items":${type}}`;
  return type;
};

const BODIES: [string, string][] = [
  ['not JSON', '{"schema": '],
  ['a JSON array', '[1,2,3]'],
  ['a JSON number', '42'],
  ['null', 'null'],
  ['schema is an object', '{"schema": {"type": "string"}}'],
  ['schema is a number', '{"schema": 7}'],
  ['references is a string', '{"schema": "\\"string\\"", "references": "x"}'],
  ['a reference without a version', '{"schema": "\\"string\\"", "references": [{"name": "a", "subject": "b"}]}'],
  ['schemaType is a number', '{"schema": "\\"string\\"", "schemaType": 3}'],
  ['id is text', '{"schema": "\\"string\\"", "id": "abc"}'],
  ['deeply nested JSON', deepJson(100_000)],
  ['Avro nested 5000 deep', JSON.stringify({ schema: deepAvro(5000) })],
  ['Protobuf garbage', JSON.stringify({ schema: '\u0000\u0001message {{{{', schemaType: 'PROTOBUF' })],
  ['base64 that is not a descriptor', JSON.stringify({ schema: 'AAAAAAAA', schemaType: 'PROTOBUF' })],
  ['JSON Schema with a dangling $ref', JSON.stringify({ schema: '{"$ref": "other.json"}', schemaType: 'JSON' })],
  ['compatibility level of the wrong type', '{"compatibility": ["FULL"]}'],
  ['invalid UTF-8', '\u00ff\u00fe'],
];

test('hostile bodies on every write route get 4xx error bodies and store nothing', async () => {
  const url = registryBroker().registryUrl;
  const routes: [string, string][] = [
    ['POST', '/subjects/hostile/versions'],
    ['POST', '/subjects/hostile'],
    ['POST', '/compatibility/subjects/hostile/versions/latest'],
    ['PUT', '/config/hostile'],
    ['PUT', '/mode/hostile'],
  ];
  for (const [method, path] of routes) {
    for (const [name, body] of BODIES) {
      const reply = await call(url, method, path, body);
      const where = `${method} ${path} with ${name}: ${reply.status} ${reply.text.slice(0, 200)}`;
      // PUT /config and /mode ignore schema fields; a few bodies are valid settings there.
      if (reply.status === 200) {
        assert.ok(method === 'PUT' || path.startsWith('/compatibility'), where);
        continue;
      }
      assert.ok(reply.status >= 400 && reply.status < 500, where);
      const err = reply.body as { error_code?: unknown; message?: unknown };
      assert.equal(typeof err.error_code, 'number', where);
      assert.equal(typeof err.message, 'string', where);
    }
  }
  assert.deepEqual((await call(url, 'GET', '/subjects?deleted=true')).body, []);
  assert.ok(registryBroker().running());
});

test('bad paths and oversized bodies', async () => {
  const url = registryBroker().registryUrl;
  assert.equal((await call(url, 'GET', '/subjects/%ZZ/versions')).status, 404);
  assert.equal((await call(url, 'GET', '/schemas/ids/-1')).status, 404);
  assert.equal((await call(url, 'GET', '/schemas/ids/99999999999999999999')).status, 404);
  assert.equal((await call(url, 'GET', '/subjects/x/versions/2147483648')).status, 422);
  const huge = JSON.stringify({ schema: `"${'x'.repeat(17 * 1024 * 1024)}"` });
  const reply = await call(url, 'POST', '/subjects/huge/versions', huge).catch((e: Error) => ({ status: 413, text: e.message, body: null, contentType: null }));
  assert.equal(reply.status, 413, reply.text.slice(0, 200));
  assert.deepEqual((await call(url, 'GET', '/subjects')).body, []);
  assert.ok(registryBroker().running());
});

test('recursive schemas register and evolve without the comparison looping', async () => {
  const url = registryBroker().registryUrl;
  const tree = 'syntax = "proto3";\nmessage Node { string name = 1; repeated Node children = 2; }\n';
  const tree2 = 'syntax = "proto3";\nmessage Node { string name = 1; repeated Node children = 2; int32 depth = 3; }\n';
  assert.equal((await call(url, 'POST', '/subjects/tree/versions', { schema: tree, schemaType: 'PROTOBUF' })).status, 200);
  assert.equal((await call(url, 'POST', '/subjects/tree/versions', { schema: tree2, schemaType: 'PROTOBUF' })).status, 200);
  const list = JSON.stringify({ type: 'object', properties: { value: { type: 'integer' }, next: { $ref: '#' } } });
  const list2 = JSON.stringify({ type: 'object', properties: { value: { type: 'integer' }, next: { $ref: '#' } }, required: ['value'] });
  assert.equal((await call(url, 'POST', '/subjects/list/versions', { schema: list, schemaType: 'JSON' })).status, 200);
  const refused = await call(url, 'POST', '/subjects/list/versions', { schema: list2, schemaType: 'JSON' });
  assert.equal(refused.status, 409, refused.text);
  const avro = JSON.stringify({
    type: 'record',
    name: 'L',
    fields: [
      { name: 'v', type: 'int' },
      { name: 'next', type: ['null', 'L'], default: null },
    ],
  });
  assert.equal((await call(url, 'POST', '/subjects/avro-list/versions', { schema: avro })).status, 200);
});
