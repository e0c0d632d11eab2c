/**
 * The console's schema registry side through its own API: a registry per cluster (the bundled
 * cluster's default, KAYAK_CLUSTER_<N>_SCHEMA_REGISTRY with basic auth), /api/schemas routes
 * behind the permission table and the audit log, the message browser decoding Avro, Protobuf and
 * JSON Schema records in Confluent's wire format, and produce through a subject's schema. The
 * registry is the one the bundled broker serves (--schema-registry-port); a second, small test
 * registry with basic auth stands in for a remote cluster's.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hash } from '@node-rs/argon2';
import avro from 'avsc';
import kafkajs from 'kafkajs';
import protobuf from 'protobufjs';
import { call, loginAs, type Session } from './auth-helpers.ts';
import { startRegistryFixture, type Registry } from './registry-fixture.ts';
import { freePort, randomName, startStack, type Stack } from './stack.ts';

const { Kafka, logLevel } = kafkajs;
const PASSWORD = 'correct horse battery';

const USER_V1 = {
  type: 'record',
  name: 'User',
  namespace: 'test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
};
const USER_V2 = { ...USER_V1, fields: [...USER_V1.fields, { name: 'email', type: ['null', 'string'], default: null }] };
// Adds a field without a default: data written with v2 cannot be read, so BACKWARD refuses it.
const USER_BAD = { ...USER_V1, fields: [...USER_V2.fields, { name: 'age', type: 'int' }] };
const PROTO = 'syntax = "proto3";\npackage shop;\nmessage Header { string source = 1; }\nmessage Order { int64 id = 1; string item = 2; int32 qty = 3; }\n';
const JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { sku: { type: 'string' }, price: { type: 'number' } },
  required: ['sku'],
};

let dir: string;
let stack: Stack;
/** the bundled broker's registry */
let registry: { url: string };
/** a second registry, with basic auth, for the numbered cluster */
let other: Registry;
const s: Record<string, Session> = {};
const subject = randomName('users-value');
const topic = randomName('schemas');

