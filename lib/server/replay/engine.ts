import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { JobSpec, ReplayJobDto } from '../../replay/params';
import { kafkaFor } from '../kafka/admin';
import { PRODUCE_RETRY } from '../messages/produce';
import { toApiError } from '../kafka/errors';
import { listJobs, loadJob, saveJob, type StoredJob } from './job-store';
import { readBatch, resolveSegments, totalOffsets } from './source';
import { endOffsets, partitionCounts, writtenTags } from './targets';
import { isSkip, transform, type OutRecord, type TargetInfo } from './transform';
import { dltHeaderNames, dltOrigin } from './dlt-origin';

/**
 * The one engine behind replay and dead-letter redrive. A job reads its selection in batches,
 * turns each record into its output (transform.ts), sends the batch and saves the cursor; the
 * saved cursor is where cancel stops and resume continues. Jobs run in the console process,
 * independent of the browser that started them.
 */
const BATCH = 200;

interface Active {
  job: StoredJob;
  abort: AbortController;
  listeners: Set<(job: ReplayJobDto, ended: boolean) => void>;
}
const store = globalThis as typeof globalThis & { __kayakReplay?: Map<string, Active> };
const active = (store.__kayakReplay ??= new Map<string, Active>());

/** What the API shows: a job the file says is running but no process runs was interrupted (console restart). */
export function toDto(job: StoredJob): ReplayJobDto {
  const { pending: _p, roundRobin: _r, segments: _s, ...dto } = job;
  const running = job.state === 'running' || job.state === 'cancelling';
  return running && !active.has(job.id) ? { ...dto, state: 'interrupted' } : dto;
}

function emit(a: Active, ended = false): void {
  const dto = toDto(a.job);
  for (const l of a.listeners) l(dto, ended);
}

export async function createJob(cluster: ClusterRef, spec: JobSpec, user: string): Promise<ReplayJobDto> {
  if (spec.mode === 'replay') {
    const counts = new Map<string, number>();
    const target = spec.targetTopic ?? spec.topic;
    await partitionCounts(cluster, [target], counts);
    if (!counts.has(target)) throw new ApiError('not_found', `Target topic "${target}" does not exist`);
  }
  const segments = await resolveSegments(cluster, spec.topic, spec.selection, spec.isolation);
  const now = new Date().toISOString();
  const job: StoredJob = {
    id: randomUUID(),
    cluster: cluster.id,
    spec,
    state: 'running',
    offsets: totalOffsets(segments).toString(),
    produced: 0,
    skipped: 0,
    recovered: 0,
    idempotent: false,
    cursor: { segment: 0, offset: segments[0]!.from },
    createdAt: now,
    updatedAt: now,
    createdBy: user,
    segments,
    roundRobin: {},
  };
  await saveJob(job);
  start(cluster, job);
  return toDto(job);
}

export async function getJob(id: string): Promise<StoredJob> {
  const a = active.get(id);
  if (a) return a.job;
  const job = await loadJob(id);
  if (!job) throw new ApiError('not_found', `Job ${id} does not exist`);
  return job;
}

export async function allJobs(clusterId: string): Promise<ReplayJobDto[]> {
  return (await listJobs()).filter((j) => j.cluster === clusterId).map((j) => toDto(active.get(j.id)?.job ?? j));
}

export async function cancelJob(id: string): Promise<ReplayJobDto> {
  const a = active.get(id);
  if (!a) {
    const job = await getJob(id);
    throw new ApiError('conflict', `Job ${id} is not running (it is ${toDto(job).state})`);
  }
  a.job.state = 'cancelling';
  a.abort.abort();
  emit(a);
  return toDto(a.job);
}

export async function resumeJob(cluster: ClusterRef, id: string): Promise<ReplayJobDto> {
  if (active.has(id)) throw new ApiError('conflict', `Job ${id} is already running`);
  const job = await getJob(id);
  if (job.cluster !== cluster.id) throw new ApiError('not_found', `Job ${id} belongs to cluster "${job.cluster}"`);
  if (job.state === 'done') throw new ApiError('conflict', `Job ${id} is done: every record was produced`);
  job.state = 'running';
  delete job.error;
  await saveJob(job);
  start(cluster, job);
  return toDto(job);
}

/**
 * Calls `fn` with every change of a running job, the last time with `ended`; returns the
 * unsubscribe function, or null when the job is not running.
 */
export function watchJob(id: string, fn: (job: ReplayJobDto, ended: boolean) => void): (() => void) | null {
  const a = active.get(id);
  if (!a) return null;
  a.listeners.add(fn);
  return () => a.listeners.delete(fn);
}

function start(cluster: ClusterRef, job: StoredJob): void {
  const a: Active = { job, abort: new AbortController(), listeners: new Set() };
  active.set(job.id, a);
  void run(cluster, a).finally(() => {
    active.delete(job.id);
    emit(a, true);
  });
}

