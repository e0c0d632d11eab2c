import 'server-only';
import type { ClusterRef, GroupLagTimeDto, PartitionLagTimeDto } from '../../dto';
import { groupRates, recordLag } from '../lag-sampler';
import { withFreeConsumer } from './free-consumer';
import { describeGroup } from './groups';

/**
 * Lag in time: now minus the timestamp of the next record the group has not consumed (the
 * record at its committed offset), as Burrow and Kafka's own lag exporters define it. Rates come
 * from the lag sampler's recent observations; the estimate is lag / (consume − produce).
 */
function trendOf(lag: bigint, consume: number | null, produce: number | null): { etaSec: number | null; trend: PartitionLagTimeDto['trend'] } {
  if (lag === 0n) return { etaSec: 0, trend: 'caught-up' };
  if (consume === null || produce === null) return { etaSec: null, trend: 'unknown' };
  const net = consume - produce;
  if (net <= 0) return { etaSec: null, trend: 'falling-behind' };
  return { etaSec: Math.ceil(Number(lag) / net), trend: 'catching-up' };
}

/** Timestamps of the records at the given offsets, one Fetch per topic. */
async function nextTimestamps(cluster: ClusterRef, topic: string, at: Map<number, bigint>): Promise<Map<number, bigint>> {
  return withFreeConsumer(cluster, topic, async (c) => {
    const out = new Map<number, bigint>();
    // Only the first record's timestamp is wanted: the rest of each response is never decoded.
    const res = await c.fetchMany(at, { maxBytes: 64 * 1024, maxRecords: 1 });
    for (const [p, r] of res) {
      const first = r.records.find((x) => x.offset >= at.get(p)!);
      if (first) out.set(p, first.timestamp);
    }
    return out;
  });
}

export async function groupLagTime(cluster: ClusterRef, groupId: string, now = Date.now()): Promise<GroupLagTimeDto> {
  const g = await describeGroup(cluster, groupId);
  recordLag(cluster, groupId, g.totalLag, now, g.offsets);
  const rates = groupRates(cluster, groupId);
  const wanted = new Map<string, Map<number, bigint>>();
  for (const r of g.offsets) {
    if (BigInt(r.lag) === 0n) continue;
    const from = r.committedOffset === null ? BigInt(r.logStartOffset) : BigInt(r.committedOffset);
    wanted.set(r.topic, (wanted.get(r.topic) ?? new Map()).set(r.partition, from));
  }
  const stamps = new Map<string, Map<number, bigint>>();
  for (const [topic, at] of wanted) stamps.set(topic, await nextTimestamps(cluster, topic, at).catch(() => new Map()));
  const partitions = g.offsets.map((r): PartitionLagTimeDto => {
    const lag = BigInt(r.lag);
    const ts = stamps.get(r.topic)?.get(r.partition);
    const rate = rates.get(`${r.topic}\u0000${r.partition}`);
    const lagMs = lag === 0n ? 0 : ts === undefined ? null : Math.max(0, now - Number(ts));
    return {
      topic: r.topic,
      partition: r.partition,
      lag: r.lag,
      lagMs,
      consumeRate: rate?.consume ?? null,
      produceRate: rate?.produce ?? null,
      ...trendOf(lag, rate?.consume ?? null, rate?.produce ?? null),
    };
  });
  const known = partitions.map((p) => p.lagMs).filter((v): v is number => v !== null);
  const add = (f: (p: PartitionLagTimeDto) => number | null) =>
    partitions.length > 0 && partitions.every((p) => f(p) !== null) ? partitions.reduce((n, p) => n + f(p)!, 0) : null;
  const consumeRate = add((p) => p.consumeRate);
  const produceRate = add((p) => p.produceRate);
  return {
    groupId,
    state: g.state,
    at: now,
    partitions,
    maxLagMs: known.length ? Math.max(...known) : null,
    consumeRate,
    produceRate,
    ...trendOf(BigInt(g.totalLag), consumeRate, produceRate),
  };
}
