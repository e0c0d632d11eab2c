import 'server-only';
import type { ClusterRef } from '../../dto';
import { namedTopics } from '../kafka/cluster-metadata';
import { withPooledCluster } from '../kafka/kafkajs-pool';
import { withFreeConsumer } from '../kafka/free-consumer';
import { readRange } from '../messages/reader';
import { REPLAY_HEADER } from './transform';

/** Partition counts of the topics a batch writes to; topics that do not exist are left out. */
export async function partitionCounts(cluster: ClusterRef, topics: string[], into: Map<string, number>): Promise<void> {
  const wanted = topics.filter((t) => !into.has(t));
  if (wanted.length === 0) return;
  for (const t of (await withPooledCluster(cluster, (c) => namedTopics(c, wanted))).values()) into.set(t.name, t.partitions.length);
}

/** The high watermark of each partition a batch is about to write to. */
export async function endOffsets(cluster: ClusterRef, where: Map<string, Set<number>>): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [topic, parts] of where) {
    out[topic] = await withFreeConsumer(cluster, topic, async (c) => {
      const ends: Record<string, string> = {};
      for (const p of parts) ends[String(p)] = (await c.highWatermark(p)).toString();
      return ends;
    });
  }
  return out;
}

/** Records a resume reads past a batch's recorded ends before it gives up looking. */
const RECOVERY_SCAN = 200_000;

/**
 * The tags of records this job already wrote after the recorded ends: the batch that was in
 * flight when the console stopped. Read uncommitted so another producer's open transaction
 * does not hide them.
 */
export async function writtenTags(cluster: ClusterRef, jobId: string, ends: Record<string, Record<string, string>>): Promise<Set<string>> {
  const tags = new Set<string>();
  const prefix = `${jobId}/`;
  for (const [topic, parts] of Object.entries(ends)) {
    await withFreeConsumer(
      cluster,
      topic,
      async (c) => {
        for (const [p, from] of Object.entries(parts)) {
          const high = await c.highWatermark(Number(p));
          const read = await readRange(c, Number(p), BigInt(from), RECOVERY_SCAN, high);
          for (const r of read.records) {
            for (const h of r.headers) {
              const v = h.key === REPLAY_HEADER ? h.value?.toString('utf8') : undefined;
              if (v?.startsWith(prefix)) tags.add(v);
            }
          }
        }
      },
      'read_uncommitted',
    );
  }
  return tags;
}
