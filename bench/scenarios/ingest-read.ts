/**
 * Items 1 and 2: ingest N records into the broker with pre-built batches (the broker's own
 * cost), kcat and kafkajs, the same bytes into
 * Redis Streams and into the raw Node append server, then read the kcat topic back with
 * kcat -C -e and with the group-less kafkajs reader. Contestants are interleaved inside each
 * run so machine noise hits all of them alike; every run checks counts.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CompressionTypes } from 'kafkajs';
import { startRawServer } from '../lib/raw-server.ts';
import { benchDir, cpuMs, removeDir, ROOT, runCommand, startRedis, type BrokerRun } from '../lib/procs.ts';
import { createTopic, endOffset, kafka, openFreeReader, withAdmin } from '../lib/kafka.ts';
import { RECORD_BYTES, recordValue } from '../lib/payload.ts';
import { ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

export interface IngestContext {
  broker: BrokerRun;
  records: number;
  runs: number;
  kcatInput: string;
  log: (msg: string) => void;
}

/** Throws when a measurement's count is wrong, so a fast wrong answer fails the run. */
export function check(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`correctness: ${what} gave ${got} records, expected ${want}`);
}

export const rate = (records: number, ms: number): number => records / (ms / 1000);

interface Measured {
  rate: number;
  /** Server-side CPU ms spent per million records (less noisy than wall time on a shared box). */
  cpuPerM: number;
}

async function rawLimit(records: number): Promise<Measured> {
  const dir = benchDir('raw');
  const file = join(dir, 'raw.log');
  const server = await startRawServer(file);
  try {
    const port = server.port;
    const cpu0 = cpuMs(server.child.pid!);
    const client = await runCommand(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'raw', 'raw-client.ts'), String(port), String(records)], {
      keepStdout: true,
      timeoutMs: 300_000,
    });
    const cpu = cpuMs(server.child.pid!) - cpu0;
    const result = JSON.parse(client.stdout) as { acks: number; ms: number };
    check('raw server acks', result.acks, records);
    check('raw server file', statSync(file).size / (4 + RECORD_BYTES), records);
    return { rate: rate(records, result.ms), cpuPerM: (cpu / records) * 1e6 };
  } finally {
    server.stop();
    removeDir(dir);
  }
}

/** redis-benchmark pipelines XADD of the same 100-byte value; XLEN checks the count. */
async function redisStreams(records: number): Promise<number> {
  const dir = benchDir('redis');
  const redis = await startRedis(dir, 'no');
  try {
    const value = recordValue(0).toString();
    const args = ['-h', '127.0.0.1', '-p', String(redis.port), '-n', String(records), '-c', '1', '-P', '1000', '-q', 'XADD', 'bench', '*', 'v', value];
    const res = await runCommand('redis-benchmark', args, { timeoutMs: 300_000 });
    if (res.code !== 0) throw new Error(`redis-benchmark failed: ${res.stderr}`);
    const xlen = await runCommand('redis-cli', ['-h', '127.0.0.1', '-p', String(redis.port), 'XLEN', 'bench'], { keepStdout: true });
    check('redis XLEN', Number(xlen.stdout.trim()), records);
    return rate(records, res.ms);
  } finally {
    await redis.stop();
    removeDir(dir);
  }
}

async function kcatProduce(ctx: IngestContext, topic: string): Promise<Measured> {
  await createTopic(ctx.broker.bootstrap, topic);
  const cpu0 = cpuMs(ctx.broker.pid);
  const res = await runCommand('kcat', ['-P', '-b', ctx.broker.bootstrap, '-t', topic, '-p', '0', '-X', 'request.required.acks=1', '-q'], {
    stdinFile: ctx.kcatInput,
    timeoutMs: 600_000,
  });
  if (res.code !== 0) throw new Error(`kcat -P failed: ${res.stderr}`);
  const cpu = cpuMs(ctx.broker.pid) - cpu0;
  check('kcat -P end offset', await endOffset(ctx.broker.bootstrap, topic), ctx.records);
  return { rate: rate(ctx.records, res.ms), cpuPerM: (cpu / ctx.records) * 1e6 };
}

