import 'server-only';
import { readFileSync } from 'node:fs';
import { userPath } from './user-path';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ApiError } from '../api-error';
import type { ClusterRef } from '../dto';
import { defaultRegistry, registryFileSchema, registryFromEnv, registryFromFile, type RegistrySettings } from './schema-registry/config';
import { ConfigError, describeSecurity, interpolateEnv, parseProperties, securityFromProperties, type ClusterSecurity } from './kafka-properties';

/**
 * Which clusters the console shows, in this order:
 *   1. KAFKA_BROKERCONNECT (Kafdrop's name; `npm start` sets it to the embedded broker),
 *      named by KAYAK_CLUSTER_NAME or "default";
 *   2. the list in KAYAK_CLUSTERS_FILE (JSON or YAML: [{ name, brokers, properties?, propertiesFile? }]);
 *   3. numbered variables KAYAK_CLUSTER_<N>_NAME / KAYAK_CLUSTER_<N>_BROKERS.
 * With none of them set, the console looks for a broker on 127.0.0.1:9092.
 *
 * TLS and SASL come from Kafka client properties (see kafka-properties.ts): KAFKA_PROPERTIES_FILE
 * or KAFKA_PROPERTIES (base64, as Kafdrop) for the first cluster, KAYAK_CLUSTER_<N>_PROPERTIES_FILE
 * for numbered ones, `properties`/`propertiesFile` in the clusters file. The settings stay on the
 * server: ClusterRef, which pages and the API show, carries only a secret-free summary.
 */
const fileSchema = z.array(
  z.object({
    name: z.string().min(1),
    id: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{1,64}$/)
      .optional(),
    brokers: z.union([z.string(), z.array(z.string())]),
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    propertiesFile: z.string().optional(),
    schemaRegistry: registryFileSchema.optional(),
  }),
);

interface RawCluster {
  name: string;
  id?: string;
  brokers: string[];
  /** Where the properties came from, for error messages. */
  propsFrom?: string;
  props?: Record<string, string>;
  /** its own schema registry setting: null = none, undefined = the default */
  registry?: RegistrySettings | null;
  /** the cluster `npm start` runs (KAFKA_BROKERCONNECT), which gets the embedded registry */
  bundled?: boolean;
}

