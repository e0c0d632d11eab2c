import 'server-only';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ApiError } from '../api-error';
import type { ClusterRef } from '../dto';

/**
 * Which clusters the console shows, in this order:
 *   1. KAFKA_BROKERCONNECT (Kafdrop's name; `npm start` sets it to the embedded broker),
 *      named by KAYAK_CLUSTER_NAME or "default";
 *   2. the list in KAYAK_CLUSTERS_FILE (JSON or YAML: [{ name, brokers }]);
 *   3. numbered variables KAYAK_CLUSTER_<N>_NAME / KAYAK_CLUSTER_<N>_BROKERS.
 * With none of them set, the console looks for a broker on 127.0.0.1:9092.
 */
const fileSchema = z.array(
  z.object({
    name: z.string().min(1),
    id: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/).optional(),
    brokers: z.union([z.string(), z.array(z.string())]),
  }),
);

function splitBrokers(value: string | string[]): string[] {
  const list = Array.isArray(value) ? value : value.split(',');
  return list.map((b) => b.trim()).filter(Boolean);
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'cluster';
}

function load(env: NodeJS.ProcessEnv): ClusterRef[] {
  const raw: { name: string; id?: string; brokers: string[] }[] = [];
  if (env.KAFKA_BROKERCONNECT) raw.push({ name: env.KAYAK_CLUSTER_NAME || 'default', brokers: splitBrokers(env.KAFKA_BROKERCONNECT) });
  if (env.KAYAK_CLUSTERS_FILE) {
    const text = readFileSync(env.KAYAK_CLUSTERS_FILE, 'utf8');
    const parsed = fileSchema.safeParse(env.KAYAK_CLUSTERS_FILE.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
    if (!parsed.success) throw new Error(`KAYAK_CLUSTERS_FILE ${env.KAYAK_CLUSTERS_FILE}: expected a list of { name, brokers }`);
    for (const c of parsed.data) raw.push({ name: c.name, id: c.id, brokers: splitBrokers(c.brokers) });
  }
  const numbered = Object.keys(env)
    .map((k) => /^KAYAK_CLUSTER_(\d+)_BROKERS$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const n of numbered) raw.push({ name: env[`KAYAK_CLUSTER_${n}_NAME`] || `cluster-${n}`, brokers: splitBrokers(env[`KAYAK_CLUSTER_${n}_BROKERS`] ?? '') });
  if (raw.length === 0) raw.push({ name: 'local', brokers: ['127.0.0.1:9092'] });

  const seen = new Set<string>();
  return raw.map((c) => {
    let id = c.id ?? slug(c.name);
    for (let i = 2; seen.has(id); i++) id = `${slug(c.name)}-${i}`;
    seen.add(id);
    if (c.brokers.length === 0) throw new Error(`Cluster "${c.name}" has no brokers configured`);
    return { id, name: c.name, brokers: c.brokers };
  });
}

let cached: ClusterRef[] | undefined;

export function listClusters(): ClusterRef[] {
  cached ??= load(process.env);
  return cached;
}

/** The cluster named by `?cluster=`; the first configured one when absent. */
export function resolveCluster(id: string | null | undefined): ClusterRef {
  const clusters = listClusters();
  if (!id) return clusters[0]!;
  const found = clusters.find((c) => c.id === id);
  if (!found) throw new ApiError('not_found', `Unknown cluster "${id}". Configured: ${clusters.map((c) => c.id).join(', ')}`);
  return found;
}
