/**
 * The Dockerfile cannot be built here (no Docker engine), so it is checked statically: every
 * file it copies from the build context exists and is not excluded by .dockerignore, what it
 * copies out of the build stage is what `next build` produces, the runtime user is not root,
 * and its command exists. The command itself is then run (with KAYAK_EMBEDDED_BROKER=true) the
 * way the image runs it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';
import { freePort } from '../console/stack.ts';
import { root } from './compose-config.ts';

interface Instruction {
  stage: number;
  op: string;
  flags: Record<string, string>;
  args: string[];
  raw: string;
}

function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  const logical = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of logical) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [op, ...rest] = t.split(/\s+/);
    const upper = op!.toUpperCase();
    if (upper === 'FROM') stage++;
    const flags: Record<string, string> = {};
    const args: string[] = [];
    for (const r of rest) {
      const m = /^--([\w-]+)=(.*)$/.exec(r);
      if (m && args.length === 0) flags[m[1]!] = m[2]!;
      else args.push(r);
    }
    out.push({ stage, op: upper, flags, args, raw: t });
  }
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

const dockerfile = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function isIgnored(path: string): boolean {
  return ignored.some((pattern) => {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`);
    return re.test(path);
  });
}

const stages = dockerfile.filter((i) => i.op === 'FROM');
const finalStage = stages.length - 1;

describe('Dockerfile (static checks)', () => {
  test('multi-stage on one Node 22 base (the documented minimum), so native packages match between stages', () => {
    assert.ok(stages.length >= 2);
    const bases = new Set(stages.map((s) => s.args[0]));
    assert.equal(bases.size, 1, [...bases].join(', '));
    assert.match([...bases][0]!, /^node:22[\w.-]*$/);
  });

  test('files copied from the build context exist and are not excluded by .dockerignore', () => {
    const copies = dockerfile.filter((i) => i.op === 'COPY' && !i.flags.from);
    assert.ok(copies.length > 0);
    for (const c of copies) {
      for (const src of c.args.slice(0, -1)) {
        assert.ok(existsSync(join(root, src)), `${c.raw}: ${src} exists`);
        assert.ok(!isIgnored(src), `${c.raw}: ${src} is not in .dockerignore`);
        // Only tracked sources: a file git ignores (like next-env.d.ts) is absent from a clean clone.
        const tracked = execFileSync('git', ['ls-files', '--', src], { cwd: root, encoding: 'utf8' }).trim();
        assert.ok(tracked.length > 0, `${src} is tracked by git`);
      }
    }
    for (const generated of ['next-env.d.ts', 'node_modules', '.next']) {
      assert.ok(!copies.some((c) => c.args.slice(0, -1).includes(generated)), `${generated} is generated in the image, not copied`);
    }
  });

  test('the build stage gets every source the console imports', () => {
    const build = dockerfile.filter((i) => i.stage === 0 && i.op === 'COPY').flatMap((i) => i.args.slice(0, -1));
    for (const dir of ['app', 'components', 'lib']) assert.ok(build.includes(dir), `${dir} is copied`);
    for (const dir of ['app', 'components', 'lib']) {
      for (const file of listFiles(join(root, dir)).filter((f) => /\.(ts|tsx|css)$/.test(f))) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/from '@\/([\w-]+)\//g)) {
          assert.ok(build.includes(m[1]!), `${relative(root, file)} imports @/${m[1]}/…, which the build stage must copy`);
        }
        // Relative imports that leave app/, components/ and lib/ (the broker's generated protocol codecs).
        for (const m of source.matchAll(/from '(\.\.?\/[^']+)'/g)) {
          const target = relative(root, join(dirname(file), m[1]!));
          if (['app', 'components', 'lib'].includes(target.split('/')[0]!)) continue;
          assert.ok(
            build.some((dir) => target === dir || target.startsWith(`${dir}/`)),
            `${relative(root, file)} imports ${target}, which the build stage must copy`,
          );
        }
      }
    }
  });

  test('what the final stage takes from the build stage is what next build makes', () => {
    buildIfNeeded({ quiet: true });
    const fromBuild = dockerfile.filter((i) => i.stage === finalStage && i.op === 'COPY' && i.flags.from === 'build');
    const sources = fromBuild.map((i) => i.args[0]!.replace(/^\/app\//, ''));
    assert.deepEqual(sources.sort(), ['.next/standalone', '.next/static']);
    for (const s of sources) assert.ok(existsSync(join(root, s)), `${s} exists after next build`);
    assert.ok(existsSync(join(root, '.next', 'standalone', 'server.js')), 'standalone server.js');
    for (const pkg of ['kafkajs', 'next']) {
      assert.ok(existsSync(join(root, '.next', 'standalone', 'node_modules', pkg)), `${pkg} is traced into the standalone output`);
    }
    assert.match(readFileSync(join(root, 'next.config.js'), 'utf8'), /output:\s*'standalone'/);
  });

  test('the broker stage installs exactly what the broker imports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const install = dockerfile.find((i) => i.op === 'RUN' && i.raw.includes('kayak-broker-deps'));
    assert.ok(install, 'a broker-deps install step');
    const bare = new Set<string>();
    for (const file of listFiles(join(root, 'broker')).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '([^.'][^']*)'/g)) {
        if (m[1]!.startsWith('node:')) continue;
        // The package a specifier names: '@scope/name/…' or 'name/…' (e.g. 'ajv/dist/2020.js').
        const parts = m[1]!.split('/');
        bare.add(parts.slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    for (const dep of [...bare, 'tsx']) {
      assert.ok(pkg.dependencies[dep], `${dep} is a dependency`);
      assert.ok(install.raw.includes(`'${dep}'`) || install.raw.includes(`${dep}:`), `${dep} is installed for the broker`);
    }
  });

  test('runs as a non-root user; the command is the entry script, which is copied', () => {
    const users = dockerfile.filter((i) => i.stage === finalStage && i.op === 'USER');
    assert.ok(users.length > 0);
    assert.doesNotMatch(users.at(-1)!.args[0]!, /^(root|0)(:|$)/);
    const cmd = dockerfile.filter((i) => i.op === 'CMD').at(-1);
    assert.ok(cmd);
    const argv = JSON.parse(cmd.raw.slice(3).trim()) as string[];
    assert.equal(argv[0], 'node');
    assert.ok(existsSync(join(root, argv[1]!)), `${argv[1]} exists`);
    assert.ok(
      dockerfile.some((i) => i.stage === finalStage && i.op === 'COPY' && i.args.includes(argv[1]!)),
      `${argv[1]} is copied into the image`,
    );
    assert.ok(dockerfile.some((i) => i.op === 'EXPOSE' && i.args.includes('9000')));
  });
});

describe('the image command with KAYAK_EMBEDDED_BROKER=true', () => {
  let child: ReturnType<typeof spawn>;
  let url: string;
  let output = '';
  let dataDir: string;
  let brokerPort: number;

  before(async () => {
    buildIfNeeded({ quiet: true });
    dataDir = mkdtempSync(join(tmpdir(), 'kayak-image-'));
    const consolePort = await freePort();
    brokerPort = await freePort();
    url = `http://127.0.0.1:${consolePort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAYAK_EMBEDDED_BROKER: 'true',
      KAYAK_BROKER_PORT: String(brokerPort),
      KAYAK_DATA_DIR: dataDir,
      SERVER_PORT: String(consolePort),
      HOST: '127.0.0.1',
    };
    delete env.KAFKA_BROKERCONNECT;
    child = spawn(process.execPath, [join(root, 'scripts', 'docker-entry.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`entry exited with ${child.exitCode}:\n${output}`);
      if ((await fetch(`${url}/api/ping`).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`console not ready:\n${output}`);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts the bundled broker and the console on it', async () => {
    const clusters = await (await fetch(`${url}/api/clusters`)).json();
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].name, 'local');
    const overview = await fetch(`${url}/api/cluster`);
    assert.equal(overview.status, 200, await overview.clone().text());
    assert.equal((await overview.json()).brokers.length, 1);
  });

  test('SIGTERM stops the broker and the console', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.doesNotMatch(output, /exited \(/, 'both children stopped on request, not by failure');
    const stillOpen = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: brokerPort }, () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    assert.equal(stillOpen, false, 'the broker is gone too');
  });
});
