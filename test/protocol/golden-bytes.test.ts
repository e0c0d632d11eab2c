/**
 * Requests captured from real clients on the wire decode to the expected fields, and encoding
 * the decoded message reproduces the captured bytes exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRequestHeader, isFlexible } from '../../broker/protocol/frame.ts';
import { Writer } from '../../broker/protocol/writer.ts';
import { encodeRequestHeader } from '../../broker/protocol/messages/request-header.ts';
import { encodeApiVersionsRequest, decodeApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { encodeMetadataRequest, decodeMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';

const CAPTURED = {
  // librdkafka 2.0.2 (kcat) opens every connection with ApiVersions v3: flexible, with its name and version.
  librdkafkaApiVersionsV3: '000000240012000300000001000772646b61666b61000b6c696272646b61666b6106322e302e3200',
  // librdkafka 2.0.2 Metadata v4 for one topic, allowing auto-creation.
  librdkafkaMetadataV4: '0000001e0003000400000002000772646b61666b61000000010006676f6c64656e01',
  // kafkajs 2.2.4 ApiVersions v2 (empty body) and Metadata v6 with a null topic list (all topics).
  kafkajsApiVersionsV2: '0000001000120002000000000006676f6c64656e',
  kafkajsMetadataV6: '0000001500030006000000010006676f6c64656effffffff00',
};

function roundTrip(hex: string, decode: (r: never, v: number) => unknown, encode: (w: Writer, v: number, m: never) => void) {
  const frame = Buffer.from(hex, 'hex');
  assert.equal(frame.readInt32BE(0), frame.length - 4);
  const { header, body } = readRequestHeader(frame.subarray(4));
  const message = decode(body as never, header.requestApiVersion);
  assert.equal(body.remaining, 0, 'the body was consumed exactly');
  const w = new Writer();
  encodeRequestHeader(w, isFlexible(header.requestApiKey, header.requestApiVersion) ? 2 : 1, header);
  encode(w, header.requestApiVersion, message as never);
  assert.equal(w.toBuffer().toString('hex'), hex.slice(8), 're-encoding reproduces the captured bytes');
  return { header, message };
}

test('librdkafka ApiVersions v3 (flexible, header v2)', () => {
  const { header, message } = roundTrip(CAPTURED.librdkafkaApiVersionsV3, decodeApiVersionsRequest, encodeApiVersionsRequest);
  assert.deepEqual([header.requestApiKey, header.requestApiVersion, header.correlationId, header.clientId], [18, 3, 1, 'rdkafka']);
  assert.deepEqual(message, { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
});

test('librdkafka Metadata v4', () => {
  const { message } = roundTrip(CAPTURED.librdkafkaMetadataV4, decodeMetadataRequest, encodeMetadataRequest);
  assert.deepEqual(message, {
    topics: [{ topicId: Buffer.alloc(16), name: 'golden' }],
    allowAutoTopicCreation: true,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  });
});

test('kafkajs ApiVersions v2 and Metadata v6 with a null topic list', () => {
  const api = roundTrip(CAPTURED.kafkajsApiVersionsV2, decodeApiVersionsRequest, encodeApiVersionsRequest);
  assert.equal(api.header.clientId, 'golden');
  const { message } = roundTrip(CAPTURED.kafkajsMetadataV6, decodeMetadataRequest, encodeMetadataRequest);
  assert.equal((message as { topics: unknown }).topics, null);
  assert.equal((message as { allowAutoTopicCreation: boolean }).allowAutoTopicCreation, false);
});
