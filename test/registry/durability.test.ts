/**
 * The registry's state lives in the broker's own compacted `_schemas` topic: it survives a clean
 * restart and `kill -9` (every acknowledged registration is there afterwards and ids continue
 * without reuse), the topic holds Confluent's key and value formats, and records another Kafka
 * client writes there in those formats are served too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { removeDir, tempDataDir } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { avroRecord, call, startRegistryBroker } from './registry-helpers.ts';

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;

/** Everything a client can read back, for before/after comparisons. */
async function snapshot(url: string): Promise<unknown> {
  const subjects = (await call(url, 'GET', '/subjects?deleted=true')).body as string[];
  const out: Record<string, unknown> = { config: (await call(url, 'GET', '/config')).body };
  for (const s of subjects) {
    const versions = (await call(url, 'GET', `/subjects/${s}/versions?deleted=true`)).body as number[];
    out[s] = await Promise.all(versions.map(async (v) => (await call(url, 'GET', `/subjects/${s}/versions/${v}?deleted=true`)).body));
    out[`${s}/live`] = (await call(url, 'GET', `/subjects/${s}/versions`)).body;
    out[`${s}/config`] = (await call(url, 'GET', `/config/${s}`)).body;
  }
  return out;
}

test('a clean restart keeps subjects, versions, ids, soft deletes and configs; ids continue', async () => {
  const dataDir = tempDataDir();
  const first = await startRegistryBroker({ dataDir });
  const url = first.registryUrl;
  await call(url, 'POST', '/subjects/a-value/versions', { schema: avroRecord('A', [{ name: 'x', type: 'int' }]) });
  await call(url, 'POST', '/subjects/a-value/versions', {
    schema: avroRecord('A', [
      { name: 'x', type: 'int' },
      { name: 'y', type: 'string', default: '' },
    ]),
  });
  await call(url, 'POST', '/subjects/p-value/versions', { schema: 'syntax = "proto3";\nmessage P { string s = 1; }\n', schemaType: 'PROTOBUF' });
  await call(url, 'POST', '/subjects/j-value/versions', { schema: '{"type":"object"}', schemaType: 'JSON' });
  await call(url, 'PUT', '/config/a-value', { compatibility: 'FULL_TRANSITIVE' });
  await call(url, 'DELETE', '/subjects/j-value');
  const before = await snapshot(url);
  assert.equal(await first.stop(), 0);

  const second = await startRegistryBroker({ dataDir });
  try {
    assert.deepEqual(await snapshot(second.registryUrl), before);
    const next = await call(second.registryUrl, 'POST', '/subjects/b-value/versions', { schema: avroRecord('B', []) });
    assert.deepEqual(next.body, { id: 5 }, 'ids continue after the highest stored one');
  } finally {
    await second.stop();
    removeDir(dataDir);
  }
});

test('kill -9 while registering loses no acknowledged schema', async () => {
  const dataDir = tempDataDir();
  const first = await startRegistryBroker({ dataDir });
  const acked = new Map<number, string>(); // id → subject
  let stop = false;
  const loop = (async () => {
    for (let i = 0; !stop; i++) {
      try {
        const reply = await call(first.registryUrl, 'POST', `/subjects/crash-${i}/versions`, { schema: avroRecord(`R${i}`, [{ name: 'n', type: 'int' }]) });
        if (reply.status === 200) acked.set((reply.body as { id: number }).id, `crash-${i}`);
      } catch {
        return; // the broker is gone
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 1500));
  await first.kill9();
  stop = true;
  await loop;
  assert.ok(acked.size > 5, `only ${acked.size} registrations were acknowledged before the crash`);

  const second = await startRegistryBroker({ dataDir });
  try {
    for (const [id, subject] of acked) {
      const got = await call(second.registryUrl, 'GET', `/subjects/${subject}/versions/1`);
      assert.equal(got.status, 200, `${subject}: ${got.text}`);
      assert.equal((got.body as { id: number }).id, id);
    }
    const next = (await call(second.registryUrl, 'POST', '/subjects/after-crash/versions', { schema: avroRecord('After', []) })).body as { id: number };
    assert.ok(next.id > Math.max(...acked.keys()), 'no id is handed out twice');
  } finally {
    await second.stop();
    removeDir(dataDir);
  }
});

test('_schemas is a compacted topic in Confluent formats; records produced there by a client are served', async () => {
  const broker = await startRegistryBroker();
  const kafka = new Kafka({ clientId: 'registry-durability', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    const schema = avroRecord('Topic', [{ name: 't', type: 'string' }]);
    await call(broker.registryUrl, 'POST', '/subjects/t-value/versions', { schema });
    await admin.connect();
    const configs = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: '_schemas', configNames: ['cleanup.policy'] }],
      includeSynonyms: false,
    });
    assert.equal(configs.resources[0]?.configEntries[0]?.configValue, 'compact');
    const [record] = await readPartition(broker.bootstrap, '_schemas', 0, 0n, 1);
    assert.deepEqual(JSON.parse(record!.key!.toString()), { keytype: 'SCHEMA', subject: 't-value', version: 1, magic: 1 });
    assert.deepEqual(JSON.parse(record!.value!.toString()), { subject: 't-value', version: 1, id: 1, schema, deleted: false });

    // As if another Confluent-format writer had stored a schema: the registry serves it.
    const producer = kafka.producer();
    await producer.connect();
    const other = avroRecord('FromKafka', [{ name: 'k', type: 'long' }]);
    await producer.send({
      topic: '_schemas',
      acks: -1,
      messages: [
        {
          key: JSON.stringify({ keytype: 'SCHEMA', subject: 'k-value', version: 1, magic: 1 }),
          value: JSON.stringify({ subject: 'k-value', version: 1, id: 40, schema: other, deleted: false }),
        },
        { key: 'not json', value: 'ignored' },
      ],
    });
    await producer.disconnect();
    assert.deepEqual((await call(broker.registryUrl, 'GET', '/schemas/ids/40')).body, { schema: other });
    assert.deepEqual((await call(broker.registryUrl, 'POST', '/subjects/n-value/versions', { schema: avroRecord('N', []) })).body, { id: 41 });
  } finally {
    await admin.disconnect();
    await broker.stop();
    removeDir(broker.dataDir);
  }
});