/** bench/raw/batch-producer.ts: pre-built batches pipelined, so the broker is what is measured. */
async function batchProduce(ctx: IngestContext, topic: string): Promise<Measured> {
  await createTopic(ctx.broker.bootstrap, topic);
  const cpu0 = cpuMs(ctx.broker.pid);
  const client = await runCommand(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'raw', 'batch-producer.ts'), String(ctx.broker.port), topic, String(ctx.records)],
    { keepStdout: true, timeoutMs: 300_000 },
  );
  if (client.code !== 0) throw new Error(`batch producer failed: ${client.stderr}`);
  const cpu = cpuMs(ctx.broker.pid) - cpu0;
  const result = JSON.parse(client.stdout) as { acks: number; ms: number };
  check('batch producer acks', result.acks, ctx.records);
  check('batch producer end offset', await endOffset(ctx.broker.bootstrap, topic), ctx.records);
  return { rate: rate(ctx.records, result.ms), cpuPerM: (cpu / ctx.records) * 1e6 };
}

async function kafkajsProduce(ctx: IngestContext, topic: string): Promise<number> {
  await createTopic(ctx.broker.bootstrap, topic);
  const producer = kafka(ctx.broker.bootstrap).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = Array.from({ length: 1000 }, (_, i) => ({ value: recordValue(i) }));
  try {
    const t0 = performance.now();
    for (let sent = 0; sent < ctx.records; sent += 1000) {
      const batch = sent + 1000 <= ctx.records ? messages : messages.slice(0, ctx.records - sent);
      await producer.send({ topic, acks: 1, compression: CompressionTypes.None, messages: batch });
    }
    const ms = performance.now() - t0;
    check('kafkajs end offset', await endOffset(ctx.broker.bootstrap, topic), ctx.records);
    return rate(ctx.records, ms);
  } finally {
    await producer.disconnect();
  }
}

/**
 * fetch.wait.max.ms=10: -e stops at the first empty fetch, which the broker (like Kafka)
 * long-polls for fetch.wait.max.ms (500 ms by default) — a fixed tail that is not read speed.
 * -f '\n': kcat still decodes every record but prints one byte per record, so piping 100 MB
 * of values into this process (on the same 2 cores) is not what gets measured.
 */
export const KCAT_READ_FLAGS = ['-o', 'beginning', '-e', '-q', '-X', 'fetch.wait.max.ms=10', '-f', '\n'];

async function kcatRead(ctx: IngestContext, topic: string): Promise<Measured> {
  const cpu0 = cpuMs(ctx.broker.pid);
  const res = await runCommand('kcat', ['-C', '-b', ctx.broker.bootstrap, '-t', topic, '-p', '0', ...KCAT_READ_FLAGS], { timeoutMs: 600_000 });
  const cpu = cpuMs(ctx.broker.pid) - cpu0;
  if (res.code !== 0) throw new Error(`kcat -C failed: ${res.stderr}`);
  check('kcat -C -e', res.lines, ctx.records);
  return { rate: rate(ctx.records, res.ms), cpuPerM: (cpu / ctx.records) * 1e6 };
}

async function freeRead(ctx: IngestContext, topic: string): Promise<number> {
  const t0 = performance.now();
  const reader = await openFreeReader(ctx.broker.bootstrap, topic);
  try {
    const { records, bytes } = await reader.read(0n, ctx.records);
    check('free reader', records, ctx.records);
    check('free reader bytes', bytes / RECORD_BYTES, ctx.records);
    return rate(ctx.records, performance.now() - t0);
  } finally {
    await reader.close();
  }
}

