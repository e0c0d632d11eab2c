/**
 * Kafka Streams (Kafka's own jars) against the bundled broker: a word count with
 * processing.guarantee=exactly_once_v2 (repartition and changelog topics, transactions with
 * TxnOffsetCommit, read_committed) gives exact counts, also when the broker is killed with
 * kill -9 in the middle of the run and restarted on the same port and data directory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { removeDir, startBroker, tempDataDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { compileJava, kafkaTool, runJava, startJava, type JavaProcess } from './kafka-fixture.ts';

const APP = 'wordcount-eos';
const INPUT = 'wc-lines';
const OUTPUT = 'wc-counts';
const LINES = 600;

let broker: BrokerProcess;
let dataDir: string;
let classes: string;
let stateDir: string;
let app: JavaProcess | undefined;

/** Mirrors WordCount.line(i). */
const line = (i: number): string => `w${i % 7} w${i % 11} W${i % 5}`;

function expectedCounts(lines: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < lines; i++) for (const w of line(i).toLowerCase().split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

before(async () => {
  dataDir = tempDataDir();
  stateDir = mkdtempSync(join(tmpdir(), 'kayak-streams-'));
  [broker, classes] = await Promise.all([startBroker({ dataDir }), compileJava([join(import.meta.dirname, 'java', 'WordCount.java')])]);
});
after(async () => {
  app?.kill();
  await broker?.stop();
  removeDir(dataDir);
  removeDir(stateDir);
  if (classes) removeDir(classes);
});

const failure = (what: string, out: string): string =>
  `${what}\n${out}\n--- streams app\n${app?.lines().slice(-60).join('\n')}\n--- broker\n${broker.output().slice(-4000)}`;

async function wordCount(mode: string, args: string[]): Promise<string[]> {
  const res = await runJava('WordCount', [mode, broker.bootstrap, ...args], { extraClasspath: [classes], timeoutMs: 120_000 });
  assert.equal(res.code, 0, failure(`WordCount ${mode} exited with ${res.code}`, `${res.stdout}\n${res.stderr.slice(-6000)}`));
  return res.stdout.split('\n');
}

/** The last committed count per word, and the output lines (for NOT_INCREASING and messages). */
async function readCounts(): Promise<{ counts: Map<string, number>; out: string[] }> {
  const out = await wordCount('counts', [OUTPUT]);
  const counts = new Map(
    out
      .filter((l) => l.startsWith('COUNT '))
      .map((l) => l.split(' '))
      .map(([, w, n]) => [w as string, Number(n)]),
  );
  return { counts, out };
}

async function waitForCounts(want: Map<string, number>, timeoutMs: number): Promise<{ counts: Map<string, number>; out: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await readCounts();
    const total = [...seen.counts.values()].reduce((a, b) => a + b, 0);
    const wanted = [...want.values()].reduce((a, b) => a + b, 0);
    if (total >= wanted || Date.now() > deadline) return seen;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test('exactly_once_v2 word count is exact across a kill -9 and restart of the broker', { timeout: 420_000 }, async () => {
  const topic = (name: string) =>
    kafkaTool('org.apache.kafka.tools.TopicCommand', [
      '--bootstrap-server',
      broker.bootstrap,
      '--create',
      '--topic',
      name,
      '--partitions',
      '3',
      '--replication-factor',
      '1',
    ]);
  await topic(INPUT);
  await topic(OUTPUT);
  app = startJava('WordCount', ['run', broker.bootstrap, APP, INPUT, OUTPUT, stateDir], {
    extraClasspath: [classes],
    props: { 'org.slf4j.simpleLogger.defaultLogLevel': 'warn' },
  });
  await app.waitFor(/^STATE RUNNING$/, { timeoutMs: 120_000 });

  // One producer writes every line, slowly, while the broker is killed and restarted under it
  // and under the application (most likely with a Streams transaction open).
  const producing = wordCount('produce', [INPUT, '0', String(LINES), '15']);
  const early = await waitForCounts(new Map([['w0', 1]]), 60_000);
  assert.ok(early.counts.size > 0, failure('no counts before the kill', early.out.join('\n')));
  const port = broker.port;
  await broker.kill9();
  await new Promise((r) => setTimeout(r, 2000));
  broker = await startBroker({ dataDir, port });
  const produced = await producing;
  assert.deepEqual(
    produced.filter((l) => l.startsWith('SEND_ERROR')),
    [],
    failure('the producer failed a send', produced.join('\n')),
  );

  const want = expectedCounts(LINES);
  const { counts, out } = await waitForCounts(want, 180_000);
  assert.deepEqual(
    out.filter((l) => l.startsWith('NOT_INCREASING')),
    [],
    failure('a count repeated or went down', out.join('\n')),
  );
  assert.deepEqual(Object.fromEntries([...counts].sort()), Object.fromEntries([...want].sort()), failure('counts differ', out.join('\n')));
  // The application's internal topics exist as Streams created them, on the restarted broker.
  const topics = (await kafkaTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', broker.bootstrap, '--list'])).split('\n');
  assert.ok(
    topics.some((t) => t.startsWith(`${APP}-`) && t.endsWith('-repartition')),
    topics.join(','),
  );
  assert.ok(
    topics.some((t) => t.startsWith(`${APP}-`) && t.endsWith('-changelog')),
    topics.join(','),
  );
  // exactly_once_v2: one transactional producer per stream thread, named after the application.
  const txns = await kafkaTool('org.apache.kafka.tools.TransactionsCommand', ['--bootstrap-server', broker.bootstrap, 'list']);
  assert.match(txns, new RegExp(`^${APP}-[0-9a-f-]+-\\d+\\s`, 'm'), txns);
});
