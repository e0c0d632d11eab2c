#!/usr/bin/env node
/**
 * The container's command: runs the console from Next's standalone output (server.js), taking
 * Kafdrop's variable names (SERVER_PORT, HOST) rather than Next's (PORT, HOSTNAME). With
 * KAYAK_EMBEDDED_BROKER=true it first starts the bundled broker and points the console at it.
 * Plain JavaScript so the image needs no TypeScript loader unless the broker is wanted.
 *
 *   SERVER_PORT (9000)  HOST (0.0.0.0)  KAFKA_BROKERCONNECT
 *   KAYAK_EMBEDDED_BROKER (false)  KAYAK_BROKER_PORT (9092)  KAYAK_BROKER_ADVERTISED_HOST (localhost)
 *   KAYAK_DATA_DIR (/data in the image, ./data otherwise)  KAYAK_BROKER_ARGS (extra broker flags)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { loginWarning } from './login-warning.mjs';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

const root = join(import.meta.dirname, '..');
// In the image server.js sits at the app root; in a checkout it is in .next/standalone/.
const serverJs = [join(root, 'server.js'), join(root, '.next', 'standalone', 'server.js')].find((p) => existsSync(p));
// server.js changes its working directory to its own; paths in settings stay relative to here.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', KAYAK_WORKDIR: process.env.KAYAK_WORKDIR ?? process.cwd() };
const children = [];
let stopping = false;

function log(msg) {
  console.log(`[kayak] ${msg}`);
}

function run(cmd, args, childEnv, name) {
  const child = spawn(cmd, args, { cwd: root, env: childEnv, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[kayak] ${name} exited (${signal ?? code}); stopping`);
      stop(code || 1);
    }
  });
  return child;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  let left = children.filter((c) => c.exitCode === null && c.signalCode === null).length;
  if (left === 0) process.exit(code);
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    c.once('exit', () => {
      if (--left === 0) process.exit(code);
    });
    c.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 10_000).unref();
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve();
      });
      s.on('error', () => {
        s.destroy();
        if (stopping) reject(new Error('stopped'));
        else if (Date.now() > deadline) reject(new Error(`the embedded broker did not open port ${port} within ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

async function main() {
  if (!serverJs) throw new Error('server.js not found: build with `next build` (output: standalone) first');
  if (/^(1|true|yes)$/i.test(env.KAYAK_EMBEDDED_BROKER ?? '')) {
    const port = Number(env.KAYAK_BROKER_PORT ?? 9092);
    const dataDir = env.KAYAK_DATA_DIR ?? join(root, 'data');
    const extra = (env.KAYAK_BROKER_ARGS ?? '').split(/\s+/).filter(Boolean);
    const args = [
      ...SERVER_NODE_FLAGS,
      '--import',
      'tsx',
      join(root, 'broker', 'main.ts'),
      '--port',
      String(port),
      '--host',
      '0.0.0.0',
      '--advertised-host',
      env.KAYAK_BROKER_ADVERTISED_HOST ?? 'localhost',
      '--data-dir',
      dataDir,
      '--node-id',
      '1',
      ...extra,
    ];
    run(process.execPath, args, env, 'broker');
    await waitForPort(port, 30_000);
    env.KAFKA_BROKERCONNECT ??= `127.0.0.1:${port}`;
    env.KAYAK_CLUSTER_NAME ??= 'local';
  }
  const port = env.SERVER_PORT ?? '9000';
  const host = env.HOST ?? '0.0.0.0';
  const warning = loginWarning(host, env);
  if (warning) console.warn(warning);
  run(process.execPath, [...SERVER_NODE_FLAGS, serverJs], { ...env, PORT: port, HOSTNAME: host }, 'console');
  log(
    `console on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}, cluster ${env.KAFKA_BROKERCONNECT ?? '(from KAYAK_CLUSTERS_FILE or 127.0.0.1:9092)'}`,
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
main().catch((e) => {
  console.error(`[kayak] ${e instanceof Error ? e.message : String(e)}`);
  stop(1);
});
