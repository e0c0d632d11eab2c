/**
 * Log compaction for `cleanup.policy=compact`, after Kafka's LogCleaner: over the inactive
 * segments, keep only the latest record of each key; tombstones (null values) are kept for
 * `delete.retention.ms` and then dropped. Offsets never change: a rewritten batch keeps its
 * base offset and lastOffsetDelta, so readers see gaps where superseded records were.
 *
 * Batch bodies are decoded only when uncompressed or gzip (zlib is built in). Batches in other
 * codecs, control batches and batches that fail to decode are kept whole: compaction may leave
 * more than the latest record per key, never less.
 *
 * Transactions: records of aborted transactions are removed whole and never count as a key's
 * latest record (so they cannot hide a committed one); the caller only passes segments below
 * the last stable offset, so no open transaction is ever compacted. Markers are kept.
 *
 * Crash safety: each segment is rewritten to `<base>.log.cleaned` and fsynced; its indexes are
 * removed; then the rename over `<base>.log` commits it and the indexes are rebuilt. A crash
 * before the rename leaves the old segment (its missing indexes are rebuilt at open); stale
 * `.cleaned` files are swept at open.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HEADER_SIZE, Off, compressionOf, isControl, isTransactional, computeCrc } from './record-batch.ts';
import { forEachRawRecord } from './records.ts';
import type { LogSegment } from './segment.ts';

const GZIP = 1;

/** Whether the data batch of `producerId` at `offset` belongs to an aborted transaction. */
export type AbortedCheck = (producerId: bigint, offset: bigint) => boolean;

export interface CompactionPolicy {
  nowMs: bigint;
  deleteRetentionMs: bigint;
  aborted?: AbortedCheck;
}

function isAbortedBatch(buf: Buffer, off: number, baseOffset: bigint, aborted?: AbortedCheck): boolean {
  const attributes = buf.readInt16BE(off + Off.attributes);
  if (aborted === undefined || !isTransactional(attributes) || isControl(attributes)) return false;
  return aborted(buf.readBigInt64BE(off + Off.producerId), baseOffset);
}

/** Record key → offset of its latest record, over the given segments (aborted records aside). */
export function latestOffsets(segments: readonly LogSegment[], aborted?: AbortedCheck): Map<string, bigint> {
  const latest = new Map<string, bigint>();
  for (const seg of segments) {
    seg.walk(0, true, (m, buf, off) => {
      if (isAbortedBatch(buf, off, m.baseOffset, aborted)) return true;
      const records = decodedRecords(buf, off);
      if (records === null) return true;
      for (const r of records) if (r.key !== null) latest.set(r.key.toString('latin1'), r.offset);
      return true;
    });
  }
  return latest;
}

interface DecodedRecord {
  offset: bigint;
  key: Buffer | null;
  nullValue: boolean;
  /** The record's bytes exactly as stored, length prefix included. */
  raw: Buffer;
}

/** The records of the batch at buf[off], or null when the batch is kept whole regardless. */
function decodedRecords(buf: Buffer, off: number): DecodedRecord[] | null {
  const attributes = buf.readInt16BE(off + Off.attributes);
  const codec = compressionOf(attributes);
  if (isControl(attributes) || (codec !== 0 && codec !== GZIP)) return null;
  const size = 12 + buf.readInt32BE(off + Off.batchLength);
  const header = buf.subarray(off, off + HEADER_SIZE);
  let body = buf.subarray(off + HEADER_SIZE, off + size);
  try {
    if (codec === GZIP) body = gunzipSync(body);
    const out: DecodedRecord[] = [];
    forEachRawRecord(header, body, (r) => out.push(r));
    return out;
  } catch {
    return null;
  }
}

/** Whether the batch at buf[off] holds a record without a key (null when it cannot be decoded). */
export function hasNullKey(buf: Buffer, off: number): boolean | null {
  const records = decodedRecords(buf, off);
  return records === null ? null : records.some((r) => r.key === null);
}

/** A batch holding only `kept` records, its header otherwise unchanged, CRC recomputed. */
function rebuildBatch(buf: Buffer, off: number, kept: DecodedRecord[]): Buffer {
  const attributes = buf.readInt16BE(off + Off.attributes);
  let body: Buffer = Buffer.concat(kept.map((r) => r.raw));
  if (compressionOf(attributes) === GZIP) body = gzipSync(body);
  const batch = Buffer.concat([buf.subarray(off, off + HEADER_SIZE), body]);
  batch.writeInt32BE(batch.length - 12, Off.batchLength);
  batch.writeInt32BE(kept.length, Off.recordCount);
  batch.writeUInt32BE(computeCrc(batch, 0, batch.length), Off.crc);
  return batch;
}

/**
 * Rewrites one inactive segment keeping the latest record per key. Returns the bytes removed;
 * 0 means the segment was left untouched.
 */
export function compactSegment(seg: LogSegment, latest: ReadonlyMap<string, bigint>, policy: CompactionPolicy): number {
  const tombstonesExpired = policy.nowMs - seg.maxTimestamp > policy.deleteRetentionMs;
  const cleanedPath = `${seg.logPath}.cleaned`;
  const fd = fs.openSync(cleanedPath, 'w');
  let written = 0;
  let changed = false;
  try {
    seg.walk(0, true, (m, buf, off) => {
      let out = buf.subarray(off, off + m.size);
      if (isAbortedBatch(buf, off, m.baseOffset, policy.aborted)) {
        changed = true;
        return true;
      }
      const records = decodedRecords(buf, off);
      if (records !== null) {
        const kept = records.filter((r) => {
          if (r.key === null) return true;
          if (latest.get(r.key.toString('latin1')) !== r.offset) return false;
          return !(r.nullValue && tombstonesExpired);
        });
        if (kept.length !== records.length) {
          changed = true;
          out = kept.length === 0 ? Buffer.alloc(0) : rebuildBatch(buf, off, kept);
        }
      }
      for (let done = 0; done < out.length;) done += fs.writeSync(fd, out, done, out.length - done, written + done);
      written += out.length;
      return true;
    });
    if (changed) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (!changed) {
    fs.rmSync(cleanedPath, { force: true });
    return 0;
  }
  const removed = seg.size - written;
  seg.replaceWith(cleanedPath);
  return removed;
}
