/**
 * Issue 12's exactly-once measurements, each against a same-run plain reference: kcat
 * idempotent ingest vs plain kcat ingest (both acks=all), kafkajs transactional ingest in
 * 1,000-record transactions vs plain kafkajs sends of 1,000 (acks=-1), and a kcat
 * read_committed full read vs read_uncommitted of the transactional topic.
 */
import { CompressionTypes } from 'kafkajs';
import { runCommand, type BrokerRun } from '../lib/procs.ts';
import { createTopic, endOffset, kafka, withAdmin } from '../lib/kafka.ts';
import { recordValue } from '../lib/payload.ts';
import { ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';
import { KCAT_READ_FLAGS, check, rate } from './ingest-read.ts';

export interface EosContext {
  broker: BrokerRun;
  records: number;
  runs: number;
  kcatInput: string;
  log: (msg: string) => void;
}

async function kcatIngest(ctx: EosContext, topic: string, idempotent: boolean): Promise<number> {
  await createTopic(ctx.broker.bootstrap, topic);
  const args = ['-P', '-b', ctx.broker.bootstrap, '-t', topic, '-p', '0', '-X', 'request.required.acks=all', '-X', `enable.idempotence=${idempotent}`, '-q'];
  const res = await runCommand('kcat', args, { stdinFile: ctx.kcatInput, timeoutMs: 600_000 });
  if (res.code !== 0) throw new Error(`kcat -P failed: ${res.stderr}`);
  check(`kcat -P idempotence=${idempotent}`, await endOffset(ctx.broker.bootstrap, topic), ctx.records);
  return rate(ctx.records, res.ms);
}

async function kafkajsIngest(ctx: EosContext, topic: string, transactional: boolean): Promise<number> {
  await createTopic(ctx.broker.bootstrap, topic);
  const producer = transactional
    ? kafka(ctx.broker.bootstrap).producer({ transactionalId: `bench-${topic}`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
    : kafka(ctx.broker.bootstrap).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = Array.from({ length: 1000 }, (_, i) => ({ value: recordValue(i) }));
  try {
    const t0 = performance.now();
    for (let sent = 0; sent < ctx.records; sent += 1000) {
      const batch = sent + 1000 <= ctx.records ? messages : messages.slice(0, ctx.records - sent);
      if (transactional) {
        const txn = await producer.transaction();
        await txn.send({ topic, acks: -1, compression: CompressionTypes.None, messages: batch });
        await txn.commit();
      } else {
        await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: batch });
      }
    }
    const ms = performance.now() - t0;
    // Each transaction adds one COMMIT marker offset.
    check(
      `kafkajs transactional=${transactional}`,
      await endOffset(ctx.broker.bootstrap, topic),
      ctx.records + (transactional ? Math.ceil(ctx.records / 1000) : 0),
    );
    return rate(ctx.records, ms);
  } finally {
    await producer.disconnect();
  }
}

async function kcatRead(ctx: EosContext, topic: string, isolation: string): Promise<number> {
  const res = await runCommand('kcat', ['-C', '-b', ctx.broker.bootstrap, '-t', topic, '-p', '0', '-X', `isolation.level=${isolation}`, ...KCAT_READ_FLAGS], {
    timeoutMs: 600_000,
  });
  if (res.code !== 0) throw new Error(`kcat -C failed: ${res.stderr}`);
  check(`kcat -C ${isolation}`, res.lines, ctx.records);
  return rate(ctx.records, res.ms);
}

export async function exactlyOnce(ctx: EosContext): Promise<Row[]> {
  const m = {
    plain: [] as number[],
    idem: [] as number[],
    kjsPlain: [] as number[],
    kjsTxn: [] as number[],
    uncommitted: [] as number[],
    committed: [] as number[],
  };
  for (let run = 1; run <= ctx.runs; run++) {
    const topics = [`bench-eos-plain-${run}`, `bench-eos-idem-${run}`, `bench-eos-kjs-${run}`, `bench-eos-txn-${run}`];
    m.plain.push(await kcatIngest(ctx, topics[0]!, false));
    m.idem.push(await kcatIngest(ctx, topics[1]!, true));
    m.kjsPlain.push(await kafkajsIngest(ctx, topics[2]!, false));
    m.kjsTxn.push(await kafkajsIngest(ctx, topics[3]!, true));
    m.uncommitted.push(await kcatRead(ctx, topics[3]!, 'read_uncommitted'));
    m.committed.push(await kcatRead(ctx, topics[3]!, 'read_committed'));
    await withAdmin(ctx.broker.bootstrap, (admin) => admin.deleteTopics({ topics }));
    const k = (a: number[]): string => `${Math.round(a[a.length - 1]! / 1000)}k`;
    ctx.log(
      `exactly-once run ${run}/${ctx.runs}: kcat ${k(m.plain)} / idempotent ${k(m.idem)}, kafkajs ${k(m.kjsPlain)} / transactional ${k(m.kjsTxn)}, read uncommitted ${k(m.uncommitted)} / committed ${k(m.committed)} rec/s`,
    );
  }
  const n = ctx.records.toLocaleString('en-US');
  const unit = 'rec/s';
  const section = '7 exactly-once';
  return [
    ratioRow({
      section,
      name: 'kcat idempotent ingest',
      unit,
      value: summarize(m.idem),
      reference: { name: 'kcat plain ingest (acks=all)', value: summarize(m.plain) },
      goal: '≥ 0.9× plain',
      atLeast: 0.9,
      command: `kcat -P -X enable.idempotence=true (${n} × 100 B)`,
    }),
    ratioRow({
      section,
      name: 'kafkajs transactional ingest, 1,000 per transaction',
      unit,
      value: summarize(m.kjsTxn),
      reference: { name: 'kafkajs plain send of 1,000 (acks=-1)', value: summarize(m.kjsPlain) },
      goal: '≥ 0.7× plain',
      atLeast: 0.7,
      command: `kafkajs transaction() + send + commit per 1,000 (${n} × 100 B)`,
    }),
    ratioRow({
      section,
      name: 'kcat read_committed full read',
      unit,
      value: summarize(m.committed),
      reference: { name: 'kcat read_uncommitted', value: summarize(m.uncommitted) },
      goal: '≥ 0.9× read_uncommitted',
      atLeast: 0.9,
      command: `kcat -C -X isolation.level=read_committed ${KCAT_READ_FLAGS.join(' ')} (${n}, transactional topic)`,
    }),
  ];
}
