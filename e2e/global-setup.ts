import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Removes data dirs left by earlier runs. The current run's dir is not removed at teardown
 * because the broker is still flushing into it while Playwright stops the web server.
 */
export default function globalSetup(): void {
  const current = process.env.KAYAK_E2E_DATA_DIR;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith('kayak-e2e-') && path !== current) rmSync(path, { recursive: true, force: true });
  }
}
