import 'server-only';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ApiError, type ErrorCode } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { clusterRegistry } from '../clusters';
import type { RegistrySettings } from './config';

/**
 * The console's one way to talk to a cluster's Confluent-compatible schema registry (REST, JSON).
 * node:https rather than fetch because a registry may need its own CA or no certificate checks,
 * which fetch cannot be told per request. Registry errors keep Confluent's `error_code` and
 * message; the HTTP status maps to the console's codes (404 → not_found, 409/422 → conflict/400).
 */
const TIMEOUT_MS = 10_000;
const MAX_RESPONSE = 16 * 1024 * 1024;

export class RegistryError extends ApiError {
  /** Confluent's error_code, e.g. 40401 subject not found, 42201 invalid schema */
  readonly registryCode: number | undefined;
  constructor(code: ErrorCode, message: string, registryCode?: number) {
    super(code, message);
    this.registryCode = registryCode;
  }
}

export function registryFor(cluster: ClusterRef): RegistrySettings {
  const r = clusterRegistry(cluster);
  if (!r)
    throw new ApiError(
      'unsupported',
      `Cluster "${cluster.name}" has no schema registry configured (schemaRegistry in the clusters file, KAYAK_CLUSTER_<N>_SCHEMA_REGISTRY or KAYAK_SCHEMA_REGISTRY_URL)`,
    );
  return r;
}

function statusCode(status: number): ErrorCode {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'cluster_auth_failed';
  if (status === 400 || status === 415 || status === 422) return 'bad_request';
  return 'cluster_unreachable';
}

export function registryRequest<T>(r: RegistrySettings, method: string, path: string, body?: unknown): Promise<T> {
  const url = new URL(r.url + path);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { accept: 'application/vnd.schemaregistry.v1+json, application/json' };
  if (payload) Object.assign(headers, { 'content-type': 'application/vnd.schemaregistry.v1+json', 'content-length': String(payload.length) });
  if (r.user !== undefined) headers.authorization = `Basic ${Buffer.from(`${r.user}:${r.password ?? ''}`).toString('base64')}`;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `schema registry ${r.url}`;
  return new Promise<T>((resolve, reject) => {
    const req = send(
      url,
      { method, headers, timeout: TIMEOUT_MS, ...(url.protocol === 'https:' ? { ca: r.ca, rejectUnauthorized: !r.insecure } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE) req.destroy(new Error(`answer larger than ${MAX_RESPONSE} bytes`));
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            return reject(new RegistryError('cluster_unreachable', `${where} answered HTTP ${res.statusCode} with a body that is not JSON`));
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(json as T);
          const e = json as { error_code?: number; message?: string } | null;
          const msg = e?.message ? `${e.message}` : `HTTP ${status}`;
          reject(new RegistryError(statusCode(status), `Schema registry: ${msg}${e?.error_code ? ` (error ${e.error_code})` : ''}`, e?.error_code));
        });
        res.on('error', (err) => reject(new RegistryError('cluster_unreachable', `${where}: ${err.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ETIMEDOUT') return reject(new RegistryError('timeout', `${where} did not answer within ${TIMEOUT_MS / 1000}s`));
      const tls = /certificate|self.signed|SSL|TLS/i.test(`${err.code} ${err.message}`);
      reject(new RegistryError(tls ? 'cluster_tls_error' : 'cluster_unreachable', `Cannot reach the ${where}: ${err.message}`));
    });
    req.end(payload);
  });
}

/** A path segment: subjects may hold any character, including "/" and "%". */
export const seg = (s: string | number): string => encodeURIComponent(String(s));