function wire(id: number, body: Buffer, indexes?: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeInt32BE(id, 1);
  return Buffer.concat([head, ...(indexes ? [indexes] : []), body]);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kayak-schemas-'));
  const passwordHash = await hash(PASSWORD);
  const users = [
    { name: 'ada', passwordHash, roles: 'admin', messages: true },
    { name: 'otto', passwordHash, roles: { '*': 'operator' }, messages: true },
    { name: 'vic', passwordHash, roles: { '*': 'viewer' }, messages: true },
  ];
  writeFileSync(join(dir, 'users.yaml'), `users:\n${users.map((u) => `  - ${JSON.stringify(u)}`).join('\n')}\n`);
  const registryPort = await freePort();
  registry = { url: `http://127.0.0.1:${registryPort}` };
  other = await startRegistryFixture({ user: 'reg-user', password: 'reg-secret' });
  stack = await startStack({
    brokerArgs: ['--schema-registry-port', String(registryPort)],
    env: {
      KAYAK_USERS_FILE: join(dir, 'users.yaml'),
      KAYAK_DATA_DIR: join(dir, 'data'),
      // what scripts/start.ts passes for the bundled broker's registry
      KAYAK_EMBEDDED_SCHEMA_REGISTRY_URL: registry.url,
      KAYAK_CLUSTER_1_SCHEMA_REGISTRY: other.url,
      KAYAK_CLUSTER_1_SCHEMA_REGISTRY_USER: 'reg-user',
      KAYAK_CLUSTER_1_SCHEMA_REGISTRY_PASSWORD: 'reg-secret',
    },
  });
  for (const name of ['ada', 'otto', 'vic']) s[name] = await loginAs(stack.url, name, PASSWORD);
  // The broker opens its registry port once it has read _schemas back.
  for (
    let i = 0;
    !(await fetch(`${registry.url}/subjects`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 150) throw new Error(`the bundled registry at ${registry.url} does not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

after(async () => {
  await stack?.stop();
  await other?.close();
  rmSync(dir, { recursive: true, force: true });
});

const enc = encodeURIComponent;

describe('Console > schema registry per cluster', () => {
  test('the bundled cluster uses the embedded registry, a numbered cluster its own with basic auth; no credentials leave the server', async () => {
    const clusters = await call(stack.url, s.vic!, '/api/clusters');
    assert.equal(clusters.status, 200);
    const byId = Object.fromEntries(clusters.body.map((c: { id: string }) => [c.id, c]));
    assert.equal(byId.local.schemaRegistry, registry.url);
    assert.equal(byId.offline.schemaRegistry, other.url);
    assert.ok(!JSON.stringify(clusters.body).includes('reg-secret'));
    const list = await call(stack.url, s.vic!, '/api/schemas?cluster=offline');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body, { registry: other.url, subjects: [] });
    assert.ok(other.auth.includes(`Basic ${Buffer.from('reg-user:reg-secret').toString('base64')}`));
    const cfg = await call(stack.url, s.vic!, '/api/console-config?cluster=offline');
    assert.equal(cfg.body.schemaRegistry, other.url);
  });
});

describe('Console > /api/schemas', () => {
  test('register, list with type, latest version and compatibility, versions, the compatibility check', async () => {
    const v1 = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}/versions`, { method: 'POST', body: { schema: JSON.stringify(USER_V1) } });
    assert.equal(v1.status, 200, JSON.stringify(v1.body));
    assert.equal(v1.body.version, 1);
    const ok = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}/compatibility`, {
      method: 'POST',
      body: { schema: JSON.stringify(USER_V2), schemaType: 'AVRO' },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body, { compatible: true, messages: [], newSubject: false });
    const v2 = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}/versions`, { method: 'POST', body: { schema: JSON.stringify(USER_V2) } });
    assert.equal(v2.body.version, 2);
    const list = await call(stack.url, s.vic!, '/api/schemas');
    const row = list.body.subjects.find((x: { subject: string }) => x.subject === subject);
    assert.deepEqual(row, { subject, schemaType: 'AVRO', latestVersion: 2, latestId: v2.body.id, compatibility: 'BACKWARD' });
    const detail = await call(stack.url, s.vic!, `/api/schemas/${enc(subject)}`);
    assert.deepEqual(detail.body.versions, [1, 2]);
    assert.equal(JSON.parse(detail.body.latest.schema).fields.length, 3);
    const one = await call(stack.url, s.vic!, `/api/schemas/${enc(subject)}/versions/1`);
    assert.deepEqual(JSON.parse(one.body.schema), USER_V1);
    const fresh = await call(stack.url, s.otto!, `/api/schemas/${enc(randomName('new'))}/compatibility`, {
      method: 'POST',
      body: { schema: JSON.stringify(USER_V1) },
    });
    assert.deepEqual(fresh.body, { compatible: true, messages: [], newSubject: true });
  });

  test('an incompatible schema is reported before saving, and refused with 409 when registered anyway', async () => {
    const check = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}/compatibility`, { method: 'POST', body: { schema: JSON.stringify(USER_BAD) } });
    assert.equal(check.status, 200);
    assert.equal(check.body.compatible, false);
    assert.ok(check.body.messages.length > 0);
    const reg = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}/versions`, { method: 'POST', body: { schema: JSON.stringify(USER_BAD) } });
    assert.equal(reg.status, 409, JSON.stringify(reg.body));
    assert.match(reg.body.error.message, /incompatible with an earlier schema/);
  });

  test('bad input gets 400 with a message, unknown subjects 404, and nothing is registered', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', `/api/schemas/${enc(subject)}/versions`, { schema: '' }, 400, /Schema cannot be empty/],
      ['POST', `/api/schemas/${enc(subject)}/versions`, { schema: '{}', schemaType: 'XML' }, 400, /schemaType must be one of/],
      ['POST', `/api/schemas/${enc(subject)}/versions`, { schema: '{"type":"nope"}' }, 400, /Invalid schema/],
      ['GET', `/api/schemas/${enc(subject)}/versions/0`, undefined, 400, /Version must be/],
      ['GET', `/api/schemas/${enc(subject)}/versions/abc`, undefined, 400, /Version must be/],
      ['GET', `/api/schemas/${enc(subject)}/versions/9`, undefined, 404, /Version 9 not found/],
      ['GET', `/api/schemas/no-such-subject-${Date.now()}`, undefined, 404, /not found/],
      ['DELETE', `/api/schemas/${enc(subject)}?permanent=maybe`, undefined, 400, /permanent must be true or false/],
    ];
    for (const [method, path, body, status, msg] of cases) {
      const r = await call(stack.url, s.ada!, path, { method, body });
      assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.error.message, msg, `${method} ${path}`);
    }
    const detail = await call(stack.url, s.vic!, `/api/schemas/${enc(subject)}`);
    assert.deepEqual(detail.body.versions, [1, 2]);
  });

  test('roles: viewers read, operators register, only admins delete; writes are audited', async () => {
    const reg = await call(stack.url, s.vic!, `/api/schemas/${enc(subject)}/versions`, { method: 'POST', body: { schema: JSON.stringify(USER_V2) } });
    assert.equal(reg.status, 403);
    assert.match(reg.body.error.message, /Registering schemas needs the operator role/);
    const del = await call(stack.url, s.otto!, `/api/schemas/${enc(subject)}`, { method: 'DELETE' });
    assert.equal(del.status, 403);
    const audit = await call(stack.url, s.ada!, '/api/audit?action=schema.register');
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const entries = JSON.stringify(audit.body);
    assert.ok(entries.includes('otto') && entries.includes('vic'), entries.slice(0, 500));
  });
});

