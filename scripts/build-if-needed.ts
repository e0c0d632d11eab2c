/**
 * Builds the Next app when `.next/BUILD_ID` is missing or older than any console source file.
 * Used by `npm start`, the console API tests and the Playwright setup (CI starts from a clean clone).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const SOURCES = ['app', 'components', 'lib', 'middleware.ts', 'next.config.js', 'postcss.config.mjs', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function buildIsStale(): boolean {
  const id = join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return true;
  // The container's entry (scripts/docker-entry.mjs) runs the standalone server.
  if (!existsSync(join(root, '.next', 'standalone', 'server.js'))) return true;
  if (!existsSync(join(root, '.next', 'standalone', '.next', 'static'))) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}

/**
 * The standalone server serves /_next/static from its own directory; Next leaves that copy to
 * the deployer (the Dockerfile copies it into the image), so a checkout gets it here.
 */
function copyStaticIntoStandalone(): void {
  const target = join(root, '.next', 'standalone', '.next', 'static');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, '.next', 'static'), target, { recursive: true });
}

/** Builds when needed. Next's own output is shown only if the build fails; `quiet` also drops the notice. */
export function buildIfNeeded(opts: { quiet?: boolean } = {}): void {
  if (!buildIsStale()) return;
  if (!opts.quiet) console.log('[kayak] building the console once (next build, about two minutes); later starts reuse it until the sources change…');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`next build failed with status ${result.status}`);
  }
  copyStaticIntoStandalone();
}

if (process.argv[1] && import.meta.filename === process.argv[1]) buildIfNeeded();
