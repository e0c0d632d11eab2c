import 'server-only';
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './auth/data-dir';

/**
 * Lag history on disk, so the chart survives console restarts: one append-only JSON-lines file
 * per cluster under <data dir>/lag-history/ (KAYAK_LAG_HISTORY_DIR to move it). A line is one
 * sample of one group. A torn last line (crash mid-append) is skipped when the file is read.
 * Samples older than the retention (KAYAK_LAG_RETENTION_HOURS, 168 = 7 days) are dropped when
 * the file is rewritten, which happens on load and whenever a quarter of it has expired.
 *
 * Why a file and not SQLite: better-sqlite3 installs only with a prebuilt binary from GitHub or
 * a C++ toolchain plus Node headers, and neither is guaranteed where `npm install` runs; the
 * data here is append-only and read whole, which a JSON-lines file does as well.
 */
export interface StoredSample {
  /** group id */
  g: string;
  at: number;
  lag: string;
  /** sum of committed offsets and of log-end offsets over the group's partitions (for rates) */
  committed: string;
  end: string;
}

export function retentionMs(): number {
  const h = Number(process.env.KAYAK_LAG_RETENTION_HOURS ?? 168);
  return (Number.isFinite(h) && h > 0 ? h : 168) * 3600_000;
}

function dir(): string {
  return process.env.KAYAK_LAG_HISTORY_DIR?.trim() || join(dataDir(), 'lag-history');
}

function fileFor(clusterId: string): string {
  // Cluster ids are config names; keep the file name to safe characters whatever they hold.
  return join(dir(), `${encodeURIComponent(clusterId).replace(/%/g, '_')}.jsonl`);
}

function parseLines(text: string): StoredSample[] {
  const out: StoredSample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line) as StoredSample;
      if (typeof s.g === 'string' && typeof s.at === 'number' && typeof s.lag === 'string') out.push(s);
    } catch {
      // a torn or foreign line: skipped, the rest stays readable
    }
  }
  return out;
}

/** Everything kept for a cluster, retention applied (the file is rewritten without the expired part). */
export function loadSamples(clusterId: string, now = Date.now()): StoredSample[] {
  let text: string;
  try {
    text = readFileSync(fileFor(clusterId), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    console.error(`[kayak] lag history for ${clusterId}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return [];
  }
  const all = parseLines(text);
  const kept = all.filter((s) => s.at >= now - retentionMs());
  if (kept.length < all.length) rewrite(clusterId, kept);
  return kept;
}

export function rewrite(clusterId: string, samples: StoredSample[]): void {
  const file = fileFor(clusterId);
  try {
    mkdirSync(dir(), { recursive: true });
    writeFileSync(`${file}.tmp`, samples.map((s) => `${JSON.stringify(s)}\n`).join(''), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } catch (e) {
    console.error(`[kayak] lag history for ${clusterId}: cannot rewrite (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

export function appendSamples(clusterId: string, samples: StoredSample[]): void {
  if (samples.length === 0) return;
  try {
    mkdirSync(dir(), { recursive: true });
    appendFileSync(fileFor(clusterId), samples.map((s) => `${JSON.stringify(s)}\n`).join(''), { mode: 0o600 });
  } catch (e) {
    // The chart still has the samples in memory; losing them on disk must be visible.
    console.error(`[kayak] lag history for ${clusterId}: cannot append (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
