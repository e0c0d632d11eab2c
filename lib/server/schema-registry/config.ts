import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, interpolateEnv } from '../kafka-properties';
import { userPath } from '../user-path';

/**
 * Where each cluster's Confluent-compatible schema registry is, and how to reach it. In order:
 *   1. the cluster's own setting: `schemaRegistry` in KAYAK_CLUSTERS_FILE, or
 *      KAYAK_CLUSTER_<N>_SCHEMA_REGISTRY[_USER|_PASSWORD|_CA_FILE|_INSECURE];
 *   2. KAYAK_SCHEMA_REGISTRY_URL[_USER|…] (the console's first registry setting), for every cluster;
 *   3. the bundled cluster only: the registry served by the embedded broker, whose address
 *      scripts/start.ts passes as KAYAK_EMBEDDED_SCHEMA_REGISTRY_URL.
 * `schemaRegistry: false` (or "none" as a URL) turns the registry off for one cluster.
 */
export interface RegistrySettings {
  url: string;
  user?: string;
  password?: string;
  /** PEM text of the CA(s) to trust for an https registry */
  ca?: string;
  /** skip TLS certificate checks (a self-signed test registry) */
  insecure?: boolean;
}

export const registryFileSchema = z.union([
  z.literal(false),
  z.string(),
  z.object({
    url: z.string().min(1),
    user: z.string().optional(),
    password: z.string().optional(),
    caFile: z.string().optional(),
    insecure: z.boolean().optional(),
  }),
]);
export type RegistryFileEntry = z.infer<typeof registryFileSchema>;

/** Checks the URL; credentials written into it (http://user:pass@host) become basic auth. */
function fromUrl(url: string, where: string): RegistrySettings {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ConfigError(`${where}: "${url}" is not a URL (expected http(s)://host:port)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError(`${where}: "${u.protocol}" URLs are not supported; use http:// or https://`);
  const s: RegistrySettings = { url: '' };
  if (u.username) s.user = decodeURIComponent(u.username);
  if (u.password) s.password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  s.url = u.toString().replace(/\/+$/, '');
  return s;
}

function readCa(path: string, where: string): string {
  try {
    return readFileSync(userPath(path), 'utf8');
  } catch (e) {
    throw new ConfigError(`${where}: cannot read CA file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function isTrue(v: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(v?.trim() ?? '');
}

/** KAYAK_SCHEMA_REGISTRY_URL (prefix KAYAK_SCHEMA_REGISTRY) or KAYAK_CLUSTER_<N>_SCHEMA_REGISTRY. */
export function registryFromEnv(env: NodeJS.ProcessEnv, urlVar: string, prefix: string): RegistrySettings | null | undefined {
  const url = env[urlVar]?.trim();
  if (!url) return undefined;
  if (url.toLowerCase() === 'none') return null;
  const s = fromUrl(url, urlVar);
  if (env[`${prefix}_USER`]) s.user = env[`${prefix}_USER`];
  if (env[`${prefix}_PASSWORD`] !== undefined) s.password = env[`${prefix}_PASSWORD`];
  if (env[`${prefix}_CA_FILE`]) s.ca = readCa(env[`${prefix}_CA_FILE`]!, `${prefix}_CA_FILE`);
  if (isTrue(env[`${prefix}_INSECURE`])) s.insecure = true;
  return s;
}

export function registryFromFile(
  entry: RegistryFileEntry | undefined,
  env: NodeJS.ProcessEnv,
  where: string,
  resolvePath: (p: string) => string,
): RegistrySettings | null | undefined {
  if (entry === undefined) return undefined;
  if (entry === false || (typeof entry === 'string' && entry.trim().toLowerCase() === 'none')) return null;
  if (typeof entry === 'string') return fromUrl(entry, where);
  // ${env:NAME} keeps the password out of the file, as in Kafka client properties.
  const { password } = entry.password !== undefined ? interpolateEnv({ password: entry.password }, env, where) : { password: undefined };
  const s = fromUrl(entry.url, where);
  if (entry.user) s.user = entry.user;
  if (password !== undefined) s.password = password;
  if (entry.caFile) s.ca = readCa(resolvePath(entry.caFile), where);
  if (entry.insecure) s.insecure = true;
  return s;
}

/** The default for clusters without their own setting; `bundled` marks the embedded broker's cluster. */
export function defaultRegistry(env: NodeJS.ProcessEnv, bundled: boolean): RegistrySettings | null {
  const shared = registryFromEnv(env, 'KAYAK_SCHEMA_REGISTRY_URL', 'KAYAK_SCHEMA_REGISTRY');
  if (shared !== undefined) return shared;
  if (bundled) return registryFromEnv(env, 'KAYAK_EMBEDDED_SCHEMA_REGISTRY_URL', 'KAYAK_EMBEDDED_SCHEMA_REGISTRY') ?? null;
  return null;
}
