/** Builds valid magic-2 RecordBatches for storage tests, through broker/log/batch-builder.ts. */
import fs from 'node:fs';
import os from 'node:os';
import { buildBatch, type BatchOptions, type BatchRecord } from '../../broker/log/batch-builder.ts';

export type { BatchOptions };

export interface TestRecord {
  key?: string | Buffer | null;
  /** Omitted: `value-<i>`; null: a tombstone. */
  value?: string | Buffer | null;
  /** Absolute timestamp; defaults to the batch base timestamp. */
  timestamp?: bigint;
}

export function makeBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  return buildBatch(
    records.map((r, i): BatchRecord => ({ ...r, value: r.value === undefined ? `value-${i}` : r.value })),
    opts,
  );
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
