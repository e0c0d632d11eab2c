/**
 * The registry's operations, as Confluent's REST resources perform them, over the state kept in
 * the `_schemas` topic. Every operation first catches up with the topic; every change is one
 * appended (and fsynced) batch.
 */
import type { SchemasTopic } from './schemas-topic.ts';
import type { RegistryState } from './registry-state.ts';
import { versionFields, type SchemaValue } from './schema-records.ts';
import type { RegistryRecord } from './schema-records.ts';
import { checkCompatibility, DEFAULT_LEVEL, parseLevel, type CheckResult, type Level } from './compatibility.ts';
import { identity, parseSchemaRequest, providerFor, SchemaParser } from './schema-parsing.ts';
import * as E from './errors.ts';

export const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] as const;
const MAX_VERSION = 2 ** 31 - 1;

/** A version path segment: "latest" (or -1), or 1..2^31-1. */
export function parseVersion(raw: string): number | 'latest' {
  if (raw === 'latest' || raw === '-1') return 'latest';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_VERSION) throw E.invalidVersion(raw);
  return n;
}

export const versionBody = versionFields;

export class Registry {
  private readonly parser = new SchemaParser();

  constructor(private readonly topic: SchemasTopic) {}

  private get state(): RegistryState {
    return this.topic.catchUp();
  }

  private write(records: RegistryRecord[]): void {
    this.topic.write(records);
  }

  level(subject: string | null): Level {
    const s = this.state;
    return parseLevel((subject !== null ? s.configs.get(subject) : undefined) ?? s.configs.get(null)) ?? DEFAULT_LEVEL;
  }

  mode(subject: string | null): string {
    const s = this.state;
    return (subject !== null ? s.modes.get(subject) : undefined) ?? s.modes.get(null) ?? 'READWRITE';
  }

