/**
 * Child processes the bench drives: the broker (optionally with --cpu-prof), redis-server and
 * short-lived commands (kcat). Everything binds to 127.0.0.1 and is stopped by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Where broker/main.ts is taken from; KAYAK_BENCH_BROKER_ROOT benchmarks another checkout. */
const BROKER_ROOT = process.env.KAYAK_BENCH_BROKER_ROOT ?? ROOT;

export function benchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kayak-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A free TCP port on 127.0.0.1 (for servers that cannot report an ephemeral one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a live process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
}

/** User + system CPU time a live process has used so far, in ms (Linux /proc, 100 Hz ticks). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface Running {
  pid: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
  kill9: () => Promise<void>;
}

/** Servers still running; if the bench dies mid-way, they die with it instead of lingering. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function track(child: ChildProcess): Omit<Running, 'pid'> {
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until `pattern` appears in the output; rejects on exit or timeout. */
function waitFor(r: Omit<Running, 'pid'>, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${r.output()}`)), timeoutMs);
    const check = (): void => {
      const m = pattern.exec(r.output());
      if (m) {
        clearTimeout(timer);
        r.child.stdout?.off('data', check);
        resolve(m);
      }
    };
    r.child.stdout?.on('data', check);
    check();
    void r.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${r.output()}`));
    });
  });
}

export interface BrokerRun extends Running {
  port: number;
  bootstrap: string;
  dataDir: string;
  /** Milliseconds from spawn to the "listening" line. */
  startMs: number;
}

export interface BrokerOptions {
  dataDir: string;
  config?: Record<string, string>;
  /** Directory for a V8 CPU profile written when the broker exits cleanly. */
  cpuProfDir?: string;
}

export async function startBroker(opts: BrokerOptions): Promise<BrokerRun> {
  const args = [...SERVER_NODE_FLAGS, '--import', 'tsx'];
  if (opts.cpuProfDir) args.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir);
  args.push(join(BROKER_ROOT, 'broker', 'main.ts'), '--port', '0', '--host', '127.0.0.1', '--advertised-host', '127.0.0.1', '--data-dir', opts.dataDir);
  for (const [k, v] of Object.entries(opts.config ?? {})) args.push('--config', `${k}=${v}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: BROKER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const r = track(child);
  const m = await waitFor(r, /listening on [^:]+:(\d+)/, 120_000, 'broker');
  const startMs = performance.now() - t0;
  const port = Number(m[1]);
  return { ...r, pid: child.pid!, port, bootstrap: `127.0.0.1:${port}`, dataDir: opts.dataDir, startMs };
}

export interface RedisRun extends Running {
  port: number;
}

/**
 * redis-server with an append-only file written without fsync (appendfsync no), matching the
 * broker's default of writing to the page cache and leaving flushing to the OS. RDB snapshots
 * are off so only the AOF persists.
 */
export async function startRedis(dir: string, fsync: 'no' | 'everysec' = 'no'): Promise<RedisRun> {
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    fsync,
    '--save',
    '',
    '--protected-mode',
    'yes',
    '--daemonize',
    'no',
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const r = track(child);
  await waitFor(r, /Ready to accept connections/, 20_000, 'redis-server');
  return { ...r, pid: child.pid!, port };
}

export interface CommandResult {
  code: number | null;
  ms: number;
  stdoutBytes: number;
  /** Newline count in stdout: one per record for kcat's default output format. */
  lines: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion, optionally feeding it a file on stdin, counting stdout lines
 * without keeping the bytes (kcat -C of a million records is ~100 MB). A timeout kills it.
 */
export function runCommand(cmd: string, args: string[], opts: { stdinFile?: string; keepStdout?: boolean; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: [opts.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let bytes = 0;
    let kept = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      bytes += d.length;
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
      if (opts.keepStdout) kept += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-10_000)));
    if (opts.stdinFile) {
      void import('node:fs').then((fs) => fs.createReadStream(opts.stdinFile!).pipe(child.stdin!));
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, stdoutBytes: bytes, lines, stdout: kept, stderr });
    });
  });
}
