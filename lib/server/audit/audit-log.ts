import 'server-only';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AuditEntryDto } from '../../auth-dto';
import { dataDir } from '../auth/data-dir';

/** One line of the audit log (JSON lines). */
export type AuditEntry = AuditEntryDto;

/** KAYAK_AUDIT_LOG, else <data dir>/audit.log (KAYAK_DATA_DIR, ./data without one). */
export function auditLogPath(): string {
  return resolve(process.env.KAYAK_AUDIT_LOG?.trim() || join(dataDir(), 'audit.log'));
}

// Appends are chained so lines from concurrent requests never interleave.
let tail: Promise<void> = Promise.resolve();

export function appendAudit(entry: AuditEntry): Promise<void> {
  const path = auditLogPath();
  const line = `${JSON.stringify(entry)}\n`;
  tail = tail.then(async () => {
    try {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, line, { mode: 0o600 });
    } catch (e) {
      // The write itself already happened (or was refused); losing its record must be visible.
      console.error(`[kayak] audit log ${path}: cannot append (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  });
  return tail;
}

/** The last `maxBytes` of the log, split into entries, newest first. */
export async function readAuditTail(maxBytes = 8 * 1024 * 1024): Promise<AuditEntry[]> {
  let fh;
  try {
    fh = await open(auditLogPath(), 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    if (start > 0) lines.shift(); // a partial first line
    const out: AuditEntry[] = [];
    for (const l of lines) {
      if (!l.trim()) continue;
      try {
        out.push(JSON.parse(l) as AuditEntry);
      } catch {
        // a torn line (crash mid-append) is skipped, the rest stays readable
      }
    }
    return out.reverse();
  } finally {
    await fh.close();
  }
}
