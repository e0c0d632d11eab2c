import 'server-only';
import type { ClusterRef, GroupOffsetDto, LagSampleDto } from '../dto';
import { allGroupOffsets } from './kafka/groups';
import { offsetsOfTopics } from './kafka/topic-offsets';
import { appendSamples, loadSamples, retentionMs, rewrite, type StoredSample } from './lag-store';

/**
 * Samples every group's lag while the console runs, for the lag chart, the consume and produce
 * rates and the catch-up estimate. Sampling starts for a cluster the first time its groups are
 * looked at. Totals are kept on disk (lag-store.ts) across restarts; the per-partition offsets
 * that rates need are kept in memory for the last RECENT_MS only.
 */
const INTERVAL_MS = Number(process.env.KAYAK_LAG_SAMPLE_MS ?? 15_000);
const RECENT_MS = 10 * 60_000;

interface Observation {
  at: number;
  /** "topic\u0000partition" → [committed (or null), log end] */
  rows: Map<string, [bigint | null, bigint]>;
}

interface State {
  /** cluster id → group id → samples, oldest first */
  samples: Map<string, Map<string, StoredSample[]>>;
  clusters: Map<string, ClusterRef>;
  /** cluster\u0000group → recent per-partition observations */
  recent: Map<string, Observation[]>;
  /** cluster\u0000topic → recent log-end offsets per partition (topics shown on a page) */
  topicEnds: Map<string, { at: number; ends: bigint[] }[]>;
  topics: Map<string, Set<string>>;
  timer?: NodeJS.Timeout;
}

const store = globalThis as typeof globalThis & { __kayakLag2?: State };
const state: State = (store.__kayakLag2 ??= { samples: new Map(), clusters: new Map(), recent: new Map(), topicEnds: new Map(), topics: new Map() });

/** Adds a sample to a group's list: one closer than a third of the interval to the last replaces it. */
function addSample(list: StoredSample[], sample: StoredSample): void {
  const last = list.at(-1);
  if (last && sample.at - last.at < INTERVAL_MS / 3) list[list.length - 1] = sample;
  else list.push(sample);
}

function groupsOf(clusterId: string): Map<string, StoredSample[]> {
  let m = state.samples.get(clusterId);
  if (!m) {
    m = new Map();
    // The file holds every sample as recorded, replaced ones too: the same rule rebuilds the
    // same lists, so a restarted console serves exactly what it served before.
    for (const s of loadSamples(clusterId)) {
      const list = m.get(s.g) ?? [];
      addSample(list, s);
      m.set(s.g, list);
    }
    state.samples.set(clusterId, m);
  }
  return m;
}

const sum = (rows: GroupOffsetDto[], f: (r: GroupOffsetDto) => string | null) => rows.reduce((n, r) => n + BigInt(f(r) ?? 0), 0n).toString();

/** Records one sample; samples closer together than a third of the interval replace each other. */
export function recordLag(cluster: ClusterRef, groupId: string, lag: string, at = Date.now(), rows?: GroupOffsetDto[]): void {
  const list = groupsOf(cluster.id).get(groupId) ?? [];
  const sample: StoredSample = {
    g: groupId,
    at,
    lag,
    committed: rows ? sum(rows, (r) => r.committedOffset) : '',
    end: rows ? sum(rows, (r) => r.logEndOffset) : '',
  };
  addSample(list, sample);
  appendSamples(cluster.id, [sample]);
  groupsOf(cluster.id).set(groupId, list);
  if (rows) {
    const k = `${cluster.id}\u0000${groupId}`;
    const obs = (state.recent.get(k) ?? []).filter((o) => o.at >= at - RECENT_MS);
    obs.push({
      at,
      rows: new Map(
        rows.map((r) => [`${r.topic}\u0000${r.partition}`, [r.committedOffset === null ? null : BigInt(r.committedOffset), BigInt(r.logEndOffset)]]),
      ),
    });
    state.recent.set(k, obs);
  }
}

function expire(clusterId: string, now: number): void {
  const groups = groupsOf(clusterId);
  let dropped = 0;
  let total = 0;
  for (const [g, list] of groups) {
    const kept = list.filter((s) => s.at >= now - retentionMs());
    dropped += list.length - kept.length;
    total += list.length;
    if (kept.length === 0) groups.delete(g);
    else groups.set(g, kept);
  }
  // Rewrite the file once a quarter of it has expired, so it stays near the retention's size.
  if (dropped > 0 && dropped * 4 >= total)
    rewrite(
      clusterId,
      [...groups.values()].flat().sort((a, b) => a.at - b.at),
    );
}

