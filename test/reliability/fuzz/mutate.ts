/**
 * Mutation operators for request frames. Each fuzzed frame is one seed with one to three
 * operators applied: bit flips, byte replacement, truncation, integers and varints aimed at
 * recorded length/count fields (huge, negative, zero, over-long), junk tagged fields, spliced
 * bytes, random API keys and versions in the header, and changes inside a Produce request's
 * RecordBatch with its CRC32C fixed up, so that they get past the CRC check to the record
 * parser and the decompressors. The frame's size prefix always
 * matches its bytes, except for the two framing operators, which lie about the size.
 */
import { crc32c } from '@node-rs/crc32';
import type { Prng } from './prng.ts';
import type { FieldSpot, SeedFrame } from './seed-frames.ts';

export interface MutatedFrame {
  /** What goes on the wire, size prefix included. */
  wire: Buffer;
  ops: string[];
  /**
   * 'complete': the size prefix is honest, so the broker must answer or close.
   * 'short-then-eof': the prefix promises more than is sent and the client half-closes.
   */
  framing: 'complete' | 'short-then-eof';
}

const INT16 = [-1, -2, 0, 1, 0x7fff, -0x8000, 0x100, 0x7ffe];
const INT32 = [-1, -2, 0, 1, 0x7fffffff, -0x80000000, 0x10000, 0x7ffffffe, 100_000_000];
const INT64 = [-1n, -2n, 0n, 1n, 0x7fffffffffffffffn, -0x8000000000000000n, 1n << 53n];
/** Varint encodings: zero, one, the largest 32-bit values, and over-long (continuation bits that never stop). */
const VARINTS = [
  [0x00],
  [0x01],
  [0x7f],
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0xff, 0xff, 0xff, 0xff, 0x07],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x80, 0x00],
];
const BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe];

function withSize(body: Buffer, size = body.length): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return Buffer.concat([prefix, body]);
}

function splice(buf: Buffer, at: number, removed: number, inserted: Buffer): Buffer {
  return Buffer.concat([buf.subarray(0, at), inserted, buf.subarray(at + removed)]);
}

/** Aims at a recorded integer field; fields whose offsets moved after an earlier operator are skipped. */
function mutateField(rng: Prng, buf: Buffer, field: FieldSpot): Buffer {
  if (field.at + field.size > buf.length) return buf;
  const out = Buffer.from(buf);
  switch (field.kind) {
    case 'int16':
      out.writeInt16BE(rng.chance(0.8) ? rng.pick(INT16) : rng.int(0x10000) - 0x8000, field.at);
      return out;
    case 'int32':
      out.writeInt32BE(rng.chance(0.8) ? rng.pick(INT32) : rng.int(2 ** 32) | 0, field.at);
      return out;
    case 'int64':
      out.writeBigInt64BE(rng.pick(INT64), field.at);
      return out;
    default:
      return splice(buf, field.at, field.size, Buffer.from(rng.pick(VARINTS)));
  }
}

