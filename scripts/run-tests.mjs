#!/usr/bin/env node
// Runs every test: node:test files under test/ (found here, since Node 20's --test does not
// expand globs), then the Playwright specs under e2e/ when there are any. Fails when a stage
// finds no tests, so a broken glob can never pass as green.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const only = process.argv.slice(2);

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findFiles(path, suffix));
    else if (name.endsWith(suffix)) out.push(relative(root, path));
  }
  return out;
}

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 30 });
  process.stdout.write(result.stdout ?? '');
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

// The whole project typechecks and lints first (`npm run typecheck`, `npm run lint`); an error
// fails the run before any test starts. Skipped only when a subset of tests was asked for.
if (only.length === 0) {
  const tsc = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
  if (tsc.status !== 0) {
    console.error('run-tests: typecheck (tsc --noEmit) failed');
    process.exit(tsc.status);
  }
  console.log('run-tests: typecheck passed');
  const lint = run(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings=0', '.']);
  if (lint.status !== 0) {
    console.error('run-tests: lint (eslint) failed');
    process.exit(lint.status);
  }
  console.log('run-tests: lint passed');
}

let files = findFiles(join(root, 'test'), '.test.ts');
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('run-tests: no test files found under test/');
  process.exit(1);
}

const unit = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', ...files]);
const passed = Number(/^# pass (\d+)/m.exec(unit.stdout)?.[1] ?? 0);
const ran = Number(/^# tests (\d+)/m.exec(unit.stdout)?.[1] ?? 0);
console.log(`run-tests: node:test ran ${ran} tests in ${files.length} files, ${passed} passed`);
if (unit.status !== 0 || ran === 0) process.exit(unit.status || 1);

// The console's route tests once more, against Apache Kafka, unless a target was chosen
// explicitly: the files that start their stack with test/console/target.ts (the others set up
// a bundled broker of their own, e.g. with an authorizer, and already ran).
const consoleFiles = files.filter((f) => f.startsWith(join('test', 'console') + '/') && readFileSync(join(root, f), 'utf8').includes('startTargetStack('));
if (consoleFiles.length > 0 && !process.env.KAYAK_TEST_TARGET) {
  const onKafka = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', ...consoleFiles], { ...process.env, KAYAK_TEST_TARGET: 'kafka' });
  const kafkaPassed = Number(/^# pass (\d+)/m.exec(onKafka.stdout)?.[1] ?? 0);
  const kafkaRan = Number(/^# tests (\d+)/m.exec(onKafka.stdout)?.[1] ?? 0);
  console.log(`run-tests: console tests against Apache Kafka ran ${kafkaRan} tests in ${consoleFiles.length} files, ${kafkaPassed} passed`);
  if (onKafka.status !== 0 || kafkaRan === 0) process.exit(onKafka.status || 1);
}

const specs = findFiles(join(root, 'e2e'), '.spec.ts');
if (specs.length > 0 && only.length === 0) {
  const e2e = run(join(root, 'node_modules', '.bin', 'playwright'), ['test', '--reporter=list']);
  if (e2e.status !== 0) process.exit(e2e.status);
  if (!/\d+ passed/.test(e2e.stdout)) {
    console.error('run-tests: Playwright reported no passing tests');
    process.exit(1);
  }
  // The core flows once more in the browser, against Apache Kafka (playwright.config.ts starts it
  // through scripts/e2e-kafka-stack.ts): topics, messages, consumer groups.
  const core = ['e2e/topics.spec.ts', 'e2e/messages.spec.ts', 'e2e/groups.spec.ts'];
  const onKafka = run(join(root, 'node_modules', '.bin', 'playwright'), ['test', '--reporter=list', ...core], { ...process.env, KAYAK_E2E_TARGET: 'kafka' });
  if (onKafka.status !== 0) process.exit(onKafka.status);
  if (!/\d+ passed/.test(onKafka.stdout)) {
    console.error('run-tests: Playwright against Apache Kafka reported no passing tests');
    process.exit(1);
  }
}