/**
 * Kafka's idempotent producer: the broker drops a batch it already has when kafkajs retries one,
 * so a retry inside a run never writes twice. A cluster that refuses idempotence (no
 * InitProducerId, or no IdempotentWrite permission) is noticed at the first send, see run().
 */
async function openProducer(cluster: ClusterRef, idempotent: boolean): Promise<{ producer: Producer; idempotent: boolean }> {
  const producer = kafkaFor(cluster).producer(
    idempotent
      ? { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: PRODUCE_RETRY }
      : { allowAutoTopicCreation: false, retry: PRODUCE_RETRY },
  );
  await producer.connect();
  return { producer, idempotent };
}

const UNSUPPORTED_IDEMPOTENCE = /UNSUPPORTED_VERSION|CLUSTER_AUTHORIZATION_FAILED|TRANSACTIONAL_ID_AUTHORIZATION|not support/i;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function send(p: Producer, outs: OutRecord[]): Promise<void> {
  const byTopic = new Map<string, OutRecord[]>();
  for (const o of outs) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
  await p.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, list]) => ({
      topic,
      messages: list.map((o) => ({ key: o.key, value: o.value, partition: o.partition, headers: Object.fromEntries(groupHeaders(o.headers)) })),
    })),
  });
}

/** kafkajs takes headers as an object; repeated keys become arrays, which it writes in order. */
function groupHeaders(headers: OutRecord['headers']): [string, Buffer[]][] {
  const m = new Map<string, Buffer[]>();
  for (const h of headers) m.set(h.key, [...(m.get(h.key) ?? []), h.value]);
  return [...m];
}

async function run(cluster: ClusterRef, a: Active): Promise<void> {
  const { job } = a;
  const spec = job.spec;
  const signal = a.abort.signal;
  let opened: { producer: Producer; idempotent: boolean } | undefined;
  const save = async () => {
    job.updatedAt = new Date().toISOString();
    await saveJob(job);
    emit(a);
  };
  try {
    opened = await openProducer(cluster, true);
    job.idempotent = opened.idempotent;
    // The batch in flight when the console last stopped: what of it reached the cluster is not sent again.
    const already = job.pending ? await writtenTags(cluster, job.id, job.pending.ends) : new Set<string>();
    const targets: TargetInfo = { partitions: new Map(), roundRobin: job.roundRobin };
    const names = dltHeaderNames(spec.dltHeaders);
    const started = Date.now();
    let sent = 0;
    const max = Math.min(BATCH, spec.ratePerSec ?? BATCH);
    for (;;) {
      if (signal.aborted) {
        job.state = 'cancelled';
        break;
      }
      const cursor = { segment: job.cursor.segment, offset: BigInt(job.cursor.offset) };
      const batch = await readBatch(cluster, spec.topic, job.segments, cursor, max, spec.isolation);
      const wanted =
        spec.mode === 'redrive'
          ? batch.records.map((r) => dltOrigin(r.headers, names)?.topic).filter((t): t is string => !!t)
          : [spec.targetTopic ?? spec.topic];
      await partitionCounts(cluster, [...new Set(wanted)], targets.partitions);
      const outs: OutRecord[] = [];
      for (const r of batch.records) {
        const o = transform(job.id, spec, r, targets);
        if (isSkip(o)) job.skipped++;
        else if (already.has(o.tag)) job.recovered++;
        else outs.push(o);
      }
      if (outs.length > 0) {
        const where = new Map<string, Set<number>>();
        for (const o of outs) where.set(o.topic, (where.get(o.topic) ?? new Set()).add(o.partition));
        job.pending = { ends: await endOffsets(cluster, where) };
        await saveJob(job);
        try {
          await send(opened.producer, outs);
        } catch (e) {
          if (!opened.idempotent || !UNSUPPORTED_IDEMPOTENCE.test(String((e as Error).message) + String((e as { type?: string }).type))) throw e;
          // The cluster refused idempotence (no InitProducerId, or no IdempotentWrite ACL): plain producer.
          await opened.producer.disconnect().catch(() => undefined);
          opened = await openProducer(cluster, false);
          job.idempotent = false;
          await send(opened.producer, outs);
        }
        job.produced += outs.length;
        sent += outs.length;
      }
      job.cursor = { segment: batch.next.segment, offset: batch.next.offset.toString() };
      delete job.pending;
      if (batch.done) {
        job.state = 'done';
        break;
      }
      await save();
      if (spec.ratePerSec) {
        const wait = (sent / spec.ratePerSec) * 1000 - (Date.now() - started);
        if (wait > 0) await sleep(wait, signal);
      }
    }
  } catch (e) {
    job.state = 'failed';
    job.error = toApiError(e, cluster).message;
  } finally {
    await opened?.producer.disconnect().catch(() => undefined);
    await save().catch((e: unknown) => console.error(`[kayak] replay job ${job.id}: cannot save its state`, e));
  }
}
