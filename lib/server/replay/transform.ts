import 'server-only';
import type { DltOriginDto, HeaderEdit, JobSpec, PreviewRecordDto } from '../../replay/params';
import type { RawRecord } from '../kafka/free-consumer';
import { partitionForKey } from '../kafka/key-partition';
import { encodeAs } from '../messages/produce';
import { dltHeaderNames, dltOrigin, isDltHeader } from './dlt-origin';

/**
 * What one source record becomes: its target topic and partition, key, value and headers. The
 * partition is always chosen here, never by the producer, so a resume knows where a batch went.
 *
 * Every produced record carries REPLAY_HEADER = "<job id>/<source partition>/<source offset>":
 * after a crash between "sent" and "saved", resume reads the target partitions for it and does
 * not send those records again.
 */
export const REPLAY_HEADER = 'kayak-replay-source';

export interface OutRecord {
  source: RawRecord;
  topic: string;
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer }[];
  origin: DltOriginDto | null;
  tag: string;
}

export type Skip = { source: RawRecord; reason: string };

export interface TargetInfo {
  /** partition count per target topic (a topic that does not exist is absent) */
  partitions: Map<string, number>;
  /** round-robin position per target topic, advanced as records are placed */
  roundRobin: Record<string, number>;
}

export function tagOf(jobId: string, r: RawRecord): string {
  return `${jobId}/${r.partition}/${r.offset}`;
}

export function transform(jobId: string, spec: JobSpec, r: RawRecord, targets: TargetInfo): OutRecord | Skip {
  const names = dltHeaderNames(spec.dltHeaders);
  const origin = spec.mode === 'redrive' ? dltOrigin(r.headers, names) : null;
  let topic: string;
  if (spec.mode === 'redrive') {
    if (!origin?.topic) return { source: r, reason: `no ${names.topic} header` };
    topic = origin.topic;
  } else topic = spec.targetTopic ?? spec.topic;
  const count = targets.partitions.get(topic);
  if (count === undefined) return { source: r, reason: `topic "${topic}" does not exist` };

  const e = spec.edit;
  const key = e.key === undefined ? r.key : e.key === null ? null : encodeAs(e.keyFormat, e.key, 'Key');
  const value = e.value === undefined ? r.value : e.value === null ? null : encodeAs(e.valueFormat, e.value, 'Value');
  const base = e.headers
    ? e.headers.map((h) => ({ key: h.key, value: Buffer.from(h.value, 'utf8') }))
    : r.headers
        .filter((h) => h.key !== REPLAY_HEADER && !(spec.mode === 'redrive' && !spec.keepDltHeaders && isDltHeader(h.key, names)))
        .map((h) => ({ key: h.key, value: h.value ?? Buffer.alloc(0) }));
  const kept = applyHeaderEdits(base, e.headerEdits ?? []).filter((h) => h.key !== REPLAY_HEADER);
  const tag = tagOf(jobId, r);

  let partition: number;
  // A redrive's "same partition" is the origin's; without that header the key decides.
  const same = spec.mode === 'redrive' ? (origin?.partition ?? null) : r.partition;
  if (spec.partitioning === 'same' && same !== null) {
    partition = same;
    if (partition >= count) return { source: r, reason: `topic "${topic}" has no partition ${partition} (it has ${count})` };
  } else if (spec.partitioning !== 'round-robin' && key !== null) {
    // Java-compatible murmur2 placement, as the application's own producer would do it.
    partition = partitionForKey(topic, key, count);
  } else {
    // round robin, and records without a key under "by key" (as Kafka's producer spreads them)
    const next = targets.roundRobin[topic] ?? 0;
    partition = next % count;
    targets.roundRobin[topic] = (next + 1) % count;
  }
  return { source: r, topic, partition, key, value, headers: [...kept, { key: REPLAY_HEADER, value: Buffer.from(tag) }], origin, tag };
}

type OutHeader = OutRecord['headers'][number];

/** set: replaces every header of that name where the first one was (or appends); add: appends; remove: drops them all. */
export function applyHeaderEdits(headers: OutHeader[], edits: HeaderEdit[]): OutHeader[] {
  let out = headers;
  for (const e of edits) {
    if (e.op === 'remove') out = out.filter((h) => h.key !== e.key);
    else if (e.op === 'add') out = [...out, { key: e.key, value: Buffer.from(e.value ?? '', 'utf8') }];
    else {
      const at = out.findIndex((h) => h.key === e.key);
      const one = { key: e.key, value: Buffer.from(e.value ?? '', 'utf8') };
      out = at < 0 ? [...out, one] : out.flatMap((h, i) => (i === at ? [one] : h.key === e.key ? [] : [h]));
    }
  }
  return out;
}

export function isSkip(x: OutRecord | Skip): x is Skip {
  return 'reason' in x;
}

const show = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));

export function toPreview(o: OutRecord): PreviewRecordDto {
  return {
    source: { partition: o.source.partition, offset: o.source.offset.toString() },
    topic: o.topic,
    partition: o.partition,
    key: show(o.key),
    value: show(o.value),
    headers: o.headers.map((h) => ({ key: h.key, value: h.value.toString('utf8') })),
    ...(o.origin ? { origin: o.origin } : {}),
  };
}
