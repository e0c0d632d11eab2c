/**
 * confluent-kafka-python 2.x (from PyPI; scripts/install-test-tools.sh installs it with its
 * schemaregistry, avro, json and protobuf extras) against the bundled registry and broker:
 * SchemaRegistryClient, AvroSerializer, ProtobufSerializer (which registers base64 descriptors
 * and reads them back with ?format=serialized) and JSONSerializer, produce and consume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { removeDir } from '../helpers/broker-process.ts';
import { call, startRegistryBroker } from './registry-helpers.ts';

const run = promisify(execFile);
// The python3 first on PATH: the one install-test-tools.sh gives confluent-kafka 2.x and its extras.
const SCRIPT = join(import.meta.dirname, 'python', 'sr_clients.py');

test('SchemaRegistryClient with the Avro, Protobuf and JSON serializers round-trips through the bundled broker', async () => {
  const broker = await startRegistryBroker();
  try {
    const { stdout } = await run('python3', [SCRIPT, broker.bootstrap, broker.registryUrl, 'py'], { timeout: 120_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    assert.deepEqual(r.avro, [
      { sensor: 's1', value: 1.5 },
      { sensor: 's2', value: -2 },
    ]);
    assert.equal(r.avro_v2_compatible, true, 'adding a field with a default is BACKWARD-compatible');
    assert.equal(r.avro_bad_compatible, false, 'adding a field without a default is not');
    assert.deepEqual(r.avro_bad_error, [409, 409]);
    assert.deepEqual(r.avro_versions, [1, 2]);
    assert.deepEqual(r.avro_latest, [2, r.avro_v2_id]);
    assert.equal(r.avro_by_id, 'unit');
    assert.deepEqual(r.avro_with_reader, [{ sensor: 's3', value: 3, unit: 'C' }], 'old data read with the new schema gets the default');
    assert.deepEqual(r.protobuf, [
      ['x1', 3, ['a', 'b']],
      ['x2', 0, []],
    ]);
    assert.equal(r.protobuf_type, 'PROTOBUF');
    // The descriptor the serializer registered is stored and served as .proto text.
    assert.equal(
      r.protobuf_schema_text,
      'syntax = "proto3";\npackage py;\n\nmessage Shipment {\n  string id = 1;\n  int32 weight = 2;\n  repeated string tags = 3;\n}\n',
    );
    assert.deepEqual(r.json, [{ kind: 'a', n: 1 }, { kind: 'b' }]);
    assert.equal(r.json_invalid, 'SerializationError');
    const subjects = (await call(broker.registryUrl, 'GET', '/subjects')).body;
    assert.deepEqual(subjects, ['py-avro-reader-value', 'py-avro-value', 'py-json-value', 'py-proto-value']);
  } finally {
    await broker.stop();
    removeDir(broker.dataDir);
  }
});
