/**
 * Opening a partition directory: sweep temp files, open segments in offset order and bring them
 * to a usable state. Clean start: trust the indexes, read only the active segment's tail.
 * Unclean start: the active segment is re-validated batch by batch and truncated at the first
 * invalid byte. Older segments were fsynced when they rolled (the recovery point is the active
 * segment's base offset), so they are only rebuilt when their indexes look broken.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type IoStats, LogSegment } from './segment.ts';
import type { LogConfig } from './log-config.ts';
import { type Logger, readFileIfExists, writeFileAtomic } from './fs-util.ts';

const START_CHECKPOINT = 'log-start-offset-checkpoint';
const STALE_SUFFIXES = ['.deleted', '.cleaned', '.swap', '.tmp'];

export interface LoadedLog {
  segments: LogSegment[];
  startOffset: bigint;
  truncatedBytes: number;
}

/** Format: a version line ("0") then the offset. A missing or unreadable file means 0. */
function readStartCheckpoint(dir: string): bigint {
  const line = readFileIfExists(path.join(dir, START_CHECKPOINT))?.split('\n')[1]?.trim() ?? '';
  return /^\d+$/.test(line) ? BigInt(line) : 0n;
}

export function writeStartCheckpoint(dir: string, offset: bigint): void {
  writeFileAtomic(path.join(dir, START_CHECKPOINT), `0\n${offset}\n`);
}

function recover(seg: LogSegment, clean: boolean, logger: Logger): number {
  const dropped = seg.recover();
  if (dropped > 0) {
    logger.warn(`${seg.logPath}: truncated ${dropped} invalid trailing bytes (torn write); log now ends at offset ${seg.nextOffset}`);
  } else if (clean && seg.size > 0) {
    logger.info(`${seg.logPath}: indexes rebuilt`);
  }
  return dropped;
}

export function loadLog(dir: string, config: LogConfig, stats: IoStats, clean: boolean, nowMs: bigint, logger: Logger): LoadedLog {
  fs.mkdirSync(dir, { recursive: true });
  const names = fs.readdirSync(dir);
  for (const n of names) {
    if (STALE_SUFFIXES.some((s) => n.endsWith(s))) fs.rmSync(path.join(dir, n), { force: true });
  }
  const bases = names
    .filter((n) => /^\d{20}\.log$/.test(n))
    .map((n) => BigInt(n.slice(0, 20)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const checkpoint = readStartCheckpoint(dir);
  if (bases.length === 0) bases.push(checkpoint);
  let truncatedBytes = 0;
  const segments = bases.map((base, i) => {
    const seg = LogSegment.open(dir, base, stats, config.indexIntervalBytes, nowMs);
    if (i === bases.length - 1) {
      if (!clean || !seg.indexesLookSane() || !seg.loadClean()) truncatedBytes += recover(seg, clean, logger);
    } else if (clean || seg.indexesLookSane()) {
      seg.loadInactive();
    } else {
      truncatedBytes += recover(seg, clean, logger);
    }
    return seg;
  });
  const first = segments[0]!.baseOffset;
  const leo = segments[segments.length - 1]!.nextOffset;
  const startOffset = checkpoint > first ? (checkpoint < leo ? checkpoint : leo) : first;
  return { segments, startOffset, truncatedBytes };
}
