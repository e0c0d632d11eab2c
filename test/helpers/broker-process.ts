/**
 * Starts the real broker as a child process (`node --import tsx broker/main.ts`) on an
 * ephemeral port with a fresh temp data dir, the way users run it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BrokerProcess {
  pid: number;
  /** The first listener's port. */
  port: number;
  /** Every listener's port by protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL). */
  ports: Record<string, number>;
  dataDir: string;
  bootstrap: string;
  /** The schema registry's base URL when started with --schema-registry-port. */
  registryUrl?: string;
  output: () => string;
  /** False once the process has exited, for whatever reason. */
  running: () => boolean;
  /** SIGTERM and wait for a clean exit. */
  stop: () => Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill9: () => Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kayak-test-'));
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  config?: Record<string, string>;
  /** Extra CLI flags (listeners, TLS, SASL). */
  args?: string[];
  /** Extra environment variables for the broker process. */
  env?: Record<string, string>;
  /** Keep only the last this-many characters of output (long runs log a line per closed connection). */
  outputLimit?: number;
  /** Sees every chunk of output as it arrives, for checks on what `outputLimit` drops. */
  onOutput?: (chunk: string) => void;
}

export async function startBroker(options: StartOptions = {}): Promise<BrokerProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const args = [
    '--import',
    'tsx',
    join(ROOT, 'broker', 'main.ts'),
    '--port',
    String(options.port ?? 0),
    '--host',
    '127.0.0.1',
    '--advertised-host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    ...(options.args ?? []),
  ];
  for (const [k, v] of Object.entries(options.config ?? {})) args.push('--config', `${k}=${v}`);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let out = '';
  const limit = options.outputLimit ?? Infinity;
  const onChunk = (d: Buffer): void => {
    const chunk = d.toString();
    options.onOutput?.(chunk);
    out += chunk;
    if (out.length > limit * 2) out = out.slice(-limit);
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ports = await new Promise<Record<string, number>>((resolve, reject) => {
    // Generous for a loaded machine; on expiry the child is killed, or it would keep the test process alive.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start within 60 s:\n${out}`));
    }, 60_000);
    const onData = (): void => {
      const line = /listening on (.*) \(advertised/.exec(out);
      if (line) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        const found: Record<string, number> = {};
        for (const m of (line[1] as string).matchAll(/[^\s,]+:(\d+)(?: \((\w+)\))?/g)) found[m[2] ?? 'PLAINTEXT'] ??= Number(m[1]);
        if (found.first === undefined) found.first = Number(/:(\d+)/.exec(line[1] as string)?.[1]);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}:\n${out}`));
    });
  });
  const port = ports.first as number;
  return {
    pid: child.pid ?? -1,
    port,
    ports,
    dataDir,
    bootstrap: `127.0.0.1:${port}`,
    registryUrl: /schema registry on (http:\/\/\S+)/.exec(out)?.[1],
    output: () => out,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