const OPERATORS: Record<string, (rng: Prng, buf: Buffer, seed: SeedFrame) => Buffer> = {
  bitflip(rng, buf) {
    const out = Buffer.from(buf);
    for (let n = 1 + rng.int(4); n > 0; n--) {
      const at = rng.int(out.length);
      out[at] = (out[at] as number) ^ (1 << rng.int(8));
    }
    return out;
  },
  bytes(rng, buf) {
    const out = Buffer.from(buf);
    for (let n = 1 + rng.int(3); n > 0; n--) out[rng.int(out.length)] = rng.chance(0.6) ? rng.pick(BYTES) : rng.int(256);
    return out;
  },
  truncate(rng, buf) {
    return buf.subarray(0, rng.int(buf.length));
  },
  field(rng, buf, seed) {
    return seed.fields.length === 0 ? buf : mutateField(rng, buf, rng.pick(seed.fields));
  },
  lengths(rng, buf, seed) {
    // Length prefixes and counts are the int16/int32/uvarint spots: hit several at once.
    const lengths = seed.fields.filter((f) => f.kind !== 'int64');
    let out = buf;
    for (let n = 1 + rng.int(3); n > 0 && lengths.length > 0; n--) out = mutateField(rng, out, rng.pick(lengths));
    return out;
  },
  tagged(rng, buf) {
    // A tagged-field section at the end: count, then (tag, size, bytes) that may lie about their size.
    const tag = rng.pick([[0x00], [0x7f], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x05]]);
    const size = rng.pick([[0x00], [0x03], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x7f]]);
    return Buffer.concat([buf, Buffer.from([rng.pick([0x01, 0x02, 0x7f, 0xff])]), Buffer.from(tag), Buffer.from(size), rng.bytes(rng.int(8))]);
  },
  insert(rng, buf) {
    return splice(
      buf,
      rng.int(buf.length + 1),
      0,
      rng.chance(0.5) ? rng.bytes(1 + rng.int(16)) : Buffer.from(buf.subarray(rng.int(buf.length))).subarray(0, 64),
    );
  },
  remove(rng, buf) {
    const at = rng.int(buf.length);
    return splice(buf, at, 1 + rng.int(Math.min(16, buf.length - at)), Buffer.alloc(0));
  },
  header(rng, buf) {
    // Random API key and/or version: known keys with wrong versions, and keys nobody speaks.
    const out = Buffer.from(buf);
    if (out.length < 4) return out;
    if (rng.chance(0.5)) out.writeInt16BE(rng.chance(0.7) ? rng.int(75) : rng.int(0x10000) - 0x8000, 0);
    if (rng.chance(0.7)) out.writeInt16BE(rng.chance(0.8) ? rng.int(20) - 1 : rng.int(0x10000) - 0x8000, 2);
    return out;
  },
};
/** RecordBatch header offsets (see broker/log/batch-builder.ts). */
const BATCH = { length: 8, crc: 17, crcStart: 21, attributes: 21, lastOffsetDelta: 23, producerId: 43, recordCount: 57, records: 61 };

/** Mutates a batch past its CRC check: the CRC is recomputed after the change. */
function mutateBatch(rng: Prng, buf: Buffer, seed: SeedFrame): Buffer {
  const where = seed.batch;
  if (!where || where.at + where.length > buf.length || where.length <= BATCH.records) return buf;
  const out = Buffer.from(buf);
  const batch = out.subarray(where.at, where.at + where.length);
  switch (rng.int(5)) {
    case 0: // compression codec and flag bits, including unknown codecs
      batch.writeInt16BE(rng.int(0x40) | (rng.chance(0.1) ? rng.int(0x10000) - 0x8000 : 0), BATCH.attributes);
      break;
    case 1:
      batch.writeInt32BE(rng.pick(INT32), rng.pick([BATCH.lastOffsetDelta, BATCH.recordCount]));
      break;
    case 2: // the records section: lengths, varints, keys, values, headers
      for (let n = 1 + rng.int(3); n > 0; n--) batch[BATCH.records + rng.int(batch.length - BATCH.records)] = rng.chance(0.5) ? rng.pick(BYTES) : rng.int(256);
      break;
    case 3:
      batch.writeBigInt64BE(rng.pick(INT64), BATCH.producerId);
      break;
    default: // a batchLength that disagrees with the bytes (the CRC is then fixed over what it claims)
      batch.writeInt32BE(rng.pick([0, 1, 48, 49, batch.length - 11, batch.length - 13, 0x7fffffff, -1]), BATCH.length);
  }
  const claimed = batch.readInt32BE(BATCH.length) + 12;
  const end = claimed > BATCH.crcStart && claimed <= batch.length ? claimed : batch.length;
  batch.writeUInt32BE(crc32c(batch.subarray(BATCH.crcStart, end)) >>> 0, BATCH.crc);
  return out;
}

OPERATORS.batch = mutateBatch;
const NAMES = Object.keys(OPERATORS);
const GENERIC = NAMES.filter((n) => n !== 'batch');

export function mutate(rng: Prng, seed: SeedFrame): MutatedFrame {
  let buf = seed.bytes;
  const ops: string[] = [];
  for (let n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); n > 0; n--) {
    // Produce seeds with a batch get the batch-aware operator half of the time.
    const name = seed.batch && rng.chance(0.5) ? 'batch' : rng.pick(GENERIC);
    ops.push(name);
    buf = (OPERATORS[name] as (typeof OPERATORS)[string])(rng, buf, seed);
  }
  if (rng.chance(0.01)) {
    ops.push('short-then-eof');
    return { wire: withSize(buf, buf.length + 1 + rng.int(1000)), ops, framing: 'short-then-eof' };
  }
  return { wire: withSize(buf), ops, framing: 'complete' };
}
