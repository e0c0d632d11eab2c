/**
 * `<data-dir>/meta.properties`, as Kafka writes it: the cluster id is generated once and kept
 * for the life of the data dir, so clients see a stable cluster across restarts.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from './fs-util.ts';

export interface MetaProperties {
  clusterId: string;
  nodeId: number;
}

/** 16 random bytes as 22-char base64url, avoiding a leading '-' like Kafka's Uuid.randomUuid. */
export function randomKafkaUuid(): Buffer {
  for (;;) {
    const b = crypto.randomBytes(16);
    if (!b.toString('base64url').startsWith('-')) return b;
  }
}

function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq > 0) out.set(t.slice(0, eq).trim(), t.slice(eq + 1).trim());
  }
  return out;
}

/** Reads meta.properties, creating it (or updating node.id) as needed. */
export function loadMetaProperties(dataDir: string, nodeId: number): MetaProperties {
  const file = path.join(dataDir, 'meta.properties');
  const text = readFileIfExists(file);
  const props = text ? parseProperties(text) : new Map<string, string>();
  const existing = props.get('cluster.id');
  const clusterId = existing && /^[A-Za-z0-9_-]{22}$/.test(existing) ? existing : randomKafkaUuid().toString('base64url');
  if (existing !== clusterId || props.get('node.id') !== String(nodeId)) {
    writeFileAtomic(file, `#\n#${new Date().toISOString()}\nversion=1\ncluster.id=${clusterId}\nnode.id=${nodeId}\n`);
  }
  return { clusterId, nodeId };
}
