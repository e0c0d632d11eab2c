import 'server-only';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplayJobDto } from '../../replay/params';
import { dataDir } from '../auth/data-dir';

/**
 * Replay and redrive jobs survive console restarts: one JSON file per job under
 * <data dir>/console-jobs/ (KAYAK_JOBS_DIR to move it). Each save writes a temporary file and
 * renames it over the old one, so a crash leaves either the old or the new state, never half.
 *
 * `pending` is written before a batch is sent and cleared once the cluster acknowledged it: a
 * resume that finds it set checks the target partitions for what the batch already wrote.
 */
export interface StoredJob extends ReplayJobDto {
  pending?: {
    /** target topic → partition → its end offset before the batch was sent */
    ends: Record<string, Record<string, string>>;
  };
  /** round-robin partitioning: the next partition index per target topic */
  roundRobin: Record<string, number>;
  /** the selection resolved to half-open offset ranges [from, to) per partition */
  segments: { partition: number; from: string; to: string }[];
}

export function jobsDir(): string {
  return process.env.KAYAK_JOBS_DIR?.trim() || join(dataDir(), 'console-jobs');
}

// Saves of one job are chained so an older state never lands after a newer one.
const chains = new Map<string, Promise<void>>();

export function saveJob(job: StoredJob): Promise<void> {
  const snapshot = JSON.stringify(job);
  const prev = chains.get(job.id) ?? Promise.resolve();
  const next = prev.then(async () => {
    const dir = jobsDir();
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${job.id}.json`);
    await writeFile(`${file}.tmp`, snapshot, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  });
  chains.set(
    job.id,
    next.catch(() => undefined),
  );
  return next;
}

export async function loadJob(id: string): Promise<StoredJob | null> {
  try {
    return JSON.parse(await readFile(join(jobsDir(), `${id}.json`), 'utf8')) as StoredJob;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Every stored job, newest first; unreadable files are left out (and left alone). */
export async function listJobs(): Promise<StoredJob[]> {
  let names: string[];
  try {
    names = await readdir(jobsDir());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const jobs = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => loadJob(n.slice(0, -5)).catch(() => null)));
  return jobs.filter((j): j is StoredJob => j !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