describe('Console > message browser through the registry', () => {
  let ids: { avro: number; proto: number; json: number };

  before(async () => {
    const reg = async (subj: string, body: unknown) => {
      const r = await call(stack.url, s.otto!, `/api/schemas/${enc(subj)}/versions`, { method: 'POST', body });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.id as number;
    };
    ids = {
      avro: (await call(stack.url, s.vic!, `/api/schemas/${enc(subject)}/versions/2`)).body.id,
      proto: await reg(`${topic}-proto`, { schema: PROTO, schemaType: 'PROTOBUF' }),
      json: await reg(`${topic}-json`, { schema: JSON.stringify(JSON_SCHEMA), schemaType: 'JSON' }),
    };
    const kafka = new Kafka({ clientId: 'schemas-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const order = protobuf.parse(PROTO).root.lookupType('shop.Order');
    const avroBody = avro.Type.forSchema(USER_V2 as avro.Schema).toBuffer({ id: 42, name: 'Ada', email: 'ada@example.com' });
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: wire(ids.avro, avroBody) },
        // message indexes [1]: the file's second message, shop.Order (count 1, index 1, zigzag)
        {
          key: 'p',
          value: wire(ids.proto, Buffer.from(order.encode(order.fromObject({ id: '9007199254740993', item: 'book', qty: 2 })).finish()), Buffer.from([2, 2])),
        },
        { key: 'j', value: wire(ids.json, Buffer.from(JSON.stringify({ sku: 'X-1', price: 9.5 }))) },
      ],
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  test('Avro, Protobuf (message indexes) and JSON Schema records decode automatically, with subject and version', async () => {
    const page = await call(stack.url, s.vic!, `/api/topics/${enc(topic)}/messages?partition=0&offset=0&count=10`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    const [a, p, j] = page.body.messages.map((m: { value: unknown }) => m.value);
    assert.deepEqual([a.format, a.schemaType, a.subject, a.version, a.schemaId], ['avro', 'AVRO', subject, 2, ids.avro]);
    assert.deepEqual(JSON.parse(a.text), { id: 42, name: 'Ada', email: 'ada@example.com' });
    assert.deepEqual([p.format, p.schemaType, p.subject, p.version, p.messageType], ['protobuf', 'PROTOBUF', `${topic}-proto`, 1, 'shop.Order']);
    assert.deepEqual(JSON.parse(p.text), { id: '9007199254740993', item: 'book', qty: 2 });
    assert.deepEqual([j.format, j.schemaType, j.subject, j.version], ['json', 'JSON', `${topic}-json`, 1]);
    assert.deepEqual(JSON.parse(j.text), { sku: 'X-1', price: 9.5 });
    const forced = await call(stack.url, s.vic!, `/api/topics/${enc(topic)}/messages?partition=0&offset=0&count=1&format=registry`);
    assert.equal(forced.body.messages[0].value.subject, subject);
  });

  test('produce through a subject: validated against the schema first, then written in the wire format', async () => {
    const bad = await call(stack.url, s.otto!, `/api/topics/${enc(topic)}/produce`, {
      method: 'POST',
      body: { value: JSON.stringify({ id: 'x', name: 1 }), valueSchema: { subject } },
    });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.match(bad.body.error.message, /does not match the schema/);
    const badJson = await call(stack.url, s.otto!, `/api/topics/${enc(topic)}/produce`, {
      method: 'POST',
      body: { value: JSON.stringify({ price: 'free' }), valueSchema: { subject: `${topic}-json` } },
    });
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.error.message, /sku/);
    const sent: string[] = [];
    for (const body of [
      { value: '{"id": 9007199254740993, "name": "Bob", "email": null}', valueSchema: { subject, version: 2 } },
      { value: JSON.stringify({ id: '7', item: 'pen', qty: 3 }), valueSchema: { subject: `${topic}-proto`, messageType: 'shop.Order' } },
      { value: JSON.stringify({ sku: 'Y-2' }), valueSchema: { subject: `${topic}-json` } },
    ]) {
      const r = await call(stack.url, s.otto!, `/api/topics/${enc(topic)}/produce`, { method: 'POST', body: { ...body, key: 'form' } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      sent.push(r.body.offset);
    }
    const page = await call(stack.url, s.vic!, `/api/topics/${enc(topic)}/messages?partition=0&offset=${sent[0]}&count=3`);
    const [a, p, j] = page.body.messages.map((m: { value: unknown }) => m.value);
    assert.equal(a.subject, subject);
    // a long beyond 2^53 survives the form, the encoder and the decoder exactly
    assert.match(a.text, /"id": 9007199254740993\b/);
    assert.deepEqual([p.messageType, JSON.parse(p.text)], ['shop.Order', { id: '7', item: 'pen', qty: 3 }]);
    assert.deepEqual(JSON.parse(j.text), { sku: 'Y-2' });
  });
});

describe('Console > deleting schemas', () => {
  test('soft delete hides a subject; permanent delete removes it; both need the name and admin', async () => {
    const soft = await call(stack.url, s.ada!, `/api/schemas/${enc(subject)}`, { method: 'DELETE' });
    assert.equal(soft.status, 200, JSON.stringify(soft.body));
    assert.deepEqual(soft.body, { subject, permanent: false, versions: [1, 2] });
    const list = await call(stack.url, s.vic!, '/api/schemas');
    assert.ok(!list.body.subjects.some((x: { subject: string }) => x.subject === subject));
    const hard = await call(stack.url, s.ada!, `/api/schemas/${enc(subject)}?permanent=true`, { method: 'DELETE' });
    assert.equal(hard.status, 200, JSON.stringify(hard.body));
    assert.deepEqual(hard.body.versions, [1, 2]);
    const gone = await call(stack.url, s.ada!, `/api/schemas/${enc(subject)}?permanent=true`, { method: 'DELETE' });
    assert.equal(gone.status, 404);
  });

  test('one version can be deleted, soft then permanently in one call', async () => {
    const subj = `${topic}-json`;
    await call(stack.url, s.otto!, `/api/schemas/${enc(subj)}/versions`, {
      method: 'POST',
      body: { schema: JSON.stringify({ ...JSON_SCHEMA, required: [] }), schemaType: 'JSON' },
    });
    const del = await call(stack.url, s.ada!, `/api/schemas/${enc(subj)}/versions/1?permanent=true`, { method: 'DELETE' });
    assert.equal(del.status, 200, JSON.stringify(del.body));
    const detail = await call(stack.url, s.vic!, `/api/schemas/${enc(subj)}`);
    assert.deepEqual(detail.body.versions, [2]);
  });
});

describe('Console > schemas in read-only mode', () => {
  let ro: Stack;
  before(async () => {
    ro = await startStack({ env: { KAYAK_READ_ONLY: 'true', KAYAK_SCHEMA_REGISTRY_URL: registry.url }, bootstrap: stack.broker });
  });
  after(async () => {
    await ro?.stop();
  });

  test('KAYAK_SCHEMA_REGISTRY_URL applies to every cluster; registering and deleting are refused with 403, reading works', async () => {
    const off = await ro.api('/api/schemas?cluster=offline');
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.registry, registry.url);
    const reg = await ro.api(`/api/schemas/${enc(`${topic}-ro`)}/versions`, { method: 'POST', body: { schema: JSON.stringify(USER_V1) } });
    assert.equal(reg.status, 403);
    assert.match(reg.body.error.message, /read-only mode/);
    const del = await ro.api(`/api/schemas/${enc(`${topic}-proto`)}`, { method: 'DELETE' });
    assert.equal(del.status, 403);
    const still = await call(stack.url, s.vic!, `/api/schemas/${enc(`${topic}-proto`)}`);
    assert.equal(still.status, 200);
  });
});
