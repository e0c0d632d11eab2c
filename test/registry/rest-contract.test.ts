/**
 * The registry's REST contract against the real broker process: Confluent's paths, bodies,
 * content types, error codes and messages, ids that are global and stable, soft and hard
 * deletes, references, configs, modes and `?normalize=true`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { avroRecord, call, useRegistryBroker, VND } from './registry-helpers.ts';

const registryBroker = useRegistryBroker();
const sr = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(registryBroker().registryUrl, method, path, body, headers);
const user1 = avroRecord('User', [{ name: 'name', type: 'string' }]);
const user2 = avroRecord('User', [
  { name: 'name', type: 'string' },
  { name: 'age', type: 'int', default: 0 },
]);

describe('registering and reading schemas', () => {
  test('ids are global: the same schema gets the same id in every subject, re-registering returns it', async () => {
    const first = await sr('POST', '/subjects/users-value/versions', { schema: user1 });
    assert.equal(first.status, 200);
    assert.equal(first.contentType, VND);
    const id = (first.body as { id: number }).id;
    assert.ok(Number.isInteger(id) && id > 0);
    // Whitespace is not part of the schema.
    const again = await sr('POST', '/subjects/users-value/versions', { schema: JSON.stringify(JSON.parse(user1), null, 2) });
    assert.deepEqual(again.body, { id });
    assert.deepEqual((await sr('GET', '/subjects/users-value/versions')).body, [1]);
    assert.deepEqual((await sr('POST', '/subjects/users-copy/versions', { schema: user1 })).body, { id });
    const second = await sr('POST', '/subjects/users-value/versions', { schema: user2 });
    assert.deepEqual(second.body, { id: id + 1 });
    assert.deepEqual((await sr('GET', `/schemas/ids/${id}/subjects`)).body, ['users-copy', 'users-value']);
    assert.deepEqual((await sr('GET', `/schemas/ids/${id}/versions`)).body, [
      { subject: 'users-copy', version: 1 },
      { subject: 'users-value', version: 1 },
    ]);
  });

  test('versions, latest, raw schema, by id and lookup have Confluent bodies', async () => {
    const latest = await sr('GET', '/subjects/users-value/versions/latest');
    assert.deepEqual(latest.body, { subject: 'users-value', version: 2, id: (latest.body as { id: number }).id, schema: user2 });
    const copyId = ((await sr('GET', '/subjects/users-copy/versions/1')).body as { id: number }).id;
    assert.deepEqual((await sr('GET', '/subjects/users-value/versions/1')).body, { subject: 'users-value', version: 1, id: copyId, schema: user1 });
    const raw = await sr('GET', '/subjects/users-value/versions/2/schema');
    assert.equal(raw.text, user2);
    const id = (latest.body as { id: number }).id;
    assert.deepEqual((await sr('GET', `/schemas/ids/${id}`)).body, { schema: user2 });
    assert.equal((await sr('GET', `/schemas/ids/${id}/schema`)).text, user2);
    const found = await sr('POST', '/subjects/users-value', { schema: user2 });
    assert.deepEqual(found.body, { subject: 'users-value', version: 2, id, schema: user2 });
    assert.ok(((await sr('GET', '/subjects')).body as string[]).includes('users-value'));
    assert.deepEqual((await sr('GET', '/subjects?subjectPrefix=users-c')).body, ['users-copy']);
    assert.deepEqual((await sr('GET', '/schemas/types')).body, ['JSON', 'PROTOBUF', 'AVRO']);
    const json = await sr('GET', '/subjects', undefined, { Accept: 'application/json' });
    assert.equal(json.contentType, 'application/json');
  });
});

describe('errors', () => {
  const cases: [string, string, string, unknown, number, number, RegExp][] = [
    ['unknown subject', 'GET', '/subjects/nope/versions', undefined, 404, 40401, /^Subject 'nope' not found\.$/],
    ['unknown version', 'GET', '/subjects/users-value/versions/99', undefined, 404, 40402, /^Version 99 not found\.$/],
    ['version 0', 'GET', '/subjects/users-value/versions/0', undefined, 422, 42202, /The specified version '0' is not a valid version id/],
    ['version text', 'GET', '/subjects/users-value/versions/abc', undefined, 422, 42202, /'abc' is not a valid version id/],
    ['unknown id', 'GET', '/schemas/ids/987654', undefined, 404, 40403, /^Schema 987654 not found$/],
    ['lookup of an unknown schema', 'POST', '/subjects/users-value', { schema: avroRecord('Other', []) }, 404, 40403, /^Schema not found$/],
    ['lookup in an unknown subject', 'POST', '/subjects/nope', { schema: user1 }, 404, 40401, /Subject 'nope' not found/],
    [
      'invalid Avro',
      'POST',
      '/subjects/bad/versions',
      { schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"nosuch"}]}' },
      422,
      42201,
      /^Invalid schema .*nosuch/,
    ],
    ['not JSON', 'POST', '/subjects/bad/versions', { schema: '{oops' }, 422, 42201, /^Invalid schema /],
    ['invalid Protobuf', 'POST', '/subjects/bad/versions', { schema: 'message {', schemaType: 'PROTOBUF' }, 422, 42201, /^Invalid schema /],
    [
      'Protobuf with an unknown type',
      'POST',
      '/subjects/bad/versions',
      { schema: 'syntax = "proto3"; message A { Missing m = 1; }', schemaType: 'PROTOBUF' },
      422,
      42201,
      /Missing/,
    ],
    ['invalid JSON Schema', 'POST', '/subjects/bad/versions', { schema: '{"type": 12}', schemaType: 'JSON' }, 422, 42201, /^Invalid schema /],
    ['unknown schema type', 'POST', '/subjects/bad/versions', { schema: '{}', schemaType: 'XML' }, 422, 42201, /Invalid schema type XML/],
    ['empty schema', 'POST', '/subjects/bad/versions', { schema: '' }, 422, 42201, /Empty schema/],
    ['missing reference', 'POST', '/subjects/bad/versions', { schema: user1, references: [{ name: 'x', subject: 'nope', version: 1 }] }, 422, 42201, /nope/],
    ['invalid compatibility', 'PUT', '/config', { compatibility: 'SIDEWAYS' }, 422, 42203, /Invalid compatibility level/],
    ['invalid mode', 'PUT', '/mode', { mode: 'SOMETIMES' }, 422, 42204, /Invalid mode/],
    [
      'subject without its own config',
      'GET',
      '/config/users-value',
      undefined,
      404,
      40408,
      /^Subject 'users-value' does not have subject-level compatibility configured$/,
    ],
    ['subject without its own mode', 'GET', '/mode/users-value', undefined, 404, 40409, /^Subject 'users-value' does not have subject-level mode configured$/],
    ['unknown path', 'GET', '/nothing/here', undefined, 404, 404, /HTTP 404 Not Found/],
    ['wrong method', 'PATCH', '/config', undefined, 405, 405, /HTTP 405 Method Not Allowed/],
    ['malformed JSON body', 'POST', '/subjects/bad/versions', '{"schema":', 400, 400, /./],
  ];
  for (const [name, method, path, body, status, code, message] of cases) {
    test(`${name}: ${status} ${code}`, async () => {
      const reply = await sr(method, path, body);
      assert.equal(reply.status, status, reply.text);
      const err = reply.body as { error_code: number; message: string };
      assert.equal(err.error_code, code, reply.text);
      assert.match(err.message, message);
    });
  }

  test('a form-encoded body is refused with 415', async () => {
    const reply = await sr('POST', '/subjects/bad/versions', 'schema=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([reply.status, reply.body], [415, { error_code: 415, message: 'HTTP 415 Unsupported Media Type' }]);
  });

  test('an incompatible schema is refused with 409 and the reason; nothing is registered', async () => {
    const breaking = avroRecord('User', [
      { name: 'name', type: 'string' },
      { name: 'age', type: 'int', default: 0 },
      { name: 'email', type: 'string' },
    ]);
    const reply = await sr('POST', '/subjects/users-value/versions', { schema: breaking });
    assert.equal(reply.status, 409);
    const err = reply.body as { error_code: number; message: string };
    assert.equal(err.error_code, 409);
    assert.match(
      err.message,
      /^Schema being registered is incompatible with an earlier schema for subject "users-value", details: \[\{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'.*'email'.*\{oldSchemaVersion: 2\}.*\{compatibility: 'BACKWARD'\}\]$/,
    );
    assert.deepEqual((await sr('GET', '/subjects/users-value/versions')).body, [1, 2]);
  });
});

describe('config, mode and the compatibility endpoint', () => {
  test('global and subject compatibility levels', async () => {
    assert.deepEqual((await sr('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await sr('PUT', '/config/cfg-value', { compatibility: 'full' })).body, { compatibility: 'FULL' });
    assert.deepEqual((await sr('GET', '/config/cfg-value')).body, { compatibilityLevel: 'FULL' });
    assert.deepEqual((await sr('GET', '/config/other-value?defaultToGlobal=true')).body, { compatibilityLevel: 'BACKWARD' });
    await sr('POST', '/subjects/cfg-value/versions', { schema: user1 });
    assert.deepEqual((await sr('DELETE', '/config/cfg-value')).body, { compatibilityLevel: 'FULL' });
    assert.equal((await sr('GET', '/config/cfg-value')).status, 404);
  });

  test('READONLY refuses registration with 42205; IMPORT needs an empty registry unless forced', async () => {
    assert.deepEqual((await sr('GET', '/mode')).body, { mode: 'READWRITE' });
    assert.deepEqual((await sr('PUT', '/mode/ro-value', { mode: 'READONLY' })).body, { mode: 'READONLY' });
    const refused = await sr('POST', '/subjects/ro-value/versions', { schema: user1 });
    assert.deepEqual([refused.status, (refused.body as { error_code: number }).error_code], [422, 42205]);
    assert.deepEqual((await sr('DELETE', '/mode/ro-value')).body, { mode: 'READONLY' });
    assert.equal((await sr('POST', '/subjects/ro-value/versions', { schema: user1 })).status, 200);
    const imp = await sr('PUT', '/mode', { mode: 'IMPORT' });
    assert.deepEqual([imp.status, (imp.body as { error_code: number }).error_code], [422, 42205]);
  });

  test('POST /compatibility answers is_compatible, with messages when verbose', async () => {
    const ok = await sr('POST', '/compatibility/subjects/users-value/versions/latest', { schema: user2 });
    assert.deepEqual(ok.body, { is_compatible: true });
    const bad = await sr('POST', '/compatibility/subjects/users-value/versions/latest?verbose=true', {
      schema: avroRecord('User', [{ name: 'name', type: 'int' }]),
    });
    const body = bad.body as { is_compatible: boolean; messages: string[] };
    assert.equal(body.is_compatible, false);
    assert.ok(
      body.messages.some((m) => m.includes('TYPE_MISMATCH')),
      JSON.stringify(body),
    );
    assert.deepEqual((await sr('POST', '/compatibility/subjects/fresh-value/versions/latest', { schema: user1 })).body, { is_compatible: true });
    assert.equal((await sr('POST', '/compatibility/subjects/users-value/versions/7', { schema: user1 })).status, 404);
  });
});

describe('deletes', () => {
  test('soft then hard delete of a version, with the errors Confluent gives out of order', async () => {
    await sr('POST', '/subjects/del-value/versions', { schema: user1 });
    await sr('POST', '/subjects/del-value/versions', { schema: user2 });
    const hardFirst = await sr('DELETE', '/subjects/del-value/versions/1?permanent=true');
    assert.deepEqual([hardFirst.status, (hardFirst.body as { error_code: number }).error_code], [404, 40407]);
    assert.deepEqual((await sr('DELETE', '/subjects/del-value/versions/1')).body, 1);
    const twice = await sr('DELETE', '/subjects/del-value/versions/1');
    assert.deepEqual([twice.status, (twice.body as { error_code: number }).error_code], [404, 40406]);
    assert.deepEqual((await sr('GET', '/subjects/del-value/versions')).body, [2]);
    assert.deepEqual((await sr('GET', '/subjects/del-value/versions?deleted=true')).body, [1, 2]);
    assert.equal((await sr('GET', '/subjects/del-value/versions/1')).status, 404);
    assert.equal((await sr('GET', '/subjects/del-value/versions/1?deleted=true')).status, 200);
    assert.deepEqual((await sr('DELETE', '/subjects/del-value/versions/1?permanent=true')).body, 1);
    assert.deepEqual((await sr('GET', '/subjects/del-value/versions?deleted=true')).body, [2]);
  });

  test('soft then hard delete of a subject', async () => {
    await sr('POST', '/subjects/gone-value/versions', { schema: user1 });
    const hardFirst = await sr('DELETE', '/subjects/gone-value?permanent=true');
    assert.deepEqual([hardFirst.status, (hardFirst.body as { error_code: number }).error_code], [404, 40405]);
    assert.deepEqual((await sr('DELETE', '/subjects/gone-value')).body, [1]);
    assert.ok(!((await sr('GET', '/subjects')).body as string[]).includes('gone-value'));
    assert.ok(((await sr('GET', '/subjects?deleted=true')).body as string[]).includes('gone-value'));
    const twice = await sr('DELETE', '/subjects/gone-value');
    assert.deepEqual([twice.status, (twice.body as { error_code: number }).error_code], [404, 40404]);
    assert.deepEqual((await sr('DELETE', '/subjects/gone-value?permanent=true')).body, [1]);
    assert.equal((await sr('GET', '/subjects/gone-value/versions?deleted=true')).status, 404);
    // A re-registration after a soft delete makes a new version.
    await sr('POST', '/subjects/again-value/versions', { schema: user1 });
    await sr('DELETE', '/subjects/again-value');
    await sr('POST', '/subjects/again-value/versions', { schema: user1 });
    assert.deepEqual((await sr('GET', '/subjects/again-value/versions')).body, [2]);
  });
});

describe('references and normalize', () => {
  const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'test', fields: [{ name: 'city', type: 'string' }] });
  const person = JSON.stringify({ type: 'record', name: 'Person', namespace: 'test', fields: [{ name: 'home', type: 'test.Address' }] });

  test('a schema referencing another subject resolves it; the referenced version cannot be deleted', async () => {
    await sr('POST', '/subjects/address/versions', { schema: address });
    const unresolved = await sr('POST', '/subjects/person-value/versions', { schema: person });
    assert.equal((unresolved.body as { error_code: number }).error_code, 42201);
    const refs = [{ name: 'test.Address', subject: 'address', version: 1 }];
    const reg = await sr('POST', '/subjects/person-value/versions', { schema: person, references: refs });
    assert.equal(reg.status, 200, reg.text);
    const id = (reg.body as { id: number }).id;
    assert.deepEqual((await sr('GET', '/subjects/person-value/versions/1')).body, {
      subject: 'person-value',
      version: 1,
      id,
      references: refs,
      schema: person,
    });
    assert.deepEqual((await sr('GET', `/schemas/ids/${id}`)).body, { references: refs, schema: person });
    assert.deepEqual((await sr('GET', '/subjects/address/versions/1/referencedby')).body, [id]);
    const del = await sr('DELETE', '/subjects/address/versions/1');
    assert.deepEqual([del.status, (del.body as { error_code: number }).error_code], [422, 42206]);
  });

  test('?normalize=true makes key order irrelevant for JSON Schema', async () => {
    const a = '{"type":"object","properties":{"x":{"type":"string"}}}';
    const b = '{"properties":{"x":{"type":"string"}},"type":"object"}';
    const first = await sr('POST', '/subjects/norm-value/versions?normalize=true', { schema: a, schemaType: 'JSON' });
    const second = await sr('POST', '/subjects/norm-value/versions?normalize=true', { schema: b, schemaType: 'JSON' });
    assert.deepEqual(second.body, first.body);
    assert.deepEqual((await sr('GET', '/subjects/norm-value/versions')).body, [1]);
  });

  test('Protobuf: formatting and comments do not make a new schema; ?format=serialized gives a descriptor', async () => {
    const proto = 'syntax = "proto3";\npackage demo;\nmessage Order { string id = 1; int64 cents = 2; }\n';
    const spaced = '// orders\nsyntax = "proto3";\n\npackage demo;\n\nmessage Order {\n  string id = 1; // key\n  int64 cents = 2;\n}\n';
    const first = await sr('POST', '/subjects/orders-value/versions', { schema: proto, schemaType: 'PROTOBUF' });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual((await sr('POST', '/subjects/orders-value/versions', { schema: spaced, schemaType: 'PROTOBUF' })).body, first.body);
    const id = (first.body as { id: number }).id;
    assert.deepEqual((await sr('GET', `/schemas/ids/${id}`)).body, { schemaType: 'PROTOBUF', schema: proto });
    const serialized = (await sr('GET', `/schemas/ids/${id}?format=serialized`)).body as { schema: string };
    const bytes = Buffer.from(serialized.schema, 'base64');
    assert.ok(bytes.includes(Buffer.from('Order')) && bytes.includes(Buffer.from('demo')));
  });
});
