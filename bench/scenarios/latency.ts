/**
 * Item 3: produce-to-consume latency at a fixed 10,000 records/s, measured two ways:
 * - The goal measurement: light protocol clients in two separate processes
 *   (bench/latency/producer.ts sends one Produce v7 acks=1 request every ~1 ms with the records
 *   due, each key carrying process.hrtime.bigint() at send; bench/latency/consumer.ts
 *   long-polls Fetch v11 and takes now − key per record). Neither process runs kafkajs, so the
 *   tail is the broker's plus the machine's, not a client library's.
 * - Informational: a kafkajs producer and a long-polling group-less kafkajs reader in the bench
 *   process, whose p99 follows kafkajs's and the event loop's own stalls.
 * References: the goal (5 ms), and the same paced send→ack latency through the raw append
 * server at the same time of the run — the machine's own scheduling noise floor.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { CompressionTypes } from 'kafkajs';
import { createTopic, endOffset, kafka, openFreeReader } from '../lib/kafka.ts';
import { recordValue } from '../lib/payload.ts';
import { benchDir, removeDir, ROOT, type BrokerRun } from '../lib/procs.ts';
import { startRawServer } from '../lib/raw-server.ts';
import { ratioRow, type Row } from '../lib/report.ts';
import { sortedPercentile, summarize } from '../lib/stats.ts';

const RATE = 10_000;
/** Producer warm-up (JIT, first requests) before the measured records, excluded from percentiles. */
const WARMUP_SECONDS = 1;

export interface LatencyContext {
  broker: BrokerRun;
  seconds: number;
  runs: number;
  log: (msg: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function oneRun(ctx: LatencyContext, topic: string): Promise<{ p50: number; p99: number; p999: number; max: number }> {
  await createTopic(ctx.broker.bootstrap, topic);
  const total = RATE * ctx.seconds;
  const sentAt = new Float64Array(total);
  const latencies = new Float64Array(total);
  let received = 0;
  const reader = await openFreeReader(ctx.broker.bootstrap, topic, 500);
  const producer = kafka(ctx.broker.bootstrap).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // Warm-up record at offset 0: kafkajs fetches topic metadata on the first send, which is
    // client start-up, not produce-to-consume latency.
    await producer.send({ topic, acks: 1, messages: [{ value: recordValue(0) }] });
    const consuming = reader.read(1n, total, (m) => {
      const seq = Number(m.value!.subarray(1, 13).toString());
      latencies[received++] = performance.now() - sentAt[seq]!;
    });
    const t0 = performance.now();
    const sends: Promise<unknown>[] = [];
    let sent = 0;
    // Bounded pacing loop: sends what is due each tick until `total` records went out.
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      if (due > sent) {
        const messages = [];
        for (let i = sent; i < due; i++) messages.push({ value: recordValue(i) });
        const now = performance.now();
        for (let i = sent; i < due; i++) sentAt[i] = now;
        sends.push(producer.send({ topic, acks: 1, compression: CompressionTypes.None, messages }));
        sent = due;
      }
      await sleep(1);
    }
    await Promise.all(sends);
    const timeout = sleep(30_000).then(() => 'timeout');
    if ((await Promise.race([consuming, timeout])) === 'timeout') throw new Error(`latency: consumer saw ${received} of ${total}`);
    if (received !== total) throw new Error(`correctness: latency run consumed ${received} of ${total}`);
  } finally {
    await producer.disconnect();
    await reader.close();
  }
  const sorted = latencies.sort();
  return { p50: sortedPercentile(sorted, 50), p99: sortedPercentile(sorted, 99), p999: sortedPercentile(sorted, 99.9), max: sorted[sorted.length - 1]! };
}

interface Child {
  /** Resolves when the child prints `line` on stdout. */
  printed: (line: string) => Promise<void>;
  /** Exit code and the last stdout line (the child's JSON result). */
  done: Promise<{ code: number | null; last: string; stderr: string }>;
}

/** A bench/latency child process, killed if the bench exits first or after `timeoutMs`. */
function child(script: string, args: string[], timeoutMs: number): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'latency', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const onExit = (): void => void proc.kill('SIGKILL');
  process.on('exit', onExit);
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  let out = '';
  let stderr = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) if (out.split('\n').includes(w.line)) w.resolve();
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const done = new Promise<{ code: number | null; last: string; stderr: string }>((resolve) =>
    proc.once('exit', (code) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      resolve({ code, last: out.trim().split('\n').at(-1) ?? '', stderr });
    }),
  );
  return {
    printed: (line) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ line, resolve });
        if (out.split('\n').includes(line)) resolve();
        void done.then((r) => reject(new Error(`${script} exited with ${r.code} before "${line}": ${r.stderr.slice(-500)}`)));
      }),
    done,
  };
}

