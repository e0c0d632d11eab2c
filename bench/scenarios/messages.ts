/**
 * Item 4, message reading through the console (`next start`), next to kcat on the same broker:
 * 100 records deep in a large partition (`GET …/messages`), and the first match of a value search
 * (`GET …/search`, server-sent events) on a 1M-record topic against kcat reading from the start
 * up to and including that record. Also the group-less kafkajs reader at the deep offset,
 * informational. The partition is the one resources.ts fills.
 */
import { createTopic, openFreeReader } from '../lib/kafka.ts';
import { recordValue, writeKcatInput } from '../lib/payload.ts';
import { benchDir, removeDir, runCommand, type BrokerRun } from '../lib/procs.ts';
import { missingRow, ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';
import { errorReason, startConsole, timedGet } from './console.ts';

export interface MessagesContext {
  broker: BrokerRun;
  /** a one-partition topic already holding `records` records */
  topic: string;
  records: number;
  /** records of the search topic this scenario fills */
  searchRecords: number;
  runs: number;
  log: (msg: string) => void;
}

const SEARCH_TOPIC = 'bench-search';

async function kcatRead(broker: BrokerRun, topic: string, from: string, count: number): Promise<number> {
  const k = await runCommand('kcat', ['-C', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-o', from, '-c', String(count), '-e', '-q']);
  if (k.code !== 0 || k.lines !== count) throw new Error(`correctness: kcat -o ${from} -c ${count} gave ${k.lines} lines: ${k.stderr}`);
  return k.ms;
}

/** Milliseconds from the request to the first `record` event, and that record. */
async function firstMatch(url: string): Promise<{ ms: number; offset: string; value: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const event = text.slice(0, end);
      text = text.slice(end + 2);
      const name = /^event: (.*)$/m.exec(event)?.[1];
      const data = /^data: (.*)$/m.exec(event)?.[1];
      if (name === 'record' && data) {
        const ms = performance.now() - t0;
        const rec = JSON.parse(data) as { offset: string; value?: { text?: string } };
        await reader.cancel();
        return { ms, offset: rec.offset, value: rec.value?.text ?? '' };
      }
      if (name === 'done' || name === 'error') throw new Error(`search ended without a match: ${data}`);
    }
  }
  throw new Error('search stream ended without a match');
}

async function fillSearchTopic(ctx: MessagesContext): Promise<void> {
  await createTopic(ctx.broker.bootstrap, SEARCH_TOPIC);
  const dir = benchDir('search-input');
  try {
    const input = await writeKcatInput(dir, ctx.searchRecords);
    const res = await runCommand('kcat', ['-P', '-b', ctx.broker.bootstrap, '-t', SEARCH_TOPIC, '-p', '0', '-X', 'request.required.acks=1', '-q'], {
      stdinFile: input,
      timeoutMs: 600_000,
    });
    if (res.code !== 0) throw new Error(`kcat -P failed: ${res.stderr}`);
  } finally {
    removeDir(dir);
  }
}

/**
 * The first requests compile the route, and Next keeps loading in the background for a few
 * seconds after the first one: requests go until that has passed, so the rows measure the
 * console at work, not its start.
 */
async function warmUp(request: () => Promise<unknown>): Promise<void> {
  const t0 = Date.now();
  for (let i = 0; i < 5 || Date.now() - t0 < 8000; i++) await request();
}

export async function messageReads(ctx: MessagesContext): Promise<Row[]> {
  const { broker, topic } = ctx;
  const offset = ctx.records - 10_000;
  const at = offset.toLocaleString('en-US');
  const runs = Math.max(9, ctx.runs);
  const deepRow = {
    section: '4 console',
    name: `message API, 100 records at offset ${at}`,
    unit: 'ms',
    goal: '≤ 1.0× kcat',
    command: `GET /api/topics/${topic}/messages?partition=0&offset=${offset}&count=100 (next start)`,
  };
  // The match sits 99% of the way into the search topic; its value is unique there.
  const matchAt = Math.floor(ctx.searchRecords * 0.99);
  const needle = recordValue(matchAt).toString().split('-')[0]! + '-';
  const searchRow = {
    section: '4 console',
    name: `first search match, offset ${matchAt.toLocaleString('en-US')} of ${ctx.searchRecords.toLocaleString('en-US')}`,
    unit: 'ms',
    goal: '≤ 1.2× kcat',
    command: `GET /api/topics/${SEARCH_TOPIC}/search?partition=0&offset=oldest&value=${needle}&limit=1 (first record event) vs kcat -C -o beginning -c ${matchAt + 1} -e`,
  };
  const searchRef = 'kcat -C -o beginning -c <match+1> -e';
  const rows: Row[] = [];
  const kcatMs: number[] = [];
  const freeMs: number[] = [];
  const apiMs: number[] = [];
  let app: { url: string; stop: () => void } | null = null;
  let apiError: unknown = null;
  try {
    app = await startConsole(broker.bootstrap);
  } catch (e) {
    apiError = e;
  }
  try {
    const url = app ? `${app.url}/api/topics/${topic}/messages?cluster=bench&partition=0&offset=${offset}&count=100` : '';
    if (app) await warmUp(() => timedGet(url)).catch((e: unknown) => (apiError = e));
    // kcat, the free reader and the console take turns, so each run meets the same machine load.
    for (let i = 0; i < runs; i++) {
      kcatMs.push(await kcatRead(broker, topic, String(offset), 100));
      // Connect + metadata + fetch + close, as kcat pays for its own connection.
      const t0 = performance.now();
      const reader = await openFreeReader(broker.bootstrap, topic);
      let first = '';
      const got = await reader.read(BigInt(offset), 100, (m) => (first ||= m.offset));
      await reader.close();
      freeMs.push(performance.now() - t0);
      if (got.records !== 100 || first !== String(offset)) throw new Error(`correctness: free reader at ${offset} gave ${got.records} from ${first}`);
      if (apiError) continue;
      try {
        const { ms, body } = await timedGet(url);
        const messages = (body as { messages?: { offset: string }[] }).messages ?? [];
        if (messages.length !== 100 || messages[0]?.offset !== String(offset))
          throw new Error(`correctness: message API gave ${messages.length} records from ${messages[0]?.offset}`);
        apiMs.push(ms);
      } catch (e) {
        apiError = e;
      }
    }
    const kcatDeep = { name: 'kcat -C -o -c 100 -e', value: summarize(kcatMs) };
    if (apiError) rows.push(missingRow({ ...deepRow, kind: 'failed', reason: errorReason(apiError), reference: kcatDeep }));
    else {
      rows.push(ratioRow({ ...deepRow, value: summarize(apiMs), reference: kcatDeep, atMost: 1 }));
      ctx.log(`message API at ${at}: ${summarize(apiMs).median.toFixed(1)} ms, kcat ${kcatDeep.value.median.toFixed(1)} ms`);
    }
    rows.push(
      ratioRow({
        section: '4 console',
        name: `100 records at offset ${at} (free reader)`,
        unit: 'ms',
        value: summarize(freeMs),
        reference: kcatDeep,
        goal: 'informational',
        command: `kafkajs Cluster connect + broker.fetch at ${at} vs kcat -C -o ${offset} -c 100 -e`,
      }),
    );

    const searchKcat: number[] = [];
    try {
      if (!app) throw apiError ?? new Error('the console did not start');
      await fillSearchTopic(ctx);
      const search = (query: string) => `${app!.url}/api/topics/${SEARCH_TOPIC}/search?cluster=bench&partition=0&${query}`;
      // A short search first: the route's compilation is not part of any run.
      await warmUp(() => firstMatch(search(`offset=oldest&value=${encodeURIComponent(recordValue(1000).toString().split('-')[0]! + '-')}&limit=1`)));
      const url = search(`offset=oldest&value=${encodeURIComponent(needle)}&limit=1`);
      const searchMs: number[] = [];
      for (let i = 0; i < Math.max(3, ctx.runs); i++) {
        searchKcat.push(await kcatRead(broker, SEARCH_TOPIC, 'beginning', matchAt + 1));
        const m = await firstMatch(url);
        if (m.offset !== String(matchAt) || !m.value.startsWith(needle))
          throw new Error(`correctness: the first match was offset ${m.offset} (${m.value.slice(0, 20)}), expected ${matchAt}`);
        searchMs.push(m.ms);
        ctx.log(`first search match: ${m.ms.toFixed(0)} ms, kcat to it ${searchKcat.at(-1)!.toFixed(0)} ms`);
      }
      rows.push(ratioRow({ ...searchRow, value: summarize(searchMs), reference: { name: searchRef, value: summarize(searchKcat) }, atMost: 1.2 }));
    } catch (e) {
      rows.push(
        missingRow({
          ...searchRow,
          kind: 'failed',
          reason: errorReason(e),
          ...(searchKcat.length > 0 ? { reference: { name: searchRef, value: summarize(searchKcat) } } : {}),
        }),
      );
    }
  } finally {
    app?.stop();
  }
  return rows;
}
