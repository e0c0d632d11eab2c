/** The records every system is fed: 100-byte values, identical bytes for each contestant. */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

export const RECORD_BYTES = 100;

/** One printable 100-byte value (kcat reads newline-delimited values, so no '\n' inside). */
export function recordValue(i = 0): Buffer {
  const head = `r${i.toString().padStart(12, '0')}-`;
  return Buffer.from(head + 'x'.repeat(RECORD_BYTES - head.length));
}

/** Writes `count` newline-terminated 100-byte values to `<dir>/records.txt` for kcat -P. */
export async function writeKcatInput(dir: string, count: number): Promise<string> {
  const file = join(dir, `records-${count}.txt`);
  const out = createWriteStream(file);
  const chunkRecords = 10_000;
  for (let i = 0; i < count; i += chunkRecords) {
    const n = Math.min(chunkRecords, count - i);
    const buf = Buffer.allocUnsafe(n * (RECORD_BYTES + 1));
    for (let j = 0; j < n; j++) {
      recordValue(i + j).copy(buf, j * (RECORD_BYTES + 1));
      buf[j * (RECORD_BYTES + 1) + RECORD_BYTES] = 10;
    }
    if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return file;
}
