/**
 * Reads a compose file the way Docker would (`docker-compose -f <file> config`, which validates
 * and resolves anchors) and gives typed access to Kafka's listener settings.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

export const root = join(import.meta.dirname, '..', '..');

export interface Service {
  image?: string;
  build?: unknown;
  hostname?: string;
  environment?: Record<string, string | number | null>;
  ports?: (string | { published: number | string; target: number | string })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
}

export function composeConfig(file: string): { services: Record<string, Service> } {
  let out: string;
  try {
    out = execFileSync('docker-compose', ['-f', join(root, file), 'config'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error('docker-compose is not installed; run scripts/install-test-tools.sh as root (apt-get install docker-compose)');
    throw new Error(`docker-compose -f ${file} config failed:\n${err.stderr ?? err.message}`);
  }
  return parse(out);
}

export function env(service: Service, key: string): string {
  const v = service.environment?.[key];
  if (v === undefined || v === null) throw new Error(`environment ${key} is not set`);
  return String(v);
}

/** `NAME://host:port,...` → [{ name, host, port }]. */
export function listeners(value: string): { name: string; host: string; port: number }[] {
  return value.split(',').map((item) => {
    const m = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(item.trim());
    if (!m) throw new Error(`not a listener: ${item}`);
    return { name: m[1]!, host: m[2]!, port: Number(m[3]) };
  });
}

/** Published → target port pairs, whichever syntax the compose tool printed. */
export function publishedPorts(service: Service): { published: number; target: number }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'string') {
      const [published, target] = p.split(':').slice(-2).map(Number);
      return { published: published!, target: target! };
    }
    return { published: Number(p.published), target: Number(p.target) };
  });
}
