/**
 * The fairest Kafka ingest client there is: one Produce v7 request (acks=1, one uncompressed
 * batch of 1,000 of the bench's 100-byte records) built once and re-sent, pipelined with at
 * most `window` requests unacknowledged, every response decoded and checked. Against the raw
 * Node socket→file server it measures the broker's own cost per record, not a producer
 * library's (kcat and kafkajs spend as much CPU as the broker on the same two cores).
 * Prints JSON {records, acks, ms}. Usage: batch-producer.ts <port> <topic> <count> [window].
 */
import net from 'node:net';
import { buildBatch } from '../../broker/log/batch-builder.ts';
import { Reader } from '../../broker/protocol/reader.ts';
import { defaultProduceRequest, encodeProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { encodeRequestFrame } from '../../test/helpers/raw-client.ts';
import { recordValue } from '../lib/payload.ts';

const port = Number(process.argv[2]);
const topic = process.argv[3]!;
const count = Number(process.argv[4]);
const window = Number(process.argv[5] ?? 16);
const PER_BATCH = 1000;
const VERSION = 7;

function frameFor(records: number): Buffer {
  const batch = buildBatch(
    Array.from({ length: records }, (_, i) => ({ value: recordValue(i) })),
    { baseTimestamp: BigInt(Date.now()) },
  );
  const request = { ...defaultProduceRequest(), acks: 1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] };
  return encodeRequestFrame(0, VERSION, encodeProduceRequest, request, 0);
}

const full = frameFor(PER_BATCH);
const requests = Math.ceil(count / PER_BATCH);
const last = count % PER_BATCH === 0 ? full : frameFor(count % PER_BATCH);
// Size (4) + api key (2) + api version (2): the correlation id follows.
const CORRELATION_AT = 8;

const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
let sent = 0;
let answered = 0;
let acked = 0;
let expectedOffset = 0n;
let pending: Buffer = Buffer.alloc(0);
const t0 = performance.now();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function pump(): void {
  while (sent < requests && sent - answered < window) {
    const frame = Buffer.from(sent === requests - 1 ? last : full);
    frame.writeInt32BE(sent, CORRELATION_AT);
    socket.write(frame);
    sent++;
  }
}

function onResponse(body: Buffer): void {
  const r = new Reader(body);
  const correlationId = r.int32();
  if (correlationId !== answered) fail(`correlation id ${correlationId}, expected ${answered}`);
  const p = decodeProduceResponse(r, VERSION).responses[0]?.partitionResponses[0];
  if (!p || p.errorCode !== 0) fail(`produce error ${p?.errorCode ?? 'missing'}`);
  if (p.baseOffset !== expectedOffset) fail(`base offset ${p.baseOffset}, expected ${expectedOffset}`);
  const n = answered === requests - 1 && count % PER_BATCH !== 0 ? count % PER_BATCH : PER_BATCH;
  expectedOffset += BigInt(n);
  acked += n;
  answered++;
}

socket.on('connect', pump);
socket.on('data', (d: Buffer) => {
  pending = pending.length === 0 ? d : Buffer.concat([pending, d]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
    const size = pending.readInt32BE(0);
    onResponse(pending.subarray(4, 4 + size));
    pending = pending.subarray(4 + size);
  }
  if (answered === requests) {
    console.log(JSON.stringify({ records: count, acks: acked, ms: performance.now() - t0 }));
    socket.end();
    return;
  }
  pump();
});
socket.on('error', (e) => fail(e.message));
