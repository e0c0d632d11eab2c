/**
 * Starts what `npm start` starts, on ephemeral ports: the bundled broker (temp data dir) and the
 * built console (`next start`) pointed at it, plus a second configured cluster named "offline"
 * whose address has nothing listening, for the unreachable-cluster cases.
 *
 * Options change that for the deployment tests: broker listeners (TLS, SASL) and flags, the
 * console's cluster environment instead of the default one, and running the console the way
 * the container image does (scripts/docker-entry.mjs → .next/standalone/server.js).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';

const root = join(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready after ${timeoutMs}ms:\n${log()}`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

function spawnLogged(cmd: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string; fullLog: () => string } {
  let out = '';
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, log: () => out.slice(-4000), fullLog: () => out };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000).unref();
  });
}

export interface Stack {
  url: string;
  broker: string;
  offlineBroker: string;
  /** The broker's port per listener protocol (just PLAINTEXT unless `listeners` was given). */
  brokerPorts: Record<string, number>;
  /** The console's process id (its group leader), to read its memory use from /proc. */
  consolePid: number;
  /** Everything the console process printed so far (to check that no secret is logged). */
  consoleOutput: () => string;
  api: (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: any }>;
  stop: () => Promise<void>;
}

export interface StackOptions {
  /** Extra console environment, on top of the cluster variables. */
  env?: Record<string, string>;
  /** Broker listener protocols (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), each on a free port. */
  listeners?: string[];
  /** More broker flags (--tls-cert, --sasl-users, ...). */
  brokerArgs?: string[];
  /** The console's cluster variables, given the broker's ports; replaces the default local + offline pair. */
  consoleEnv?: (ports: Record<string, number>) => Record<string, string> | Promise<Record<string, string>>;
  /** Run the console as the container does: scripts/docker-entry.mjs with SERVER_PORT and HOST. */
  imageEntry?: boolean;
  /**
   * An already running cluster (host:port, PLAINTEXT) for the console instead of the bundled
   * broker: none is started, and `listeners`/`brokerArgs` do not apply.
   */
  bootstrap?: string;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  buildIfNeeded({ quiet: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'kayak-console-'));
  const brokerPorts: Record<string, number> = {};
  for (const protocol of opts.listeners ?? ['PLAINTEXT']) brokerPorts[protocol] = await freePort();
  const brokerPort = Object.values(brokerPorts)[0]!;
  const offlinePort = await freePort();
  const consolePort = await freePort();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const listen = opts.listeners
    ? [
        '--listeners',
        Object.entries(brokerPorts)
          .map(([p, port]) => `${p}://127.0.0.1:${port}`)
          .join(','),
      ]
    : ['--port', String(brokerPort), '--host', '127.0.0.1'];
  const broker = opts.bootstrap
    ? undefined
    : spawnLogged(
        process.execPath,
        ['--import', 'tsx', 'broker/main.ts', ...listen, '--advertised-host', '127.0.0.1', '--data-dir', dataDir, '--node-id', '1', ...(opts.brokerArgs ?? [])],
        env,
      );
  if (opts.bootstrap) brokerPorts.PLAINTEXT = Number(opts.bootstrap.split(':').at(-1));
  // A stack that fails to start must not leave its processes behind: their open pipes would keep
  // the test file from ever exiting.
  const started = broker ? [broker.child] : [];
  const cleanUp = async (e: unknown): Promise<never> => {
    for (const c of started) await kill(c);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  };
  if (broker) for (const port of Object.values(brokerPorts)) await waitFor(() => portOpen(port), 'broker', 30_000, broker.child, broker.log).catch(cleanUp);
  const brokerAddress = opts.bootstrap ?? `127.0.0.1:${brokerPort}`;
  const clusterEnv = (opts.consoleEnv
    ? await Promise.resolve()
        .then(() => opts.consoleEnv!(brokerPorts))
        .catch(cleanUp)
    : undefined) ?? {
    KAFKA_BROKERCONNECT: brokerAddress,
    KAYAK_CLUSTER_NAME: 'local',
    KAYAK_CLUSTER_1_NAME: 'offline',
    KAYAK_CLUSTER_1_BROKERS: `127.0.0.1:${offlinePort}`,
  };
  const consoleEnv = { ...env, KAYAK_LAG_SAMPLE_MS: '1000', ...clusterEnv, ...opts.env };
  const web = opts.imageEntry
    ? spawnLogged(process.execPath, [join(root, 'scripts', 'docker-entry.mjs')], { ...consoleEnv, SERVER_PORT: String(consolePort), HOST: '127.0.0.1' })
    : spawnLogged(join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(consolePort), '-H', '127.0.0.1'], consoleEnv);
  const url = `http://127.0.0.1:${consolePort}`;
  started.push(web.child);
  await waitFor(async () => (await fetch(`${url}/api/ping`).catch(() => null))?.ok === true, 'console', 60_000, web.child, web.log).catch(cleanUp);

  return {
    url,
    broker: brokerAddress,
    offlineBroker: `127.0.0.1:${offlinePort}`,
    brokerPorts,
    consolePid: web.child.pid!,
    consoleOutput: web.fullLog,
    async api(path, init) {
      const method = init?.method ?? 'GET';
      const send = () =>
        fetch(`${url}${path}`, {
          method,
          headers: init?.body !== undefined ? { 'content-type': 'application/json' } : undefined,
          body: init?.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        });
      // A kept-alive connection the server closes as a request goes out fails that request
      // ("other side closed"); browsers retry an idempotent request once on a fresh connection,
      // and so does this client. Writes are never retried.
      const res = await send().catch((e: Error & { cause?: { code?: string } }) => {
        if (method === 'GET' && ['UND_ERR_SOCKET', 'ECONNRESET'].includes(e.cause?.code ?? '')) return send();
        throw e;
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await kill(web.child);
      if (broker) await kill(broker.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function randomName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