interface ProducerResult {
  sent: number;
  warmup: number;
  acked: number;
  requests: number;
  errors: string[];
  ackP50: number;
  ackP99: number;
  loopDelayP99: number;
}

interface ConsumerResult {
  records: number;
  measured: number;
  errors: string[];
  p50: number;
  p99: number;
  p999: number;
  max: number;
  loopDelayP99: number;
}

/** Producer and consumer processes over the raw protocol; see bench/latency/. */
async function rawClientsRun(ctx: LatencyContext, topic: string): Promise<{ producer: ProducerResult; consumer: ConsumerResult }> {
  await createTopic(ctx.broker.bootstrap, topic);
  const measured = RATE * ctx.seconds;
  const total = measured + RATE * WARMUP_SECONDS;
  const port = String(ctx.broker.port);
  const limitMs = (ctx.seconds + WARMUP_SECONDS + 90) * 1000;
  const consumer = child('consumer.ts', [port, topic, String(total), String(ctx.seconds + WARMUP_SECONDS + 60)], limitMs);
  await consumer.printed('ready');
  const producer = child('producer.ts', [port, topic, String(RATE), String(ctx.seconds), String(WARMUP_SECONDS)], limitMs);
  const [p, c] = await Promise.all([producer.done, consumer.done]);
  const parse = <T>(who: string, r: { code: number | null; last: string; stderr: string }): T => {
    try {
      return JSON.parse(r.last) as T;
    } catch {
      throw new Error(`latency ${who} exited with ${r.code} without a result: ${r.stderr.slice(-500)}`);
    }
  };
  const pr = parse<ProducerResult>('producer', p);
  const cr = parse<ConsumerResult>('consumer', c);
  if (pr.errors.length > 0 || p.code !== 0) throw new Error(`latency producer: ${pr.errors.join('; ') || `exit ${p.code}`}`);
  if (cr.errors.length > 0 || c.code !== 0) throw new Error(`latency consumer: ${cr.errors.join('; ') || `exit ${c.code}`}`);
  const stored = await endOffset(ctx.broker.bootstrap, topic);
  if (pr.sent !== total || pr.acked !== total || cr.records !== total || cr.measured !== measured || stored !== total) {
    throw new Error(
      `correctness: latency (raw clients) sent ${pr.sent}, acked ${pr.acked}, stored ${stored}, consumed ${cr.records} (${cr.measured} measured) of ${total}`,
    );
  }
  return { producer: pr, consumer: cr };
}

/** Paced 10k/s frames to the raw server, one send per tick; latency = send → its ack. */
async function rawFloor(seconds: number): Promise<{ p50: number; p99: number; p999: number }> {
  const dir = benchDir('rawlat');
  const server = await startRawServer(join(dir, 'raw.log'));
  const total = RATE * seconds;
  const sentAt = new Float64Array(total);
  const latencies = new Float64Array(total);
  const frame = Buffer.alloc(4 + 100);
  frame.writeInt32BE(100, 0);
  recordValue(0).copy(frame, 4);
  try {
    const socket = net.connect({ host: '127.0.0.1', port: server.port, noDelay: true });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    let acked = 0;
    let ackBytes = 0;
    const done = new Promise<void>((resolve) =>
      socket.on('data', (d: Buffer) => {
        ackBytes += d.length;
        const now = performance.now();
        for (; acked < Math.floor(ackBytes / 4); acked++) latencies[acked] = now - sentAt[acked]!;
        if (acked >= total) resolve();
      }),
    );
    const t0 = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      if (due > sent) {
        const now = performance.now();
        for (let i = sent; i < due; i++) sentAt[i] = now;
        socket.write(Buffer.concat(Array.from({ length: due - sent }, () => frame)));
        sent = due;
      }
      await sleep(1);
    }
    if ((await Promise.race([done.then(() => 'ok'), sleep(30_000).then(() => 'timeout')])) === 'timeout') throw new Error('raw latency: acks missing');
    socket.destroy();
  } finally {
    server.stop();
    removeDir(dir);
  }
  const sorted = latencies.sort();
  return { p50: sortedPercentile(sorted, 50), p99: sortedPercentile(sorted, 99), p999: sortedPercentile(sorted, 99.9) };
}

