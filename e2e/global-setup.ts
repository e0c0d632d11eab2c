import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the process that named a data dir (kayak-e2e-<pid>-<time>) still runs. */
function ownerAlive(name: string): boolean {
  const pid = Number(/^kayak-e2e-(\d+)-/.exec(name)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes data dirs left by earlier runs whose Playwright process has ended; a run still going
 * on the same machine keeps its broker's data. The current run's dir is not removed at teardown
 * because the broker is still flushing into it while Playwright stops the web server.
 */
export default function globalSetup(): void {
  const current = process.env.KAYAK_E2E_DATA_DIR;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith('kayak-e2e-') && path !== current && !ownerAlive(name)) rmSync(path, { recursive: true, force: true });
  }
}
