/**
 * Item 5 (and the message-reading rows of item 4, messages.ts): fill one partition with N
 * records in four kcat steps, sampling broker RSS after each; read from it through the console;
 * optionally add GBs of 1 KB records; then kill -9 and time restarts, checking every record is
 * still there. `messagesOnly` (`--only messages`) stops after the message rows.
 */
import { join } from 'node:path';
import { unlinkSync } from 'node:fs';
import { benchDir, removeDir, rssBytes, runCommand, startBroker, type BrokerRun } from '../lib/procs.ts';
import { createTopic, endOffset } from '../lib/kafka.ts';
import { writeKcatInput } from '../lib/payload.ts';
import { ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';
import { messageReads } from './messages.ts';

export interface ResourcesContext {
  work: string;
  records: number;
  bulkGb: number;
  /** records of the search topic the message rows fill */
  searchRecords: number;
  runs: number;
  messagesOnly?: boolean;
  log: (msg: string) => void;
}

const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function kcatFill(broker: BrokerRun, topic: string, file: string): Promise<void> {
  const res = await runCommand('kcat', ['-P', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-X', 'request.required.acks=1', '-q'], {
    stdinFile: file,
    timeoutMs: 1_800_000,
  });
  if (res.code !== 0) throw new Error(`kcat -P failed: ${res.stderr}`);
}

async function expectEnd(broker: BrokerRun, topic: string, want: number): Promise<void> {
  const got = await endOffset(broker.bootstrap, topic);
  if (got !== want) throw new Error(`correctness: ${topic} ends at ${got}, expected ${want}`);
}

/** 1 KB values for the multi-GB restart test (fewer, larger records fill the disk faster). */
async function writeBulkInput(dir: string): Promise<{ file: string; records: number }> {
  const records = 100_000;
  const { writeFile } = await import('node:fs/promises');
  const line = Buffer.from('b'.repeat(1000) + '\n');
  const file = join(dir, 'bulk.txt');
  await writeFile(file, Buffer.concat(Array.from({ length: records }, () => line)));
  return { file, records };
}

export async function resources(ctx: ResourcesContext): Promise<Row[]> {
  const dataDir = join(ctx.work, 'big');
  const topic = 'bench-big';
  const rows: Row[] = [];
  const step = Math.ceil(ctx.records / 4);
  const inputDir = benchDir('input');
  let broker = await startBroker({ dataDir });
  try {
    await createTopic(broker.bootstrap, topic);
    const input = await writeKcatInput(inputDir, step);
    const rss: number[] = [];
    for (let i = 1; i <= 4; i++) {
      await kcatFill(broker, topic, input);
      await expectEnd(broker, topic, step * i);
      await sleep(1000);
      rss.push(rssBytes(broker.pid) / MB);
      ctx.log(`filled ${(step * i).toLocaleString('en-US')} records: broker RSS ${rss[rss.length - 1]!.toFixed(0)} MB`);
    }
    unlinkSync(input);
    const total = step * 4;
    const n = total.toLocaleString('en-US');
    rows.push(
      ratioRow({
        section: '5 resources',
        name: `broker RSS after ${n} records`,
        unit: 'MB',
        value: summarize([rss[3]!]),
        reference: { name: 'goal', value: summarize([150]) },
        goal: '≤ 150 MB (≤ 1.0×)',
        atMost: 1,
        command: 'VmRSS from /proc after kcat -P fill',
      }),
      ratioRow({
        section: '5 resources',
        name: `RSS growth ${step.toLocaleString('en-US')} → ${n} records`,
        unit: 'MB',
        value: summarize([rss[3]!]),
        reference: { name: `RSS at ${step.toLocaleString('en-US')}`, value: summarize([rss[0]!]) },
        goal: 'flat (≤ 1.25×)',
        atMost: 1.25,
        command: 'VmRSS after each quarter of the fill',
      }),
    );
    rows.push(...(await messageReads({ broker, topic, records: total, searchRecords: ctx.searchRecords, runs: ctx.runs, log: ctx.log })));
    if (ctx.messagesOnly) return rows;

    let bulkRecords = 0;
    if (ctx.bulkGb > 0) {
      await createTopic(broker.bootstrap, 'bench-bulk');
      const bulk = await writeBulkInput(inputDir);
      const rounds = Math.ceil((ctx.bulkGb * 1024 * MB) / (bulk.records * 1012));
      for (let i = 0; i < rounds; i++) await kcatFill(broker, 'bench-bulk', bulk.file);
      bulkRecords = rounds * bulk.records;
      await expectEnd(broker, 'bench-bulk', bulkRecords);
    }
    const du = await runCommand('du', ['-sm', dataDir], { keepStdout: true });
    const logMb = Number(du.stdout.split(/\s/)[0]);
    ctx.log(`log size ${logMb} MB; kill -9 and restart`);

    const restartMs: number[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      await broker.kill9();
      broker = await startBroker({ dataDir });
      restartMs.push(broker.startMs);
      await expectEnd(broker, topic, total);
      if (bulkRecords > 0) await expectEnd(broker, 'bench-bulk', bulkRecords);
    }
    const emptyMs: number[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      const dir = benchDir('empty');
      const empty = await startBroker({ dataDir: dir });
      emptyMs.push(empty.startMs);
      await empty.stop();
      removeDir(dir);
    }
    rows.push(
      ratioRow({
        section: '5 resources',
        name: `restart after kill -9, ${(logMb / 1024).toFixed(1)} GB log`,
        unit: 'ms',
        value: summarize(restartMs),
        reference: { name: 'goal', value: summarize([2000]) },
        goal: '≤ 2 s (≤ 1.0×)',
        atMost: 1,
        command: 'spawn → "listening" after SIGKILL, then end offsets checked',
      }),
      ratioRow({
        section: '5 resources',
        name: 'restart after kill -9 (vs empty start)',
        unit: 'ms',
        value: summarize(restartMs),
        reference: { name: 'start on empty data dir', value: summarize(emptyMs) },
        goal: 'informational',
        command: 'same restart, node+tsx startup as reference',
      }),
    );
  } finally {
    await broker.stop();
    removeDir(inputDir);
  }
  return rows;
}
