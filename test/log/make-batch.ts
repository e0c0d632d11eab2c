/** Builds valid magic-2 RecordBatches (uncompressed) for storage tests. */
import fs from 'node:fs';
import os from 'node:os';
import { crc32c } from '@node-rs/crc32';
import { gzipSync } from 'node:zlib';

export interface TestRecord {
  key?: string | Buffer | null;
  value?: string | Buffer | null;
  /** Absolute timestamp; defaults to the batch base timestamp. */
  timestamp?: bigint;
}

export interface BatchOptions {
  baseTimestamp?: bigint;
  /** Override the header maxTimestamp (default: the largest record timestamp). */
  maxTimestamp?: bigint;
  attributes?: number;
  producerId?: bigint;
  /** Gzip the records section (codec 1 in the attributes). */
  gzip?: boolean;
}

function zigzag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

function varuint(n: bigint): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const varint = (n: number): number[] => varuint(BigInt(zigzag32(n)));
const varlong = (n: bigint): number[] => varuint(BigInt.asUintN(64, (n << 1n) ^ (n >> 63n)));

function bytesField(b: string | Buffer | null | undefined): Buffer {
  if (b === null || b === undefined) return Buffer.from(varint(-1));
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([Buffer.from(varint(buf.length)), buf]);
}

export function makeBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? records[0]?.timestamp ?? 1_700_000_000_000n;
  const encoded = records.map((r, i) => {
    const ts = r.timestamp ?? baseTimestamp;
    const body = Buffer.concat([
      Buffer.from([0]),
      Buffer.from(varlong(ts - baseTimestamp)),
      Buffer.from(varint(i)),
      bytesField(r.key),
      bytesField(r.value === undefined ? `value-${i}` : r.value),
      Buffer.from(varint(0)),
    ]);
    return Buffer.concat([Buffer.from(varint(body.length)), body]);
  });
  const maxTs =
    opts.maxTimestamp ?? records.reduce((m, r) => ((r.timestamp ?? baseTimestamp) > m ? (r.timestamp ?? baseTimestamp) : m), baseTimestamp);
  const plain = Buffer.concat(encoded);
  const recordsBuf = opts.gzip ? gzipSync(plain) : plain;
  const buf = Buffer.alloc(61 + recordsBuf.length);
  buf.writeBigInt64BE(0n, 0);
  buf.writeInt32BE(buf.length - 12, 8);
  buf.writeInt32BE(-1, 12);
  buf.writeInt8(2, 16);
  buf.writeInt16BE((opts.attributes ?? 0) | (opts.gzip ? 1 : 0), 21);
  buf.writeInt32BE(records.length - 1, 23);
  buf.writeBigInt64BE(baseTimestamp, 27);
  buf.writeBigInt64BE(maxTs, 35);
  buf.writeBigInt64BE(opts.producerId ?? -1n, 43);
  buf.writeInt16BE(-1, 51);
  buf.writeInt32BE(-1, 53);
  buf.writeInt32BE(records.length, 57);
  recordsBuf.copy(buf, 61);
  buf.writeUInt32BE(crc32c(buf.subarray(21)) >>> 0, 17);
  return buf;
}

/** N records with values `v<i>` and optional fixed-size padding. */
export function makeSimpleBatch(n: number, opts: BatchOptions & { valueSize?: number } = {}): Buffer {
  const pad = opts.valueSize ? 'x'.repeat(opts.valueSize) : '';
  return makeBatch(
    Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}${pad}` })),
    opts,
  );
}

export function tempDir(): string {
  return fs.mkdtempSync(os.tmpdir() + '/kayak-');
}

/** Splits a buffer of concatenated batches into { baseOffset, count, bytes } entries. */
export function splitBatches(buf: Buffer): { baseOffset: bigint; count: number; bytes: Buffer }[] {
  const out: { baseOffset: bigint; count: number; bytes: Buffer }[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const size = 12 + buf.readInt32BE(pos + 8);
    out.push({ baseOffset: buf.readBigInt64BE(pos), count: buf.readInt32BE(pos + 57), bytes: buf.subarray(pos, pos + size) });
    pos += size;
  }
  return out;
}