export async function ingestAndRead(ctx: IngestContext): Promise<Row[]> {
  const m = {
    raw: [] as number[],
    redis: [] as number[],
    batch: [] as number[],
    kcat: [] as number[],
    kafkajs: [] as number[],
    kcatRead: [] as number[],
    freeRead: [] as number[],
  };
  const cpu = { raw: [] as number[], batch: [] as number[], kcat: [] as number[], kcatRead: [] as number[] };
  const push = (key: 'raw' | 'batch' | 'kcat' | 'kcatRead', r: Measured): void => {
    m[key].push(r.rate);
    cpu[key].push(r.cpuPerM);
  };
  for (let run = 1; run <= ctx.runs; run++) {
    const t = `bench-ingest-kcat-${run}`;
    const tj = `bench-ingest-kafkajs-${run}`;
    const tb = `bench-ingest-batches-${run}`;
    push('raw', await rawLimit(ctx.records));
    push('batch', await batchProduce(ctx, tb));
    m.redis.push(await redisStreams(ctx.records));
    push('kcat', await kcatProduce(ctx, t));
    m.kafkajs.push(await kafkajsProduce(ctx, tj));
    push('kcatRead', await kcatRead(ctx, t));
    m.freeRead.push(await freeRead(ctx, t));
    await withAdmin(ctx.broker.bootstrap, (admin) => admin.deleteTopics({ topics: [t, tj, tb] }));
    const k = (a: number[]): string => `${Math.round(a[a.length - 1]! / 1000)}k`;
    ctx.log(
      `ingest run ${run}/${ctx.runs}: raw ${k(m.raw)}, batches ${k(m.batch)}, redis ${k(m.redis)}, kcat ${k(m.kcat)}, kafkajs ${k(m.kafkajs)}, read kcat ${k(m.kcatRead)}, read free ${k(m.freeRead)} rec/s`,
    );
  }
  const n = ctx.records.toLocaleString('en-US');
  const s = {
    raw: { name: 'raw Node append server', value: summarize(m.raw) },
    redis: { name: 'Redis Streams XADD', value: summarize(m.redis) },
    kcatIngest: { name: 'kcat -P ingest', value: summarize(m.kcat) },
  };
  const unit = 'rec/s';
  const section = '1 ingest';
  const kcatCmd = `kcat -P -X request.required.acks=1 (${n} × 100 B)`;
  const kjsCmd = `kafkajs producer.send 1,000/batch acks=1 (${n} × 100 B)`;
  const batchCmd = `bench/raw/batch-producer.ts: pre-built Produce v7, 1,000 records/batch, 16 in flight, acks=1 (${n} × 100 B)`;
  return [
    ratioRow({
      section,
      name: 'pre-built batches → broker',
      unit,
      value: summarize(m.batch),
      reference: s.raw,
      goal: '≥ 0.5× raw',
      atLeast: 0.5,
      command: batchCmd,
    }),
    ratioRow({
      section,
      name: 'broker CPU per 1M records (batches)',
      unit: 'ms',
      value: summarize(cpu.batch),
      reference: { name: 'raw server CPU per 1M', value: summarize(cpu.raw) },
      goal: 'informational',
      command: 'utime+stime of the server process during ingest',
    }),
    ratioRow({ section, name: 'kcat -P → broker', unit, value: summarize(m.kcat), reference: s.redis, goal: '≥ 1.0× Redis', atLeast: 1, command: kcatCmd }),
    ratioRow({ section, name: 'kcat -P → broker', unit, value: summarize(m.kcat), reference: s.raw, goal: '≥ 0.5× raw', atLeast: 0.5, command: kcatCmd }),
    ratioRow({
      section,
      name: 'broker CPU per 1M records (kcat)',
      unit: 'ms',
      value: summarize(cpu.kcat),
      reference: { name: 'raw server CPU per 1M', value: summarize(cpu.raw) },
      goal: 'informational',
      command: 'utime+stime of the server process during ingest',
    }),
    ratioRow({ section, name: 'kafkajs → broker', unit, value: summarize(m.kafkajs), reference: s.redis, goal: '≥ 1.0× Redis', atLeast: 1, command: kjsCmd }),
    ratioRow({ section, name: 'kafkajs → broker', unit, value: summarize(m.kafkajs), reference: s.raw, goal: '≥ 0.5× raw', atLeast: 0.5, command: kjsCmd }),
    ratioRow({
      section: '2 read',
      name: 'kcat -C -e',
      unit,
      value: summarize(m.kcatRead),
      reference: s.kcatIngest,
      goal: '≥ 2× ingest',
      atLeast: 2,
      command: `kcat -C ${KCAT_READ_FLAGS.join(' ')} (${n})`,
    }),
    ratioRow({
      section: '2 read',
      name: 'broker CPU per 1M read (kcat)',
      unit: 'ms',
      value: summarize(cpu.kcatRead),
      reference: { name: 'broker CPU per 1M ingested (kcat)', value: summarize(cpu.kcat) },
      goal: 'informational',
      command: 'utime+stime of the broker during kcat -C / kcat -P',
    }),
    ratioRow({
      section: '2 read',
      name: 'free reader (kafkajs fetch)',
      unit,
      value: summarize(m.freeRead),
      reference: s.kcatIngest,
      goal: '≥ 2× ingest',
      atLeast: 2,
      command: `kafkajs Cluster + broker.fetch 4 MiB (${n})`,
    }),
  ];
}
