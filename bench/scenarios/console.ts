/**
 * Item 4, console side: the topic list API (`GET /api/topics`) with many topics next to
 * `kcat -L` and to a minimal client making the same requests, on the same broker. The console is the production build (`next start`), built
 * first when stale. The group lag page is measured in groups.ts on a broker of its own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT, runCommand, startBroker, type BrokerRun } from '../lib/procs.ts';
import { withAdmin } from '../lib/kafka.ts';
import { RawClient } from '../../test/helpers/raw-client.ts';
import { referenceTopicList } from './topic-list-reference.ts';
import { missingRow, ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';

export interface ConsoleContext {
  work: string;
  topics: number;
  runs: number;
  log: (msg: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function createTopics(broker: BrokerRun, count: number): Promise<void> {
  await withAdmin(broker.bootstrap, async (admin) => {
    for (let i = 0; i < count; i += 500) {
      const names = Array.from({ length: Math.min(500, count - i) }, (_, j) => `bench-t-${String(i + j).padStart(5, '0')}`);
      await admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })) });
    }
  });
}

export async function startConsole(bootstrap: string, extraEnv: Record<string, string> = {}): Promise<{ url: string; stop: () => void }> {
  buildIfNeeded({ quiet: true });
  const port = await freePort();
  const next = join(ROOT, 'node_modules', '.bin', 'next');
  const env = {
    ...process.env,
    NODE_OPTIONS: SERVER_NODE_FLAGS.join(' '),
    NEXT_TELEMETRY_DISABLED: '1',
    KAFKA_BROKERCONNECT: bootstrap,
    KAYAK_CLUSTER_NAME: 'bench',
    ...extraEnv,
  };
  const child = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/ping`)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGTERM');
  throw new Error('console did not answer /api/ping within 60 s');
}

export async function timedGet(url: string): Promise<{ ms: number; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - t0, body };
}

/** First line of an error, without the request URL, short enough for a table cell. */
export function errorReason(e: unknown): string {
  return (e as Error).message
    .split('\n')[0]!
    .replace(/https?:\/\/[^ ]+ /, '')
    .slice(0, 240);
}

/** Times `GET path` `runs` times after one warm-up, checking each answer lists every bench topic. */
async function timeList(url: string, path: string, ctx: ConsoleContext): Promise<number[]> {
  const n = ctx.topics.toLocaleString('en-US');
  // The first call also pays for route compilation and the admin connection: warm up once.
  await timedGet(`${url}${path}`);
  const ms: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const { ms: one, body } = await timedGet(`${url}${path}`);
    const listed = Array.isArray(body) ? body.filter((t: { name?: string }) => t.name?.startsWith('bench-t-')).length : -1;
    if (listed !== ctx.topics) throw new Error(`correctness: ${path} listed ${listed} of ${ctx.topics} topics`);
    ms.push(one);
    ctx.log(`GET ${path} with ${n} topics: ${one.toFixed(0)} ms`);
  }
  return ms;
}

/**
 * Three rows. The listing the topic list shows first (`?stats=false`: one Metadata request, what
 * `kcat -L` shows) against `kcat -L`. The full rows (offsets of every partition, sizes, groups)
 * against a minimal client making the same requests, and, for the record, against `kcat -L`.
 */
export async function consoleTimings(ctx: ConsoleContext): Promise<Row[]> {
  const broker = await startBroker({ dataDir: join(ctx.work, 'topics') });
  const n = ctx.topics.toLocaleString('en-US');
  const listingName = `topic list API, listing (what kcat -L shows), ${n} topics`;
  const fullName = `topic list API with counts (messages, sizes, groups, lag), ${n} topics`;
  const listingCommand = 'GET /api/topics?stats=false (next start) vs kcat -L';
  const fullCommand = 'GET /api/topics (next start) vs Metadata + DescribeLogDirs + ListGroups, then 2× ListOffsets, on one connection';
  const rows: Row[] = [];
  try {
    await createTopics(broker, ctx.topics);
    ctx.log(`created ${n} topics`);
    const kcatMs: number[] = [];
    for (let i = 0; i < Math.max(3, ctx.runs); i++) {
      const k = await runCommand('kcat', ['-L', '-b', broker.bootstrap], { keepStdout: true });
      const listed = (k.stdout.match(/topic "bench-t-/g) ?? []).length;
      if (k.code !== 0 || listed !== ctx.topics) throw new Error(`correctness: kcat -L listed ${listed} of ${ctx.topics} topics`);
      kcatMs.push(k.ms);
    }
    const kcat = { name: 'kcat -L', value: summarize(kcatMs) };
    const client = await RawClient.connect(broker.port);
    const refMs: number[] = [];
    try {
      await referenceTopicList(client); // warm-up, as for the console
      for (let i = 0; i < Math.max(3, ctx.runs); i++) {
        const t0 = performance.now();
        const listed = [...(await referenceTopicList(client)).keys()].filter((name) => name.startsWith('bench-t-')).length;
        refMs.push(performance.now() - t0);
        if (listed !== ctx.topics) throw new Error(`correctness: the minimal client counted ${listed} of ${ctx.topics} topics`);
      }
    } finally {
      client.close();
    }
    const sameRequests = { name: 'same requests, minimal client', value: summarize(refMs) };
    ctx.log(`kcat -L ${kcat.value.median.toFixed(0)} ms; minimal client, same requests as the full list ${sameRequests.value.median.toFixed(0)} ms`);
    let app: { url: string; stop: () => void } | null = null;
    const t0 = performance.now();
    try {
      app = await startConsole(broker.bootstrap);
      const listingMs = await timeList(app.url, '/api/topics?cluster=bench&stats=false', ctx);
      const fullMs = await timeList(app.url, '/api/topics?cluster=bench', ctx);
      rows.push(
        ratioRow({
          section: '4 console',
          name: listingName,
          unit: 'ms',
          value: summarize(listingMs),
          reference: kcat,
          goal: '≤ 2× kcat',
          atMost: 2,
          command: listingCommand,
        }),
        ratioRow({
          section: '4 console',
          name: fullName,
          unit: 'ms',
          value: summarize(fullMs),
          reference: sameRequests,
          goal: '≤ 2× reference',
          atMost: 2,
          command: fullCommand,
        }),
        ratioRow({
          section: '4 console',
          name: fullName,
          unit: 'ms',
          value: summarize(fullMs),
          reference: kcat,
          goal: 'informational',
          command: 'GET /api/topics (next start) vs kcat -L',
        }),
      );
    } catch (e) {
      const reason = `after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${errorReason(e)}`;
      rows.push(
        missingRow({
          section: '4 console',
          name: listingName,
          unit: 'ms',
          goal: '≤ 2× kcat',
          command: listingCommand,
          kind: 'failed',
          reason,
          reference: kcat,
        }),
        missingRow({
          section: '4 console',
          name: fullName,
          unit: 'ms',
          goal: '≤ 2× reference',
          command: fullCommand,
          kind: 'failed',
          reason,
          reference: sameRequests,
        }),
      );
    } finally {
      app?.stop();
    }
  } finally {
    await broker.stop();
  }
  return rows;
}
