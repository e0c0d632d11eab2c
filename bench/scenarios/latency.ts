/**
 * Item 3: produce-to-consume latency at a fixed 10,000 records/s. A kafkajs producer sends the
 * records due every millisecond (acks=1) while a long-polling group-less reader in the same
 * process stamps arrival, so both ends share one clock. Each value carries its sequence number.
 * Reference: the goal (5 ms), since no other system here serves the same consume path.
 */
import { CompressionTypes } from 'kafkajs';
import { createTopic, kafka, openFreeReader } from '../lib/kafka.ts';
import { recordValue } from '../lib/payload.ts';
import type { BrokerRun } from '../lib/procs.ts';
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
    const consuming = reader.read(topic, 0n, total, (m) => {
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

export async function latency(ctx: LatencyContext): Promise<Row[]> {
  const p50: number[] = [];
  const p99: number[] = [];
  const p999: number[] = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const r = await oneRun(ctx, `bench-latency-${run}`);
    p50.push(r.p50);
    p99.push(r.p99);
    p999.push(r.p999);
    ctx.log(`latency run ${run}/${ctx.runs}: p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} p99.9 ${r.p999.toFixed(2)} max ${r.max.toFixed(1)} ms`);
  }
  const goal = { name: 'goal', value: summarize([5]) };
  const command = `kafkajs send every 1 ms at ${RATE.toLocaleString('en-US')} rec/s for ${ctx.seconds} s → long-poll fetch`;
  const section = '3 latency';
  return [
    ratioRow({ section, name: 'produce→consume p50', unit: 'ms', value: summarize(p50), reference: goal, goal: 'informational', command }),
    ratioRow({ section, name: 'produce→consume p99', unit: 'ms', value: summarize(p99), reference: goal, goal: '≤ 5 ms (≤ 1.0×)', atMost: 1, command }),
    ratioRow({ section, name: 'produce→consume p99.9', unit: 'ms', value: summarize(p999), reference: goal, goal: 'informational', command }),
  ];
}
