/**
 * Turns a request's `{schema, schemaType, references}` into a parsed schema: the type's
 * provider, the references resolved against the stored versions (recursively), and a cache of
 * stored schemas already parsed (compatibility checks parse the same versions again and again).
 */
import { avroProvider } from './avro-provider.ts';
import { protobufProvider } from './protobuf-provider.ts';
import { jsonProvider } from './json-provider.ts';
import { invalidSchema, RegistryError, unprocessable } from './errors.ts';
import type { RegistryState } from './registry-state.ts';
import { SCHEMA_TYPES, type SchemaReference, type SchemaType } from './schema-records.ts';
import type { ParsedSchema, ResolvedReference, SchemaProvider } from './schema-provider.ts';

const PROVIDERS: Record<SchemaType, SchemaProvider> = { AVRO: avroProvider, PROTOBUF: protobufProvider, JSON: jsonProvider };
const MAX_REFERENCE_DEPTH = 32;
const CACHE_LIMIT = 1000;

export const providerFor = (type: SchemaType): SchemaProvider => PROVIDERS[type];

export interface SchemaRequest {
  schema: string;
  schemaType: SchemaType;
  references: SchemaReference[];
  id?: number;
  version?: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates a register/lookup/compatibility body (Confluent answers 42201/422 for bad ones). */
export function parseSchemaRequest(body: unknown): SchemaRequest {
  if (!isObject(body)) throw unprocessable('The request body must be a JSON object with a "schema" field');
  if (typeof body.schema !== 'string' || body.schema.length === 0) throw new RegistryError(422, 42201, 'Empty schema');
  const type = body.schemaType ?? 'AVRO';
  if (typeof type !== 'string' || !SCHEMA_TYPES.includes(type.toUpperCase() as SchemaType))
    throw new RegistryError(422, 42201, `Invalid schema type ${String(type)}`);
  const refs = body.references ?? [];
  if (!Array.isArray(refs)) throw unprocessable('"references" must be an array');
  const references = refs.map((r, i) => {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.subject !== 'string' || !Number.isInteger(r.version)) {
      throw unprocessable(`reference ${i} must be {"name": string, "subject": string, "version": integer}`);
    }
    return { name: r.name, subject: r.subject, version: r.version as number };
  });
  const id = body.id === undefined || body.id === null ? undefined : Number(body.id);
  const version = body.version === undefined || body.version === null ? undefined : Number(body.version);
  if (id !== undefined && (!Number.isInteger(id) || id < 1)) throw unprocessable('"id" must be a positive integer');
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw unprocessable('"version" must be a positive integer');
  return { schema: body.schema, schemaType: type.toUpperCase() as SchemaType, references, id, version };
}

export class SchemaParser {
  private readonly cache = new Map<string, ParsedSchema>();
  /** Identity of stored schemas by their text: small strings, kept for all of them (no reparse per registration). */
  private readonly identities = new Map<string, string>();

  /** identity() of a stored version, parsed at most once. */
  identityOf(state: RegistryState, v: { schema: string; schemaType: SchemaType; references: readonly SchemaReference[] }): string {
    const key = `${v.schemaType}\0${JSON.stringify(v.references)}\0${v.schema}`;
    let found = this.identities.get(key);
    if (found === undefined) {
      found = identity(this.parse(state, v, false), v.references);
      this.identities.set(key, found);
    }
    return found;
  }

  /** References resolved against live or soft-deleted versions, as Confluent does. */
  resolve(state: RegistryState, refs: readonly SchemaReference[], depth = 0): ResolvedReference[] {
    if (depth > MAX_REFERENCE_DEPTH) throw invalidSchema(`references nest deeper than ${MAX_REFERENCE_DEPTH} levels`);
    return refs.map((ref) => {
      const value = state.subjects.get(ref.subject)?.get(ref.version === -1 ? Math.max(...state.versions(ref.subject).map((v) => v.version), 0) : ref.version);
      if (!value)
        throw invalidSchema(
          `with refs ${JSON.stringify(refs)}, details: reference ${ref.name} names ${ref.subject} version ${ref.version}, which does not exist`,
        );
      return {
        ...ref,
        version: value.version,
        schemaType: value.schemaType,
        schema: value.schema,
        references: this.resolve(state, value.references, depth + 1),
      };
    });
  }

  parse(state: RegistryState, req: { schema: string; schemaType: SchemaType; references: readonly SchemaReference[] }, normalize = false): ParsedSchema {
    const key = `${req.schemaType}\0${normalize}\0${JSON.stringify(req.references)}\0${req.schema}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const parsed = providerFor(req.schemaType).parse(req.schema, this.resolve(state, req.references), normalize);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, parsed);
    return parsed;
  }
}

/** Identity of a schema across subjects: type, canonical text and references. */
export const identity = (p: { schemaType: SchemaType; canonical: string }, refs: readonly SchemaReference[]): string =>
  `${p.schemaType}\0${JSON.stringify(refs.map((r) => [r.name, r.subject, r.version]))}\0${p.canonical}`;
