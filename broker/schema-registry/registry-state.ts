/**
 * The registry's state as a fold over the `_schemas` records: subjects and their versions, the
 * schema behind each id, and compatibility and mode settings (global under the key null). It is
 * rebuilt from the topic at start and updated by every record the registry appends, so what is
 * served is exactly what is stored.
 */
import type { RegistryRecord, SchemaReference, SchemaType, SchemaValue } from './schema-records.ts';

export interface StoredSchema {
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
}

export class RegistryState {
  /** subject → version → value (soft-deleted versions included, flagged). */
  readonly subjects = new Map<string, Map<number, SchemaValue>>();
  readonly configs = new Map<string | null, string>();
  readonly modes = new Map<string | null, string>();
  /** Highest id ever seen: ids are never handed out twice while the records that used them remain. */
  maxId = 0;

  apply(r: RegistryRecord): void {
    switch (r.keytype) {
      case 'SCHEMA': {
        const versions = this.subjects.get(r.subject) ?? new Map<number, SchemaValue>();
        if (r.value === null) versions.delete(r.version);
        else {
          versions.set(r.version, r.value);
          if (r.value.id > this.maxId) this.maxId = r.value.id;
        }
        if (versions.size === 0) this.subjects.delete(r.subject);
        else this.subjects.set(r.subject, versions);
        return;
      }
      case 'CONFIG':
        if (r.value === null) this.configs.delete(r.subject);
        else this.configs.set(r.subject, r.value.compatibilityLevel);
        return;
      case 'MODE':
        if (r.value === null) this.modes.delete(r.subject);
        else this.modes.set(r.subject, r.value.mode);
        return;
      case 'DELETE_SUBJECT':
      case 'CLEAR_SUBJECT': {
        const versions = this.subjects.get(r.subject);
        if (!versions || r.value === null) return;
        for (const [v, value] of versions) {
          if (v > r.value.version) continue;
          if (r.keytype === 'CLEAR_SUBJECT') versions.delete(v);
          else versions.set(v, { ...value, deleted: true });
        }
        if (versions.size === 0) this.subjects.delete(r.subject);
        return;
      }
    }
  }

  /** Versions of a subject in ascending order, optionally with soft-deleted ones. */
  versions(subject: string, includeDeleted = false): SchemaValue[] {
    const versions = this.subjects.get(subject);
    if (!versions) return [];
    return [...versions.values()].filter((v) => includeDeleted || !v.deleted).sort((a, b) => a.version - b.version);
  }

  /** Subjects with at least one live version (or any version, with includeDeleted). */
  subjectNames(includeDeleted = false): string[] {
    return [...this.subjects.keys()].filter((s) => this.versions(s, includeDeleted).length > 0).sort();
  }

  /** The schema behind an id: any version (even soft-deleted) that carries it. */
  schemaById(id: number): StoredSchema | undefined {
    for (const versions of this.subjects.values()) {
      for (const v of versions.values()) if (v.id === id) return { id, schemaType: v.schemaType, schema: v.schema, references: v.references };
    }
    return undefined;
  }

  /** Every (subject, version) using an id, in subject then version order. */
  usesOf(id: number, includeDeleted = false): SchemaValue[] {
    const out: SchemaValue[] = [];
    for (const s of [...this.subjects.keys()].sort()) out.push(...this.versions(s, includeDeleted).filter((v) => v.id === id));
    return out;
  }

  /** Ids of live schemas that reference subject/version (for /referencedby and delete checks). */
  referencedBy(subject: string, version: number): number[] {
    const ids = new Set<number>();
    for (const versions of this.subjects.values()) {
      for (const v of versions.values()) {
        if (!v.deleted && v.references.some((r) => r.subject === subject && r.version === version)) ids.add(v.id);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }
}
