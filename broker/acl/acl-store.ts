/**
 * Durable ACL storage: the whole set as one JSON file in the data directory, replaced
 * atomically (temp file, fsync, rename, fsync dir) on every change, so a crash leaves either
 * the old set or the new one. A file that cannot be read stops the broker at start-up instead
 * of silently starting with no ACLs (which could open up access).
 */
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../log/fs-util.ts';
import type { AclBinding } from './acl-types.ts';

export const ACL_FILE = 'acls.json';
const FORMAT_VERSION = 1;

function isBinding(x: unknown): x is AclBinding {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.resourceType === 'number' &&
    typeof o.resourceName === 'string' &&
    typeof o.patternType === 'number' &&
    typeof o.principal === 'string' &&
    typeof o.host === 'string' &&
    typeof o.operation === 'number' &&
    typeof o.permissionType === 'number'
  );
}

export class AclStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, ACL_FILE);
  }

  load(): AclBinding[] {
    const text = readFileIfExists(this.file);
    if (text === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`cannot read ACLs from ${this.file}: ${(err as Error).message}`);
    }
    const doc = parsed as { version?: unknown; acls?: unknown };
    if (doc.version !== FORMAT_VERSION || !Array.isArray(doc.acls) || !doc.acls.every(isBinding)) {
      throw new Error(`cannot read ACLs from ${this.file}: not a version ${FORMAT_VERSION} ACL file`);
    }
    return doc.acls;
  }

  save(acls: readonly AclBinding[]): void {
    const fields = (a: AclBinding): AclBinding => ({
      resourceType: a.resourceType,
      resourceName: a.resourceName,
      patternType: a.patternType,
      principal: a.principal,
      host: a.host,
      operation: a.operation,
      permissionType: a.permissionType,
    });
    writeFileAtomic(this.file, `${JSON.stringify({ version: FORMAT_VERSION, acls: acls.map(fields) }, null, 1)}\n`);
  }
}
