/**
 * `<offset>.snapshot` files: the producer state of a partition as of `offset`, written beside the
 * segments when a segment rolls and at clean shutdown, so a restart only rebuilds state from the
 * batches after the latest snapshot instead of from the whole log.
 *
 * Layout is Kafka's snapshot format (ProducerStateManager, version 1): `version i16 | crc u32 |
 * count i32 | entries`, each entry `producerId i64 | epoch i16 | lastSequence i32 | lastOffset i64
 * | offsetDelta i32 | timestamp i64 | coordinatorEpoch i32 | currentTxnFirstOffset i64`, the CRC32C
 * covering everything after the CRC field. Kafka writes one entry per producer (its last batch);
 * here a producer has one entry per retained batch, oldest first, so a retry of any of its last
 * five batches is still recognised after a clean restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { writeFileAtomic } from '../log/fs-util.ts';
import { segmentFileName } from '../log/segment.ts';
import { type ProducerStateEntry, emptyEntry } from './producer-state-entry.ts';
import { NO_SEQUENCE } from './sequence.ts';

const VERSION = 1;
const HEADER = 2 + 4 + 4;
const ENTRY = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;
const SNAPSHOT = /^(\d{20})\.snapshot$/;

export const snapshotPath = (dir: string, offset: bigint): string => path.join(dir, segmentFileName(offset, '.snapshot'));

/** Snapshot offsets present in `dir`, ascending. */
export function listSnapshots(dir: string): bigint[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => SNAPSHOT.exec(n)?.[1])
    .filter((m): m is string => m !== undefined)
    .map((m) => BigInt(m))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function encodeSnapshot(entries: Iterable<ProducerStateEntry>): Buffer {
  const rows: Buffer[] = [];
  for (const e of entries) {
    const batches = e.batches.length > 0 ? e.batches : [{ lastSeq: NO_SEQUENCE, lastOffset: -1n, offsetDelta: 0, timestamp: e.lastTimestamp }];
    for (const b of batches) {
      const row = Buffer.allocUnsafe(ENTRY);
      let o = row.writeBigInt64BE(e.producerId, 0);
      o = row.writeInt16BE(e.producerEpoch, o);
      o = row.writeInt32BE(b.lastSeq, o);
      o = row.writeBigInt64BE(b.lastOffset, o);
      o = row.writeInt32BE(b.offsetDelta, o);
      o = row.writeBigInt64BE(b.timestamp, o);
      o = row.writeInt32BE(e.coordinatorEpoch, o);
      row.writeBigInt64BE(e.currentTxnFirstOffset, o);
      rows.push(row);
    }
  }
  const out = Buffer.allocUnsafe(HEADER + rows.length * ENTRY);
  out.writeInt16BE(VERSION, 0);
  out.writeInt32BE(rows.length, 6);
  for (let i = 0; i < rows.length; i++) rows[i]!.copy(out, HEADER + i * ENTRY);
  out.writeUInt32BE(crc32c(out.subarray(6)) >>> 0, 2);
  return out;
}

/** Throws on a wrong version, size or CRC: the caller then falls back to an older snapshot. */
export function decodeSnapshot(buf: Buffer): ProducerStateEntry[] {
  if (buf.length < HEADER || buf.readInt16BE(0) !== VERSION) throw new Error('unknown snapshot version');
  if (crc32c(buf.subarray(6)) >>> 0 !== buf.readUInt32BE(2)) throw new Error('snapshot CRC mismatch');
  const count = buf.readInt32BE(6);
  if (count < 0 || buf.length !== HEADER + count * ENTRY) throw new Error('snapshot size mismatch');
  const byId = new Map<bigint, ProducerStateEntry>();
  for (let i = 0; i < count; i++) {
    let o = HEADER + i * ENTRY;
    const producerId = buf.readBigInt64BE(o);
    const producerEpoch = buf.readInt16BE((o += 8));
    const lastSeq = buf.readInt32BE((o += 2));
    const lastOffset = buf.readBigInt64BE((o += 4));
    const offsetDelta = buf.readInt32BE((o += 8));
    const timestamp = buf.readBigInt64BE((o += 4));
    const coordinatorEpoch = buf.readInt32BE((o += 8));
    const currentTxnFirstOffset = buf.readBigInt64BE((o += 4));
    const e = byId.get(producerId) ?? emptyEntry(producerId);
    Object.assign(e, { producerEpoch, coordinatorEpoch, currentTxnFirstOffset, lastTimestamp: timestamp });
    if (lastOffset >= 0n) e.batches.push({ lastSeq, lastOffset, offsetDelta, timestamp });
    byId.set(producerId, e);
  }
  return [...byId.values()];
}

export function writeSnapshot(dir: string, offset: bigint, entries: Iterable<ProducerStateEntry>): void {
  writeFileAtomic(snapshotPath(dir, offset), encodeSnapshot(entries));
}