export async function latency(ctx: LatencyContext): Promise<Row[]> {
  const raw = {
    p50: [] as number[],
    p99: [] as number[],
    p999: [] as number[],
    max: [] as number[],
    producerStall: [] as number[],
    consumerStall: [] as number[],
  };
  const kjs = { p50: [] as number[], p99: [] as number[], p999: [] as number[], stall: [] as number[] };
  const floor = { p50: [] as number[], p99: [] as number[], p999: [] as number[] };
  // The kafkajs clients share this process: its own event-loop stalls are part of what they measure.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  for (let run = 1; run <= ctx.runs; run++) {
    const f = await rawFloor(ctx.seconds);
    floor.p50.push(f.p50);
    floor.p99.push(f.p99);
    floor.p999.push(f.p999);
    const r = await rawClientsRun(ctx, `bench-latency-raw-${run}`);
    raw.p50.push(r.consumer.p50);
    raw.p99.push(r.consumer.p99);
    raw.p999.push(r.consumer.p999);
    raw.max.push(r.consumer.max);
    raw.producerStall.push(r.producer.loopDelayP99);
    raw.consumerStall.push(r.consumer.loopDelayP99);
    loopDelay.reset();
    loopDelay.enable();
    const k = await oneRun(ctx, `bench-latency-${run}`);
    loopDelay.disable();
    kjs.p50.push(k.p50);
    kjs.p99.push(k.p99);
    kjs.p999.push(k.p999);
    kjs.stall.push(loopDelay.percentile(99) / 1e6);
    ctx.log(
      `latency run ${run}/${ctx.runs}: raw clients p50 ${r.consumer.p50.toFixed(2)} p99 ${r.consumer.p99.toFixed(2)} p99.9 ${r.consumer.p999.toFixed(2)} max ${r.consumer.max.toFixed(1)} ms ` +
        `(producer send→ack p99 ${r.producer.ackP99.toFixed(2)} ms, loop delay p99 producer ${r.producer.loopDelayP99.toFixed(2)} / consumer ${r.consumer.loopDelayP99.toFixed(2)} ms); ` +
        `kafkajs p50 ${k.p50.toFixed(2)} p99 ${k.p99.toFixed(2)} p99.9 ${k.p999.toFixed(2)} max ${k.max.toFixed(1)} ms (loop delay p99 ${kjs.stall.at(-1)!.toFixed(2)} ms); ` +
        `raw server send→ack floor p99 ${f.p99.toFixed(2)} ms`,
    );
  }
  const rawRef = (v: number[]): { name: string; value: ReturnType<typeof summarize> } => ({ name: 'raw server send→ack', value: summarize(v) });
  const goal = { name: 'goal', value: summarize([5]) };
  const rate = RATE.toLocaleString('en-US');
  const rawCommand = `bench/latency/producer.ts (Produce v7 acks=1 every 1 ms, ${rate} rec/s, ${ctx.seconds} s after ${WARMUP_SECONDS} s warm-up) → bench/latency/consumer.ts (Fetch v11 long poll), separate processes, hrtime in the key`;
  const kjsCommand = `kafkajs send every 1 ms at ${rate} rec/s for ${ctx.seconds} s → long-poll fetch, same process`;
  const section = '3 latency';
  return [
    ratioRow({
      section,
      name: 'produce→consume p99 (protocol clients, 2 processes)',
      unit: 'ms',
      value: summarize(raw.p99),
      reference: goal,
      goal: '≤ 5 ms (≤ 1.0×)',
      atMost: 1,
      command: rawCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume p50 (protocol clients)',
      unit: 'ms',
      value: summarize(raw.p50),
      reference: rawRef(floor.p50),
      goal: 'informational',
      command: rawCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume p99 (protocol clients)',
      unit: 'ms',
      value: summarize(raw.p99),
      reference: rawRef(floor.p99),
      goal: 'informational',
      command: rawCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume p99.9 (protocol clients)',
      unit: 'ms',
      value: summarize(raw.p999),
      reference: rawRef(floor.p999),
      goal: 'informational',
      command: rawCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume max (protocol clients)',
      unit: 'ms',
      value: summarize(raw.max),
      reference: goal,
      goal: 'informational',
      command: rawCommand,
    }),
    ratioRow({
      section,
      name: 'producer / consumer process event-loop delay p99',
      unit: 'ms',
      value: summarize(raw.producerStall.map((v, i) => Math.max(v, raw.consumerStall[i]!))),
      reference: goal,
      goal: 'informational',
      command: 'monitorEventLoopDelay in each client process (the larger of the two)',
    }),
    ratioRow({
      section,
      name: 'produce→consume p50 (kafkajs, one process)',
      unit: 'ms',
      value: summarize(kjs.p50),
      reference: rawRef(floor.p50),
      goal: 'informational',
      command: kjsCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume p99 (kafkajs, one process)',
      unit: 'ms',
      value: summarize(kjs.p99),
      reference: goal,
      goal: 'informational',
      command: kjsCommand,
    }),
    ratioRow({
      section,
      name: 'produce→consume p99.9 (kafkajs, one process)',
      unit: 'ms',
      value: summarize(kjs.p999),
      reference: rawRef(floor.p999),
      goal: 'informational',
      command: kjsCommand,
    }),
    ratioRow({
      section,
      name: 'client (kafkajs) event-loop delay p99',
      unit: 'ms',
      value: summarize(kjs.stall),
      reference: goal,
      goal: 'informational',
      command: 'monitorEventLoopDelay in the bench process during the kafkajs run',
    }),
  ];
}