function readProperties(path: string, what: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(userPath(path), 'utf8');
  } catch (e) {
    throw new ConfigError(`${what} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseProperties(text);
}

function splitBrokers(value: string | string[]): string[] {
  const list = Array.isArray(value) ? value : value.split(',');
  return list.map((b) => b.trim()).filter(Boolean);
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'cluster'
  );
}

/** Properties for the first cluster: KAFKA_PROPERTIES_FILE, then KAFKA_PROPERTIES (base64) on top. */
function defaultProperties(env: NodeJS.ProcessEnv): Pick<RawCluster, 'props' | 'propsFrom'> {
  let props: Record<string, string> | undefined;
  const from: string[] = [];
  if (env.KAFKA_PROPERTIES_FILE) {
    props = readProperties(env.KAFKA_PROPERTIES_FILE, 'KAFKA_PROPERTIES_FILE');
    from.push(`KAFKA_PROPERTIES_FILE ${env.KAFKA_PROPERTIES_FILE}`);
  }
  if (env.KAFKA_PROPERTIES) {
    props = { ...props, ...parseProperties(Buffer.from(env.KAFKA_PROPERTIES, 'base64').toString('utf8')) };
    from.push('KAFKA_PROPERTIES');
  }
  return props ? { props, propsFrom: from.join(' + ') } : {};
}

function fromFile(env: NodeJS.ProcessEnv, path: string): RawCluster[] {
  let data: unknown;
  try {
    const text = readFileSync(userPath(path), 'utf8');
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(
      `KAYAK_CLUSTERS_FILE ${path}: ${(e as NodeJS.ErrnoException).code ? `cannot read it (${(e as NodeJS.ErrnoException).code})` : 'not valid JSON/YAML'}`,
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success)
    throw new ConfigError(`KAYAK_CLUSTERS_FILE ${path}: expected a list of { name, brokers, properties?, propertiesFile?, schemaRegistry? }`);
  return parsed.data.map((c) => {
    const registry = registryFromFile(c.schemaRegistry, env, `cluster "${c.name}" schemaRegistry in KAYAK_CLUSTERS_FILE`, (p) => resolve(dirname(path), p));
    const raw: RawCluster = { name: c.name, id: c.id, brokers: splitBrokers(c.brokers), registry };
    if (c.propertiesFile) {
      const file = resolve(dirname(path), c.propertiesFile);
      raw.props = readProperties(file, `cluster "${c.name}" propertiesFile`);
      raw.propsFrom = `cluster "${c.name}" in KAYAK_CLUSTERS_FILE`;
    }
    if (c.properties) {
      raw.props = { ...raw.props, ...Object.fromEntries(Object.entries(c.properties).map(([k, v]) => [k, String(v)])) };
      raw.propsFrom = `cluster "${c.name}" in KAYAK_CLUSTERS_FILE`;
    }
    return raw;
  });
}

interface Loaded {
  refs: ClusterRef[];
  security: Map<string, ClusterSecurity>;
  registries: Map<string, RegistrySettings>;
}

function load(env: NodeJS.ProcessEnv): Loaded {
  const raw: RawCluster[] = [];
  if (env.KAFKA_BROKERCONNECT)
    raw.push({ name: env.KAYAK_CLUSTER_NAME || 'default', brokers: splitBrokers(env.KAFKA_BROKERCONNECT), bundled: true, ...defaultProperties(env) });
  if (env.KAYAK_CLUSTERS_FILE) raw.push(...fromFile(env, env.KAYAK_CLUSTERS_FILE));
  const numbered = Object.keys(env)
    .map((k) => /^KAYAK_CLUSTER_(\d+)_BROKERS$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const n of numbered) {
    const c: RawCluster = { name: env[`KAYAK_CLUSTER_${n}_NAME`] || `cluster-${n}`, brokers: splitBrokers(env[`KAYAK_CLUSTER_${n}_BROKERS`] ?? '') };
    const file = env[`KAYAK_CLUSTER_${n}_PROPERTIES_FILE`];
    if (file) Object.assign(c, { props: readProperties(file, `KAYAK_CLUSTER_${n}_PROPERTIES_FILE`), propsFrom: `KAYAK_CLUSTER_${n}_PROPERTIES_FILE ${file}` });
    c.registry = registryFromEnv(env, `KAYAK_CLUSTER_${n}_SCHEMA_REGISTRY`, `KAYAK_CLUSTER_${n}_SCHEMA_REGISTRY`);
    raw.push(c);
  }
  if (raw.length === 0) raw.push({ name: 'local', brokers: ['127.0.0.1:9092'], bundled: true, ...defaultProperties(env) });

  const seen = new Set<string>();
  const security = new Map<string, ClusterSecurity>();
  const registries = new Map<string, RegistrySettings>();
  const fallback = { bundled: defaultRegistry(env, true), other: defaultRegistry(env, false) };
  const refs = raw.map((c): ClusterRef => {
    let id = c.id ?? slug(c.name);
    for (let i = 2; seen.has(id); i++) id = `${slug(c.name)}-${i}`;
    seen.add(id);
    if (c.brokers.length === 0) throw new ConfigError(`Cluster "${c.name}" has no brokers configured`);
    const registry = c.registry !== undefined ? c.registry : c.bundled ? fallback.bundled : fallback.other;
    if (registry) registries.set(id, registry);
    // The registry's address only: its credentials stay on the server.
    const ref: ClusterRef = { id, name: c.name, brokers: c.brokers, ...(registry ? { schemaRegistry: registry.url } : {}) };
    if (!c.props) return ref;
    const where = c.propsFrom ?? `cluster "${c.name}"`;
    const s = securityFromProperties(interpolateEnv(c.props, env, where), where);
    security.set(id, s);
    return { ...ref, security: describeSecurity(s) };
  });
  return { refs, security, registries };
}

let cached: Loaded | undefined;

function loaded(): Loaded {
  try {
    cached ??= load(process.env);
  } catch (e) {
    // A configuration mistake is reported on every request until it is fixed and the console restarted.
    if (e instanceof ConfigError) throw new ApiError('internal', `Console configuration error: ${e.message}`);
    throw e;
  }
  return cached;
}

export function listClusters(): ClusterRef[] {
  return loaded().refs;
}

/** TLS/SASL settings of a cluster, server-side only; PLAINTEXT when none are configured. */
export function clusterSecurity(cluster: ClusterRef): ClusterSecurity {
  return loaded().security.get(cluster.id) ?? { protocol: 'PLAINTEXT' };
}

/** The cluster's schema registry (with credentials), server-side only; null when it has none. */
export function clusterRegistry(cluster: ClusterRef): RegistrySettings | null {
  return loaded().registries.get(cluster.id) ?? null;
}

/** The cluster named by `?cluster=`; the first configured one when absent. */
export function resolveCluster(id: string | null | undefined): ClusterRef {
  const clusters = listClusters();
  if (!id) return clusters[0]!;
  const found = clusters.find((c) => c.id === id);
  if (!found) throw new ApiError('not_found', `Unknown cluster "${id}". Configured: ${clusters.map((c) => c.id).join(', ')}`);
  return found;
}