async function tick(): Promise<void> {
  const now = Date.now();
  for (const cluster of state.clusters.values()) {
    try {
      for (const g of await allGroupOffsets(cluster))
        recordLag(cluster, g.groupId, g.offsets.reduce((n, r) => n + BigInt(r.lag), 0n).toString(), now, g.offsets);
      for (const topic of state.topics.get(cluster.id) ?? []) await sampleTopic(cluster, topic, now);
      expire(cluster.id, now);
    } catch {
      // an unreachable cluster simply leaves a gap in the chart
    }
  }
}

async function sampleTopic(cluster: ClusterRef, topic: string, at: number): Promise<void> {
  const { bounds } = await offsetsOfTopics(cluster, [topic]);
  const ends: bigint[] = [];
  for (const [p, o] of bounds.get(topic) ?? []) ends[p] = o.high;
  const k = `${cluster.id}\u0000${topic}`;
  const list = (state.topicEnds.get(k) ?? []).filter((o) => o.at >= at - RECENT_MS);
  list.push({ at, ends });
  state.topicEnds.set(k, list);
}

export function watchCluster(cluster: ClusterRef): void {
  state.clusters.set(cluster.id, cluster);
  if (!state.timer) {
    state.timer = setInterval(() => void tick(), INTERVAL_MS);
    state.timer.unref();
  }
}

export const RANGES = { '1h': 3600_000, '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000 } as const;
export type LagRange = keyof typeof RANGES;
const MAX_POINTS = 360;

/** The samples of the range, at most MAX_POINTS: each bucket shows its highest lag, so no spike disappears. */
export function lagHistory(cluster: ClusterRef, groupId: string, range: LagRange = '1h', now = Date.now()): LagSampleDto[] {
  watchCluster(cluster);
  const from = now - RANGES[range];
  const list = (groupsOf(cluster.id).get(groupId) ?? []).filter((s) => s.at >= from);
  if (list.length <= MAX_POINTS) return list.map((s) => ({ at: s.at, lag: s.lag }));
  const width = RANGES[range] / MAX_POINTS;
  const buckets = new Map<number, StoredSample>();
  for (const s of list) {
    const b = Math.floor((s.at - from) / width);
    const cur = buckets.get(b);
    if (!cur || BigInt(s.lag) > BigInt(cur.lag)) buckets.set(b, s);
  }
  return [...buckets.values()].sort((a, b) => a.at - b.at).map((s) => ({ at: s.at, lag: s.lag }));
}

export interface PartitionRates {
  /** records per second over the recent observations; null until two are known */
  consume: number | null;
  produce: number | null;
}

function rate(a: bigint | null | undefined, b: bigint | null | undefined, ms: number): number | null {
  if (a === null || a === undefined || b === null || b === undefined || ms <= 0) return null;
  return Math.max(0, (Number(b - a) * 1000) / ms);
}

/** Consume and produce rates per partition of a group, from the oldest and newest recent observation. */
export function groupRates(cluster: ClusterRef, groupId: string): Map<string, PartitionRates> {
  watchCluster(cluster);
  const obs = state.recent.get(`${cluster.id}\u0000${groupId}`) ?? [];
  const out = new Map<string, PartitionRates>();
  const first = obs[0];
  const last = obs.at(-1);
  if (!first || !last || first === last) return out;
  for (const [k, [c, e]] of last.rows) {
    const before = first.rows.get(k);
    out.set(k, { consume: rate(before?.[0], c, last.at - first.at), produce: rate(before?.[1], e, last.at - first.at) });
  }
  return out;
}

/** Produce rate per partition of a topic over time (records/s between consecutive samples), for sparklines. */
export function topicRates(cluster: ClusterRef, topic: string): { at: number; rates: (number | null)[] }[] {
  watchCluster(cluster);
  const set = state.topics.get(cluster.id) ?? new Set<string>();
  set.add(topic);
  state.topics.set(cluster.id, set);
  const list = state.topicEnds.get(`${cluster.id}\u0000${topic}`) ?? [];
  const out: { at: number; rates: (number | null)[] }[] = [];
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    out.push({ at: b.at, rates: b.ends.map((e, p) => rate(a.ends[p], e, b.at - a.at)) });
  }
  return out;
}

/** Takes a sample of one topic now (the first look at a topic page should not wait a whole interval). */
export async function sampleTopicNow(cluster: ClusterRef, topic: string): Promise<void> {
  const list = state.topicEnds.get(`${cluster.id}\u0000${topic}`);
  if (!list?.length || Date.now() - list.at(-1)!.at >= INTERVAL_MS / 3) await sampleTopic(cluster, topic, Date.now());
}
