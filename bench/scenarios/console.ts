/**
 * Item 4, console side: the topic list API (`GET /api/topics`) with many topics next to
 * `kcat -L` on the same broker. The console is the production build (`next start`), built
 * first when stale. The group lag page is measured in groups.ts on a broker of its own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT, runCommand, startBroker, type BrokerRun } from '../lib/procs.ts';
import { withAdmin } from '../lib/kafka.ts';
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

export async function consoleTimings(ctx: ConsoleContext): Promise<Row[]> {
  const broker = await startBroker({ dataDir: join(ctx.work, 'topics') });
  const rows: Row[] = [];
  try {
    await createTopics(broker, ctx.topics);
    const n = ctx.topics.toLocaleString('en-US');
    ctx.log(`created ${n} topics`);
    const kcatMs: number[] = [];
    for (let i = 0; i < Math.max(3, ctx.runs); i++) {
      const k = await runCommand('kcat', ['-L', '-b', broker.bootstrap], { keepStdout: true });
      const listed = (k.stdout.match(/topic "bench-t-/g) ?? []).length;
      if (k.code !== 0 || listed !== ctx.topics) throw new Error(`correctness: kcat -L listed ${listed} of ${ctx.topics} topics`);
      kcatMs.push(k.ms);
    }
    let app: { url: string; stop: () => void } | null = null;
    let t0 = performance.now();
    try {
      app = await startConsole(broker.bootstrap);
      const apiMs: number[] = [];
      // The first call also pays for route compilation and the admin connection: warm up once.
      t0 = performance.now();
      await timedGet(`${app.url}/api/topics?cluster=bench`);
      for (let i = 0; i < ctx.runs; i++) {
        const { ms, body } = await timedGet(`${app.url}/api/topics?cluster=bench`);
        const listed = Array.isArray(body) ? body.filter((t: { name?: string }) => t.name?.startsWith('bench-t-')).length : -1;
        if (listed !== ctx.topics) throw new Error(`correctness: /api/topics listed ${listed} of ${ctx.topics} topics`);
        apiMs.push(ms);
        ctx.log(`GET /api/topics with ${n} topics: ${ms.toFixed(0)} ms`);
      }
      rows.push(
        ratioRow({
          section: '4 console',
          name: `topic list API, ${n} topics`,
          unit: 'ms',
          value: summarize(apiMs),
          reference: { name: 'kcat -L', value: summarize(kcatMs) },
          goal: '≤ 2× kcat',
          atMost: 2,
          command: 'GET /api/topics (next start) vs kcat -L',
        }),
      );
    } catch (e) {
      rows.push(
        missingRow({
          section: '4 console',
          name: `topic list API, ${n} topics`,
          unit: 'ms',
          goal: '≤ 2× kcat',
          command: 'GET /api/topics (next start) vs kcat -L',
          kind: 'failed',
          reason: `after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${errorReason(e)}`,
          reference: { name: 'kcat -L', value: summarize(kcatMs) },
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
