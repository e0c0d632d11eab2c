/**
 * `npm start` / `npm run dev`: checks that the console's and the broker's ports are free, builds
 * the console if needed, starts the embedded broker (unless KAFKA_BROKERCONNECT points
 * elsewhere), waits for its port, then starts the console: Next's standalone server (the same
 * one the container image runs), or `next dev` with --dev. Ctrl-C or SIGTERM stops both; if
 * either dies, the other is stopped too.
 *
 *   SERVER_PORT (9000)  HOST (127.0.0.1)  KAFKA_BROKERCONNECT  KAYAK_BROKER_PORT (9092)
 *   KAYAK_SCHEMA_REGISTRY_PORT (8081, "off" to turn the bundled registry off; the bundled cluster's registry in the console)
 *   KAYAK_DATA_DIR (./data)   flags: --dev, --host <addr>, --port <n>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfNeeded } from './build-if-needed.ts';
import { loginWarning } from './login-warning.mjs';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false }, host: { type: 'string' }, port: { type: 'string' } } });
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const port = values.port ?? process.env.SERVER_PORT ?? '9000';
const brokerPort = Number(process.env.KAYAK_BROKER_PORT ?? 9092);
const registrySetting = process.env.KAYAK_SCHEMA_REGISTRY_PORT ?? '8081';
/** The bundled schema registry's port, or null when it is turned off. */
const registryPort = registrySetting.toLowerCase() === 'off' ? null : Number(registrySetting);
const dataDir = process.env.KAYAK_DATA_DIR ?? join(root, 'data');

const children: ChildProcess[] = [];
let stopping = false;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  // Same process group: a terminal's Ctrl-C or a supervisor's group kill reaches the children too.
  const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[kayak] ${name} exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  return child;
}

function waitForPort(p: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port: p }, () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', () => {
        socket.destroy();
        if (stopping) reject(new Error('stopped'));
        else if (Date.now() > deadline) reject(new Error(`broker did not open port ${p} within ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

function portInUse(p: number, on = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: on === '0.0.0.0' || on === '::' ? '127.0.0.1' : on, port: p }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Both ports are checked before the (possibly two-minute) build, so a clash is reported at once. */
async function checkPorts(embedded: boolean): Promise<void> {
  const problems: string[] = [];
  if (await portInUse(Number(port), host)) {
    problems.push(
      `port ${port} (the console) is already in use; stop what holds it, or choose another with SERVER_PORT=9001 npm start (or npm start -- --port 9001)`,
    );
  }
  if (embedded && (await portInUse(brokerPort))) {
    problems.push(
      `port ${brokerPort} (the embedded broker) is already in use; stop what holds it, or choose another with KAYAK_BROKER_PORT=9093 npm start, or use the cluster on it with KAFKA_BROKERCONNECT=127.0.0.1:${brokerPort} npm start`,
    );
  }
  if (embedded && registryPort !== null && (await portInUse(registryPort))) {
    problems.push(
      `port ${registryPort} (the bundled schema registry) is already in use; stop what holds it, or choose another with KAYAK_SCHEMA_REGISTRY_PORT=8082 npm start (or turn it off with KAYAK_SCHEMA_REGISTRY_PORT=off)`,
    );
  }
  if (problems.length > 0) throw new Error(problems.join('\n[kayak] '));
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = children.map(
    (c) =>
      new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        try {
          c.kill('SIGTERM');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            c.kill('SIGKILL');
          } catch {
            // already gone
          }
          resolve();
        }, 10_000).unref();
      }),
  );
  await Promise.all(exits);
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main(): Promise<void> {
  const embedded = !process.env.KAFKA_BROKERCONNECT;
  if (registryPort !== null && (!Number.isInteger(registryPort) || registryPort < 1 || registryPort > 65535)) {
    throw new Error(`KAYAK_SCHEMA_REGISTRY_PORT must be a port (1-65535) or "off", got "${registrySetting}"`);
  }
  await checkPorts(embedded);
  if (!values.dev) buildIfNeeded();
  // The standalone server works from .next/standalone; paths in settings stay relative to here.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', KAYAK_WORKDIR: process.env.KAYAK_WORKDIR ?? process.cwd() };
  if (embedded) {
    const registryArgs = registryPort === null ? [] : ['--schema-registry-port', String(registryPort)];
    run(
      process.execPath,
      [
        ...SERVER_NODE_FLAGS,
        '--import',
        'tsx',
        join(root, 'broker', 'main.ts'),
        '--port',
        String(brokerPort),
        '--host',
        '127.0.0.1',
        '--advertised-host',
        '127.0.0.1',
        '--data-dir',
        dataDir,
        '--node-id',
        '1',
        ...registryArgs,
      ],
      env,
      'broker',
    );
    await waitForPort(brokerPort, 30_000);
    env.KAFKA_BROKERCONNECT = `127.0.0.1:${brokerPort}`;
    env.KAYAK_CLUSTER_NAME ??= 'local';
    // The bundled cluster's registry in the console, unless it has another (KAYAK_SCHEMA_REGISTRY_URL
    // is the default for every cluster and wins over this one).
    if (registryPort !== null) env.KAYAK_EMBEDDED_SCHEMA_REGISTRY_URL ??= `http://127.0.0.1:${registryPort}`;
  } else {
    console.log(`[kayak] using the cluster at ${process.env.KAFKA_BROKERCONNECT} (no embedded broker)`);
  }
  const warning = loginWarning(host, process.env);
  if (warning) console.warn(warning);
  if (values.dev) {
    run(join(root, 'node_modules', '.bin', 'next'), ['dev', '-p', port, '-H', host], env, 'console');
  } else {
    const server = join(root, '.next', 'standalone', 'server.js');
    if (!existsSync(server)) throw new Error(`${server} is missing; delete .next and start again to rebuild`);
    run(process.execPath, [...SERVER_NODE_FLAGS, server], { ...env, NODE_ENV: 'production', PORT: port, HOSTNAME: host }, 'console');
  }
  console.log(`[kayak] console on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
}

main().catch((e: unknown) => {
  console.error(`[kayak] ${e instanceof Error ? e.message : String(e)}`);
  void stop(1);
});
