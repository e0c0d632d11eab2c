/**
 * Shared set-up for the message browser API tests: a schema registry stub (only its HTTP
 * endpoint is faked; the Avro bytes come from avsc), a protobuf descriptor set written with
 * protobufjs, kcat for compressed batches, and small assertion helpers.
 */
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';

export const AVRO_SCHEMA = {
  type: 'record',
  name: 'User',
  namespace: 'test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
  ],
};
export const AVRO_SCHEMA_ID = 7;

export async function startSchemaRegistry(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    const m = /^\/schemas\/ids\/(\d+)$/.exec(req.url ?? '');
    if (m && Number(m[1]) === AVRO_SCHEMA_ID) {
      res.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      res.end(JSON.stringify({ schema: JSON.stringify(AVRO_SCHEMA) }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error_code: 40403, message: 'Schema not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}

/** Confluent wire format: magic 0, 4-byte big-endian schema id, Avro binary. */
export function avroWire(value: Record<string, unknown>): Buffer {
  const body = avro.Type.forSchema(AVRO_SCHEMA as avro.Schema).toBuffer(value);
  const head = Buffer.alloc(5);
  head.writeInt32BE(AVRO_SCHEMA_ID, 1);
  return Buffer.concat([head, body]);
}

const protoRoot = protobuf.Root.fromJSON({
  nested: {
    shop: {
      nested: {
        Order: { fields: { id: { type: 'int64', id: 1 }, item: { type: 'string', id: 2 }, qty: { type: 'int32', id: 3 } } },
      },
    },
  },
});

export function writeDescriptorDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kayak-proto-'));
  const set = (protoRoot as unknown as { toDescriptor(e: string): protobuf.Message }).toDescriptor('proto3');
  const bytes = (descriptor as unknown as { FileDescriptorSet: protobuf.Type }).FileDescriptorSet.encode(set).finish();
  writeFileSync(join(dir, 'shop.desc'), bytes);
  return dir;
}

export function protoOrder(o: { id: string; item: string; qty: number }): Buffer {
  const type = protoRoot.lookupType('shop.Order');
  return Buffer.from(type.encode(type.fromObject(o)).finish());
}

export function kcat(broker: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', ['-b', broker, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kcat ${args.join(' ')}: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function assertError(res: { status: number; body: any }, status: number, pattern?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
  if (pattern) assert.match(res.body.error.message, pattern);
}

export const offsets = (page: any): string[] => page.messages.map((m: any) => m.offset);
