/**
 * `npm start` (scripts/start.ts) as a newcomer meets it: a taken port is reported at once, before
 * any build, naming the variable that changes it; a normal start runs Next's standalone server
 * (no "next start does not work with output: standalone" warning) with its static assets, and
 * relative paths in settings stay relative to where it was started.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';
import { freePort } from '../console/stack.ts';

const root = join(import.meta.dirname, '..', '..');
const servers: Server[] = [];

after(() => {
  for (const s of servers) s.close();
});

function occupy(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer(() => undefined);
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
  });
}

function start(env: Record<string, string>, cwd = root): { done: Promise<number | null>; output: () => string; stop: () => void } {
  let out = '';
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'scripts', 'start.ts')], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code))), output: () => out, stop: () => child.kill('SIGTERM') };
}

describe('npm start', () => {
  test('reports every taken port at once, before building, with how to change them', async () => {
    const [consolePort, brokerPort, registryPort] = [await occupy(), await occupy(), await occupy()];
    const run = start({
      SERVER_PORT: String(consolePort),
      KAYAK_BROKER_PORT: String(brokerPort),
      KAYAK_SCHEMA_REGISTRY_PORT: String(registryPort),
      HOST: '127.0.0.1',
    });
    assert.equal(await run.done, 1);
    const out = run.output();
    assert.match(out, new RegExp(`port ${consolePort} \\(the console\\) is already in use.*SERVER_PORT=`));
    assert.match(out, new RegExp(`port ${brokerPort} \\(the embedded broker\\) is already in use.*KAYAK_BROKER_PORT=`));
    assert.match(out, new RegExp(`port ${registryPort} \\(the bundled schema registry\\) is already in use.*KAYAK_SCHEMA_REGISTRY_PORT=off`));
    assert.doesNotMatch(out, /building the console/);
  });

  test('runs the standalone server with its assets and no standalone warning; settings paths stay relative to the start directory', async () => {
    buildIfNeeded({ quiet: true });
    const [consolePort, brokerPort, registryPort] = [await freePort(), await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), 'kayak-start-'));
    // A clusters file given by a path relative to the directory npm start runs in.
    writeFileSync(join(dataDir, 'clusters.yaml'), `- name: extra\n  brokers: 127.0.0.1:${brokerPort}\n`);
    const run = start(
      {
        SERVER_PORT: String(consolePort),
        KAYAK_BROKER_PORT: String(brokerPort),
        HOST: '127.0.0.1',
        KAYAK_SCHEMA_REGISTRY_PORT: String(registryPort),
        KAYAK_DATA_DIR: join(dataDir, 'data'),
        KAYAK_CLUSTERS_FILE: 'clusters.yaml',
      },
      dataDir,
    );
    try {
      const url = `http://127.0.0.1:${consolePort}`;
      const deadline = Date.now() + 120_000;
      while (
        !(await fetch(`${url}/api/ping`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        assert.ok(Date.now() < deadline, `console did not start:\n${run.output()}`);
        await new Promise((r) => setTimeout(r, 300));
      }
      const html = await (await fetch(`${url}/topics`)).text();
      const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
      assert.ok(css, 'the page links its stylesheet');
      assert.equal((await fetch(`${url}${css}`)).status, 200, 'static assets are served');
      const clusters = (await (await fetch(`${url}/api/clusters`)).json()) as { name: string; schemaRegistry?: string }[];
      assert.ok(
        clusters.some((c) => c.name === 'extra'),
        JSON.stringify(clusters),
      );
      // The bundled registry is the bundled cluster's registry in the console, and only its.
      assert.equal(clusters.find((c) => c.name === 'local')?.schemaRegistry, `http://127.0.0.1:${registryPort}`);
      assert.equal(clusters.find((c) => c.name === 'extra')?.schemaRegistry, undefined);
      assert.doesNotMatch(run.output(), /does not work with "output: standalone"/);
      // The bundled schema registry runs beside the broker.
      assert.deepEqual(await (await fetch(`http://127.0.0.1:${registryPort}/subjects`)).json(), []);
    } finally {
      run.stop();
      await run.done;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
