import 'server-only';
import type { ClusterRef, LagSampleDto } from '../dto';
import { listGroups } from './kafka/groups';

/**
 * Samples every group's total lag while the console runs, for the lag chart. Sampling starts for
 * a cluster the first time its groups are looked at and keeps the last MAX_SAMPLES points.
 */
const INTERVAL_MS = Number(process.env.KAYAK_LAG_SAMPLE_MS ?? 15_000);
const MAX_SAMPLES = 480;

interface State {
  samples: Map<string, LagSampleDto[]>;
  clusters: Map<string, ClusterRef>;
  timer?: NodeJS.Timeout;
}

const store = globalThis as typeof globalThis & { __kayakLag?: State };
const state: State = (store.__kayakLag ??= { samples: new Map(), clusters: new Map() });

function key(clusterId: string, groupId: string): string {
  return `${clusterId}\u0000${groupId}`;
}

export function recordLag(cluster: ClusterRef, groupId: string, lag: string, at = Date.now()): void {
  const k = key(cluster.id, groupId);
  const list = state.samples.get(k) ?? [];
  const last = list.at(-1);
  if (last && at - last.at < INTERVAL_MS / 3) list[list.length - 1] = { at, lag };
  else list.push({ at, lag });
  if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
  state.samples.set(k, list);
}

async function tick(): Promise<void> {
  for (const cluster of state.clusters.values()) {
    try {
      for (const g of await listGroups(cluster)) recordLag(cluster, g.groupId, g.totalLag);
    } catch {
      // an unreachable cluster simply leaves a gap in the chart
    }
  }
}

export function watchCluster(cluster: ClusterRef): void {
  state.clusters.set(cluster.id, cluster);
  if (!state.timer) {
    state.timer = setInterval(() => void tick(), INTERVAL_MS);
    state.timer.unref();
  }
}

export function lagHistory(cluster: ClusterRef, groupId: string): LagSampleDto[] {
  watchCluster(cluster);
  return state.samples.get(key(cluster.id, groupId)) ?? [];
}
