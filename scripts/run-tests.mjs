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

/** Runs one stage; exits the whole run when it fails or, for test stages, when nothing passed. */
function stage(name, cmd, args, { env = process.env, counted = null } = {}) {
  const result = run(cmd, args, env);
  if (result.status !== 0) {
    console.error(`run-tests: ${name} failed`);
    process.exit(result.status);
  }
  if (counted) {
    const { ran, passed, none } = counted(result.stdout);
    console.log(`run-tests: ${name} ran ${ran} tests, ${passed} passed`);
    if (none) {
      console.error(`run-tests: ${name} ran no tests`);
      process.exit(1);
    }
  } else {
    console.log(`run-tests: ${name} passed`);
  }
}

const node = process.execPath;
const bin = (path) => join(root, 'node_modules', ...path.split('/'));
const nodeTest = (files) => ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', ...files];
const tapCount = (stdout) => {
  const ran = Number(/^# tests (\d+)/m.exec(stdout)?.[1] ?? 0);
  return { ran, passed: Number(/^# pass (\d+)/m.exec(stdout)?.[1] ?? 0), none: ran === 0 };
};
const playwrightCount = (stdout) => {
  const passed = Number(/(\d+) passed/.exec(stdout)?.[1] ?? 0);
  return { ran: passed + Number(/(\d+) (?:failed|flaky)/.exec(stdout)?.[1] ?? 0), passed, none: passed === 0 };
};

// The whole project typechecks, lints and is checked for formatting first (`npm run typecheck`,
// `npm run lint`, `npm run format:check`); an error
// fails the run before any test starts. Skipped only when a subset of tests was asked for.
if (only.length === 0) {
  stage('typecheck (tsc --noEmit)', node, [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
  stage('lint (eslint)', node, [bin('eslint/bin/eslint.js'), '--max-warnings=0', '.']);
  stage('format check (prettier; `npm run format` fixes it)', node, [bin('prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.']);
}

let files = findFiles(join(root, 'test'), '.test.ts');
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('run-tests: no test files found under test/');
  process.exit(1);
}
stage(`node:test (${files.length} files)`, node, nodeTest(files), { counted: tapCount });

// The console's route tests once more, against Apache Kafka, unless a target was chosen
// explicitly: the files that start their stack with test/console/target.ts (the others set up
// a bundled broker of their own, e.g. with an authorizer, and already ran).
const consoleFiles = files.filter((f) => f.startsWith(join('test', 'console') + '/') && readFileSync(join(root, f), 'utf8').includes('startTargetStack('));
if (consoleFiles.length > 0 && !process.env.KAYAK_TEST_TARGET) {
  stage(`console tests against Apache Kafka (${consoleFiles.length} files)`, node, nodeTest(consoleFiles), {
    env: { ...process.env, KAYAK_TEST_TARGET: 'kafka' },
    counted: tapCount,
  });
}

const specs = findFiles(join(root, 'e2e'), '.spec.ts');
if (specs.length > 0 && only.length === 0) {
  stage('Playwright', bin('.bin/playwright'), ['test', '--reporter=list'], { counted: playwrightCount });
  // The core flows once more in the browser, against Apache Kafka (playwright.config.ts starts it
  // through scripts/e2e-kafka-stack.ts): topics, messages, consumer groups.
  const core = ['e2e/topics.spec.ts', 'e2e/messages.spec.ts', 'e2e/groups.spec.ts'];
  stage('Playwright against Apache Kafka', bin('.bin/playwright'), ['test', '--reporter=list', ...core], {
    env: { ...process.env, KAYAK_E2E_TARGET: 'kafka' },
    counted: playwrightCount,
  });
}
