/**
 * @kafkajs/confluent-schema-registry (from npm) against the bundled registry: register and
 * evolve Avro, Protobuf and JSON Schema subjects, encode values in Confluent's wire format,
 * produce them to the bundled broker with kafkajs, read them back and decode them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types.js';
import { removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { startRegistryBroker } from './registry-helpers.ts';

const { Kafka, logLevel } = kafkajs;
let broker: BrokerProcess & { registryUrl: string };
let registry: SchemaRegistry;

before(async () => {
  broker = await startRegistryBroker();
  registry = new SchemaRegistry({ host: broker.registryUrl, retry: { retries: 0 } });
});
after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

/** Produces encoded values to a fresh topic and decodes what the broker hands back. */
async function roundTrip(topic: string, values: Buffer[]): Promise<unknown[]> {
  const kafka = new Kafka({ clientId: 'kafkajs-sr', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
  const read = await readPartition(broker.bootstrap, topic, 0, 0n, values.length);
  return Promise.all(read.map((m) => registry.decode(m.value!)));
}

test('Avro: register, evolve with a default, refuse a breaking change, encode and decode through the broker', async () => {
  const v1 = {
    type: 'record',
    name: 'Payment',
    namespace: 'shop',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'cents', type: 'long' },
    ],
  };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'currency', type: 'string', default: 'EUR' }] };
  const { id: id1 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject: 'payments-value' });
  const { id: id2 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v2) }, { subject: 'payments-value' });
  assert.notEqual(id1, id2);
  assert.equal(await registry.getLatestSchemaId('payments-value'), id2);
  assert.equal(await registry.getRegistryId('payments-value', 1), id1);
  assert.equal(await registry.getRegistryIdBySchema('payments-value', { type: SchemaType.AVRO, schema: JSON.stringify(v1) }), id1);
  const breaking = { ...v1, fields: [...v1.fields, { name: 'note', type: 'string' }] };
  await assert.rejects(registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(breaking) }, { subject: 'payments-value' }), /incompatible/);

  const decoded = await roundTrip('payments', [
    await registry.encode(id1, { id: 'a', cents: 100 }),
    await registry.encode(id2, { id: 'b', cents: 250, currency: 'USD' }),
  ]);
  // avsc decodes into record class instances: compare their fields.
  assert.deepEqual(
    decoded.map((d) => ({ ...(d as object) })),
    [
      { id: 'a', cents: 100 },
      { id: 'b', cents: 250, currency: 'USD' },
    ],
  );
  // Old data read with the newer schema gets the default.
  const old = await registry.encode(id1, { id: 'c', cents: 1 });
  assert.deepEqual({ ...(await registry.decode(old, { [SchemaType.AVRO]: { readerSchema: v2 as RawAvroSchema } })) }, { id: 'c', cents: 1, currency: 'EUR' });
});

test('Protobuf: register, evolve, encode and decode through the broker', async () => {
  const v1 = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n  int64 cents = 2;\n}\n';
  const v2 = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n  int64 cents = 2;\n  repeated string tags = 3;\n}\n';
  const { id: id1 } = await registry.register({ type: SchemaType.PROTOBUF, schema: v1 }, { subject: 'orders-value' });
  const { id: id2 } = await registry.register({ type: SchemaType.PROTOBUF, schema: v2 }, { subject: 'orders-value' });
  const breaking = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n  string cents = 2;\n}\n';
  await assert.rejects(registry.register({ type: SchemaType.PROTOBUF, schema: breaking }, { subject: 'orders-value' }), /incompatible/);
  const decoded = (await roundTrip('orders', [
    await registry.encode(id1, { id: 'o1', cents: 5 }),
    await registry.encode(id2, { id: 'o2', cents: 7, tags: ['x'] }),
  ])) as { id: string; tags?: string[] }[];
  assert.deepEqual(
    decoded.map((d) => [d.id, d.tags ?? []]),
    [
      ['o1', []],
      ['o2', ['x']],
    ],
  );
});

test('JSON Schema: register, refuse a property added to an open model, encode and decode through the broker', async () => {
  const v1 = { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'], additionalProperties: false };
  const v2 = { ...v1, properties: { ...v1.properties, note: { type: 'string' } } };
  const { id: id1 } = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(v1) }, { subject: 'items-value' });
  const { id: id2 } = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(v2) }, { subject: 'items-value' });
  assert.notEqual(id1, id2);
  const open = { type: 'object', properties: { a: { type: 'string' } } };
  await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(open) }, { subject: 'open-value' });
  const added = { ...open, properties: { ...open.properties, b: { type: 'integer' } } };
  await assert.rejects(
    registry.register({ type: SchemaType.JSON, schema: JSON.stringify(added) }, { subject: 'open-value' }),
    /PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL/,
  );
  const decoded = await roundTrip('items', [await registry.encode(id2, { sku: 'k1', qty: 2, note: 'n' })]);
  assert.deepEqual(decoded, [{ sku: 'k1', qty: 2, note: 'n' }]);
  await assert.rejects(registry.encode(id1, { qty: 1 }), /invalid payload|required/i);
});