  private checkWritable(subject: string): void {
    const mode = this.mode(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') throw E.operationNotPermitted(`Subject ${subject} is in read-only mode`);
  }

  subjects(deleted: boolean, prefix = ''): string[] {
    return this.state.subjectNames(deleted).filter((s) => s.startsWith(prefix));
  }

  /** Versions of an existing subject (40401 when it has none). */
  private versionsOf(subject: string, deleted: boolean): SchemaValue[] {
    const versions = this.state.versions(subject, deleted);
    if (versions.length === 0) throw E.subjectNotFound(subject);
    return versions;
  }

  versions(subject: string, deleted: boolean): number[] {
    return this.versionsOf(subject, deleted).map((v) => v.version);
  }

  version(subject: string, raw: string, deleted: boolean): SchemaValue {
    const version = parseVersion(raw);
    const versions = this.versionsOf(subject, deleted || version !== 'latest');
    const found = version === 'latest' ? versions.filter((v) => !v.deleted || deleted).at(-1) : versions.find((v) => v.version === version);
    if (!found || (found.deleted && !deleted)) throw E.versionNotFound(version === 'latest' ? 'latest' : version);
    return found;
  }

  referencedBy(subject: string, raw: string): number[] {
    const v = this.version(subject, raw, true);
    return this.state.referencedBy(subject, v.version);
  }

  register(subject: string, body: unknown, normalize: boolean): { id: number } {
    const req = parseSchemaRequest(body);
    const mode = this.mode(subject);
    this.checkWritable(subject);
    const state = this.state;
    const parsed = this.parser.parse(state, req, normalize);
    const key = identity(parsed, req.references);
    const all = state.versions(subject, true);
    const live = all.filter((v) => !v.deleted);
    const same = (v: SchemaValue): boolean => v.schemaType === parsed.schemaType && this.parser.identityOf(state, v) === key;
    const existing = live.find(same);
    if (existing && (req.id === undefined || req.id === existing.id)) return { id: existing.id };
    let id = this.idOf(key, state);
    if (mode === 'IMPORT') {
      if (req.id === undefined) throw E.unprocessable('Schema id must be specified in IMPORT mode');
      const other = state.schemaById(req.id);
      if (other && this.parser.identityOf(state, other) !== key) throw E.idConflict(`Overwrite new schema with id ${req.id} is not permitted.`);
      id = req.id;
    } else {
      if (req.id !== undefined && id !== undefined && req.id !== id)
        throw E.idConflict(`Schema already registered with id ${id} instead of input id ${req.id}`);
      if (req.id !== undefined && id === undefined && state.schemaById(req.id)) throw E.idConflict(`Overwrite new schema with id ${req.id} is not permitted.`);
      id ??= req.id;
      const result = this.check(subject, parsed, live, this.level(subject));
      if (!result.compatible) {
        throw E.incompatibleSchema(
          `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${result.messages.join(', ')}]`,
        );
      }
    }
    const version = req.version ?? (all.at(-1)?.version ?? 0) + 1;
    if (all.some((v) => v.version === version)) throw E.idConflict(`Version ${version} already exists for subject ${subject}`);
    const value: SchemaValue = {
      subject,
      version,
      id: id ?? state.maxId + 1,
      schemaType: parsed.schemaType,
      references: req.references,
      schema: parsed.text,
      deleted: false,
    };
    this.write([{ keytype: 'SCHEMA', subject, version, value }]);
    return { id: value.id };
  }

  /** The id already given to this schema in any subject, if any. */
  private idOf(key: string, state: RegistryState): number | undefined {
    for (const name of state.subjects.keys()) {
      for (const v of state.versions(name, true)) {
        if (this.parser.identityOf(state, v) === key) return v.id;
      }
    }
    return undefined;
  }

  private check(subject: string, parsed: ReturnType<SchemaParser['parse']>, against: SchemaValue[], level: Level): CheckResult {
    const state = this.state;
    const previous = against.map((v) => ({ version: v.version, schema: this.parser.parse(state, v, false) }));
    return checkCompatibility(providerFor(parsed.schemaType), level, parsed, previous);
  }

  lookup(subject: string, body: unknown, normalize: boolean, deleted: boolean): Record<string, unknown> {
    const req = parseSchemaRequest(body);
    const versions = this.versionsOf(subject, deleted);
    const state = this.state;
    const key = identity(this.parser.parse(state, req, normalize), req.references);
    const match = versions.find((v) => v.schemaType === req.schemaType && this.parser.identityOf(state, v) === key);
    if (!match) throw E.schemaNotFound();
    return versionBody(match);
  }

  /** POST /compatibility/subjects/{s}/versions[/{v}]: against one version, or per the level's rule. */
  testCompatibility(subject: string, raw: string | null, body: unknown, normalize: boolean): CheckResult {
    const req = parseSchemaRequest(body);
    const state = this.state;
    const parsed = this.parser.parse(state, req, normalize);
    const level = this.level(subject);
    const live = state.versions(subject);
    if (raw === null) return this.check(subject, parsed, live, level);
    const version = parseVersion(raw);
    if (version === 'latest' && live.length === 0) return { compatible: true, messages: [] };
    const target = this.version(subject, raw, false);
    // Against one named version the _TRANSITIVE forms mean the same as their plain forms.
    return this.check(subject, parsed, [target], level.replace('_TRANSITIVE', '') as Level);
  }

  deleteVersion(subject: string, raw: string, permanent: boolean): number {
    this.checkWritable(subject);
    const version = parseVersion(raw);
    const all = this.versionsOf(subject, true);
    const target = version === 'latest' ? all.filter((v) => !v.deleted).at(-1) : all.find((v) => v.version === version);
    if (!target) throw E.versionNotFound(version);
    if (permanent && !target.deleted) throw E.versionNotSoftDeleted(subject, target.version);
    if (!permanent && target.deleted) throw E.versionSoftDeleted(subject, target.version);
    if (this.state.referencedBy(subject, target.version).length > 0) throw E.referenceExists(subject, target.version);
    const value = permanent ? null : { ...target, deleted: true };
    this.write([{ keytype: 'SCHEMA', subject, version: target.version, value }]);
    return target.version;
  }

  deleteSubject(subject: string, permanent: boolean): number[] {
    this.checkWritable(subject);
    const all = this.versionsOf(subject, true);
    const live = all.filter((v) => !v.deleted);
    if (permanent && live.length > 0) throw E.subjectNotSoftDeleted(subject);
    if (!permanent && live.length === 0) throw E.subjectSoftDeleted(subject);
    const state = this.state;
    for (const v of live) if (state.referencedBy(subject, v.version).length > 0) throw E.referenceExists(subject, v.version);
    if (!permanent) {
      this.write(live.map((v) => ({ keytype: 'SCHEMA', subject, version: v.version, value: { ...v, deleted: true } })));
      return live.map((v) => v.version);
    }
    // As Confluent: a permanently deleted subject also loses its compatibility and mode settings.
    const records: RegistryRecord[] = all.map((v) => ({ keytype: 'SCHEMA', subject, version: v.version, value: null }));
    if (state.configs.has(subject)) records.push({ keytype: 'CONFIG', subject, value: null });
    if (state.modes.has(subject)) records.push({ keytype: 'MODE', subject, value: null });
    this.write(records);
    return all.map((v) => v.version);
  }

  schemaById(id: number, subject: string | null): SchemaValue {
    const state = this.state;
    const uses = state.usesOf(id, true);
    const use = (subject !== null ? uses.find((u) => u.subject === subject) : undefined) ?? uses[0];
    if (!use) throw E.schemaNotFound(id);
    return use;
  }

  idVersions(id: number, deleted: boolean): { subject: string; version: number }[] {
    this.schemaById(id, null);
    return this.state.usesOf(id, deleted).map((v) => ({ subject: v.subject, version: v.version }));
  }

  idSubjects(id: number, deleted: boolean): string[] {
    return [...new Set(this.idVersions(id, deleted).map((v) => v.subject))];
  }

  getConfig(subject: string | null, defaultToGlobal: boolean): { compatibilityLevel: Level } {
    const s = this.state;
    if (subject !== null && !s.configs.has(subject) && !defaultToGlobal) throw E.subjectConfigNotFound(subject);
    return { compatibilityLevel: this.level(subject) };
  }

  setConfig(subject: string | null, body: unknown): { compatibility: Level } {
    const raw = typeof body === 'object' && body !== null ? (body as { compatibility?: unknown; compatibilityLevel?: unknown }) : {};
    const level = parseLevel(raw.compatibility ?? raw.compatibilityLevel);
    if (level === null) throw E.invalidCompatibilityLevel();
    this.write([{ keytype: 'CONFIG', subject, value: { compatibilityLevel: level } }]);
    return { compatibility: level };
  }

  deleteConfig(subject: string | null): { compatibilityLevel: Level } {
    if (subject !== null) this.versionsOf(subject, true);
    const previous = this.level(subject);
    if (this.state.configs.has(subject)) this.write([{ keytype: 'CONFIG', subject, value: null }]);
    return { compatibilityLevel: previous };
  }

  getMode(subject: string | null, defaultToGlobal: boolean): { mode: string } {
    if (subject !== null && !this.state.modes.has(subject) && !defaultToGlobal) throw E.subjectModeNotFound(subject);
    return { mode: this.mode(subject) };
  }

  setMode(subject: string | null, body: unknown, force: boolean): { mode: string } {
    const raw = typeof body === 'object' && body !== null ? (body as { mode?: unknown }).mode : undefined;
    const mode = typeof raw === 'string' ? raw.toUpperCase() : '';
    if (!(MODES as readonly string[]).includes(mode)) throw E.invalidMode(String(raw));
    if (mode === 'IMPORT' && !force) {
      const names = this.subjects(true).filter((s) => subject === null || s === subject);
      if (names.length > 0) throw E.operationNotPermitted('Cannot import since found existing subjects');
    }
    this.write([{ keytype: 'MODE', subject, value: { mode } }]);
    return { mode };
  }

  deleteMode(subject: string | null): { mode: string } {
    const previous = this.mode(subject);
    if (this.state.modes.has(subject)) this.write([{ keytype: 'MODE', subject, value: null }]);
    return { mode: previous };
  }
}
