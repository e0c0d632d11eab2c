import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { JobSpec, PreviewRecordDto, ReplayPreviewDto } from '../../replay/params';
import { dltHeaderNames, dltOrigin } from './dlt-origin';
import { readBatch, resolveSegments, totalOffsets } from './source';
import { partitionCounts } from './targets';
import { clusterRegistry } from '../clusters';
import { decodeBytes } from '../messages/decode';
import type { RenderOptions } from '../messages/to-dto';
import { isSkip, REPLAY_HEADER, toPreview, transform, type OutRecord, type TargetInfo } from './transform';

/**
 * The dry run: reads the selection as the job would, transforms every record and counts what
 * would be produced where, without producing anything. It shows the first `show` records and
 * stops counting at a budget of records or seconds (the count is then marked inexact).
 */
const BUDGET_RECORDS = 100_000;
const BUDGET_MS = 10_000;

export async function previewJob(cluster: ClusterRef, spec: JobSpec, render?: RenderOptions, show = 10): Promise<ReplayPreviewDto> {
  if (spec.mode === 'replay') {
    const target = spec.targetTopic ?? spec.topic;
    const counts = new Map<string, number>();
    await partitionCounts(cluster, [target], counts);
    if (!counts.has(target)) throw new ApiError('not_found', `Target topic "${target}" does not exist`);
  }
  const segments = await resolveSegments(cluster, spec.topic, spec.selection, spec.isolation);
  const names = dltHeaderNames(spec.dltHeaders);
  const targets: TargetInfo = { partitions: new Map(), roundRobin: {} };
  const shown: OutRecord[] = [];
  const perTarget: Record<string, number> = {};
  const started = Date.now();
  let cursor = { segment: 0, offset: BigInt(segments[0]!.from) };
  let count = 0;
  let skipped = 0;
  let read = 0;
  let exact = true;
  for (;;) {
    const batch = await readBatch(cluster, spec.topic, segments, cursor, 500, spec.isolation);
    const wanted =
      spec.mode === 'redrive' ? batch.records.map((r) => dltOrigin(r.headers, names)?.topic).filter((t): t is string => !!t) : [spec.targetTopic ?? spec.topic];
    await partitionCounts(cluster, [...new Set(wanted)], targets.partitions);
    for (const r of batch.records) {
      const o = transform('preview', spec, r, targets);
      if (isSkip(o)) {
        skipped++;
        continue;
      }
      count++;
      perTarget[o.topic] = (perTarget[o.topic] ?? 0) + 1;
      if (shown.length < show) shown.push(o);
    }
    read += batch.records.length;
    cursor = batch.next;
    if (batch.done) break;
    if (read >= BUDGET_RECORDS || Date.now() - started >= BUDGET_MS) {
      exact = false;
      break;
    }
  }
  // The preview's own tag is not what the job will write: show the header without its value.
  for (const o of shown)
    o.headers = o.headers.map((h) =>
      h.key === REPLAY_HEADER ? { ...h, value: Buffer.from('<job id>' + h.value.toString('utf8').slice('preview'.length)) } : h,
    );
  const records: PreviewRecordDto[] = await Promise.all(
    shown.map(async (o) => ({ ...toPreview(o), decoded: await decodeOut(o, render ?? autoRender(cluster)) })),
  );
  return { records, count, skipped, exact, targets: perTarget, offsets: totalOffsets(segments).toString() };
}

/** Previews show the start of long values, as the message view's cards do. */
const PREVIEW_CHARS = 2_000;

function autoRender(cluster: ClusterRef): RenderOptions {
  return { keyFormat: 'auto', valueFormat: 'auto', registry: clusterRegistry(cluster), maxChars: PREVIEW_CHARS };
}

/** The record as it would be produced, decoded as the message view decodes the source topic. */
async function decodeOut(o: OutRecord, r: RenderOptions): Promise<NonNullable<PreviewRecordDto['decoded']>> {
  const maxChars = Math.min(r.maxChars || PREVIEW_CHARS, PREVIEW_CHARS);
  const [key, value, headers] = await Promise.all([
    decodeBytes(o.key, { format: r.keyFormat, protoType: r.keyProtoType, avroSchema: r.keyAvroSchema, registry: r.registry, maxChars }),
    decodeBytes(o.value, { format: r.valueFormat, protoType: r.valueProtoType, avroSchema: r.valueAvroSchema, registry: r.registry, maxChars }),
    Promise.all(o.headers.map(async (h) => ({ key: h.key, value: await decodeBytes(h.value, { format: 'auto', maxChars }) }))),
  ]);
  return { key, value, headers };
}
