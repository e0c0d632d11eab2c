/**
 * Item 3: produce-to-consume latency at a fixed 10,000 records/s. A kafkajs producer sends the
 * records due every millisecond (acks=1) while a long-polling group-less reader in the same
 * process stamps arrival, so both ends share one clock. Each value carries its sequence number.
 * References: the goal (5 ms), and the same paced send→ack latency through the raw append
 * server at the same time of the run — the machine's own scheduling noise floor.
 */
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { CompressionTypes } from 'kafkajs';
import { createTopic, kafka, openFreeReader } from '../lib/kafka.ts';
import { recordValue } from '../lib/payload.ts';
import { benchDir, removeDir, type BrokerRun } from '../lib/procs.ts';
import { startRawServer } from '../lib/raw-server.ts';
import { ratioRow, type Row } from '../lib/report.ts';
import { sortedPercentile, summarize } from '../lib/stats.ts';

const RATE = 10_000;

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
    const consuming = reader.read(topic, 1n, total, (m) => {
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
  const p50: number[] = [];
  const p99: number[] = [];
  const p999: number[] = [];
  const floor = { p50: [] as number[], p99: [] as number[], p999: [] as number[] };
  // The clients share this process: its own event-loop stalls are part of what is measured.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const clientStall: number[] = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const f = await rawFloor(ctx.seconds);
    floor.p50.push(f.p50);
    floor.p99.push(f.p99);
    floor.p999.push(f.p999);
    loopDelay.reset();
    loopDelay.enable();
    const r = await oneRun(ctx, `bench-latency-${run}`);
    loopDelay.disable();
    clientStall.push(loopDelay.percentile(99) / 1e6);
    p50.push(r.p50);
    p99.push(r.p99);
    p999.push(r.p999);
    ctx.log(`latency run ${run}/${ctx.runs}: p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} p99.9 ${r.p999.toFixed(2)} max ${r.max.toFixed(1)} ms; raw send→ack floor p99 ${f.p99.toFixed(2)} ms; client event-loop delay p99 ${clientStall[clientStall.length - 1]!.toFixed(2)} ms`);
  }
  const rawRef = (v: number[]): { name: string; value: ReturnType<typeof summarize> } => ({ name: 'raw server send→ack', value: summarize(v) });
  const goal = { name: 'goal', value: summarize([5]) };
  const command = `kafkajs send every 1 ms at ${RATE.toLocaleString('en-US')} rec/s for ${ctx.seconds} s → long-poll fetch`;
  const section = '3 latency';
  return [
    ratioRow({ section, name: 'produce→consume p50', unit: 'ms', value: summarize(p50), reference: rawRef(floor.p50), goal: 'informational', command }),
    ratioRow({ section, name: 'produce→consume p99', unit: 'ms', value: summarize(p99), reference: goal, goal: '≤ 5 ms (≤ 1.0×)', atMost: 1, command }),
    ratioRow({ section, name: 'produce→consume p99', unit: 'ms', value: summarize(p99), reference: rawRef(floor.p99), goal: 'informational', command }),
    ratioRow({ section, name: 'client (kafkajs) event-loop delay p99', unit: 'ms', value: summarize(clientStall), reference: goal, goal: 'informational', command: 'monitorEventLoopDelay in the bench process during the run' }),
    ratioRow({ section, name: 'produce→consume p99.9', unit: 'ms', value: summarize(p999), reference: rawRef(floor.p999), goal: 'informational', command }),
  ];
}
