import 'server-only';
import avro from 'avsc';
import protobuf from 'protobufjs';
import type { SchemaType } from '../../schemas/dto';
import { registryRequest, seg } from '../schema-registry/client';
import type { RegistrySettings } from '../schema-registry/config';
import { compileJsonSchema, type JsonValidator } from './json-schema';

/**
 * Schemas from a cluster's Confluent-compatible schema registry, by the schema id in the wire
 * format's 5-byte prefix, ready to decode with: an avsc type, a protobufjs root (with its
 * references), or a JSON Schema validator. Schemas never change for an id, so each is fetched
 * once per registry; failures are remembered briefly so a dead registry is not hammered per record.
 */
export interface ResolvedSchema {
  id: number;
  schemaType: SchemaType;
  /** where the id is registered (the first subject/version the registry names), if anywhere */
  subject?: string;
  version?: number;
  avro?: avro.Type;
  proto?: { root: protobuf.Root; messages: protobuf.Type[] };
  json?: JsonValidator;
}

// Avro longs as bigint: avsc's default long type refuses values beyond 2^53. Produce input may
// hold plain numbers for longs (JSON below 2^53), so those are accepted too.
export const BigLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint' || Number.isSafeInteger(n),
  compare: (a: bigint, b: bigint) => (BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1),
});

export function avroType(schema: unknown, named?: avro.Type[]): avro.Type {
  const registry: Record<string, avro.Type> = { long: BigLong as unknown as avro.Type };
  for (const t of named ?? []) if (t.name) registry[t.name] = t;
  return avro.Type.forSchema(schema as avro.Schema, { registry });
}

interface WireSchema {
  schema?: string;
  schemaType?: SchemaType;
  references?: { name: string; subject: string; version: number }[];
}

type Cached = { schema: Promise<ResolvedSchema> } | { error: string; until: number };
const store = globalThis as typeof globalThis & { __kayakSchemas?: Map<string, Cached> };
const cache = (store.__kayakSchemas ??= new Map<string, Cached>());

/** Top-level message types of one .proto text, in declaration order (what message index 0, 1, … name). */
function protoMessages(text: string, root: protobuf.Root): protobuf.Type[] {
  const own = protobuf.parse(text, new protobuf.Root(), { keepCase: true });
  const ns = own.package ? own.root.lookup(own.package) : own.root;
  const types = ((ns as protobuf.Namespace | null)?.nestedArray ?? []).filter((n): n is protobuf.Type => n instanceof protobuf.Type);
  return types.map((t) => root.lookupType(t.fullName));
}

/** Referenced schemas, depth first, each once: their text is needed before the schema that imports them. */
async function referenced(r: RegistrySettings, refs: WireSchema['references'], seen: Set<string>, out: WireSchema[]): Promise<void> {
  for (const ref of refs ?? []) {
    const key = `${ref.subject}/${ref.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = await registryRequest<WireSchema>(r, 'GET', `/subjects/${seg(ref.subject)}/versions/${seg(ref.version)}`);
    await referenced(r, s.references, seen, out);
    out.push(s);
  }
}

export async function resolveWire(r: RegistrySettings, body: WireSchema, id: number): Promise<ResolvedSchema> {
  const schemaType = body.schemaType ?? 'AVRO';
  if (!body.schema) throw new Error(`schema registry returned no schema for id ${id}`);
  const refs: WireSchema[] = [];
  await referenced(r, body.references, new Set(), refs);
  const resolved: ResolvedSchema = { id, schemaType };
  if (schemaType === 'AVRO') {
    const named = refs.map((s) => avroType(JSON.parse(s.schema!)));
    resolved.avro = avroType(JSON.parse(body.schema), named);
  } else if (schemaType === 'PROTOBUF') {
    const root = new protobuf.Root();
    // Imports of well-known types (google/protobuf/*.proto) resolve from protobufjs's own copies.
    for (const s of refs) protobuf.parse(s.schema!, root, { keepCase: true });
    protobuf.parse(body.schema, root, { keepCase: true });
    root.resolveAll();
    resolved.proto = { root, messages: protoMessages(body.schema, root) };
  } else {
    resolved.json = compileJsonSchema(
      body.schema,
      refs.map((s) => s.schema!),
    );
  }
  return resolved;
}

async function fetchById(r: RegistrySettings, id: number): Promise<ResolvedSchema> {
  const body = await registryRequest<WireSchema>(r, 'GET', `/schemas/ids/${id}`);
  const resolved = await resolveWire(r, body, id);
  // Which subject and version the id belongs to: shown beside each record.
  const where = await registryRequest<{ subject: string; version: number }[]>(r, 'GET', `/schemas/ids/${id}/versions`).catch(() => []);
  if (where[0]) Object.assign(resolved, { subject: where[0].subject, version: where[0].version });
  return resolved;
}

export async function schemaById(r: RegistrySettings, id: number): Promise<ResolvedSchema> {
  const key = `${r.url}#${r.user ?? ''}#${id}`;
  const hit = cache.get(key);
  if (hit && 'schema' in hit) return hit.schema;
  if (hit && hit.until > Date.now()) throw new Error(hit.error);
  const schema = fetchById(r, id);
  cache.set(key, { schema });
  try {
    return await schema;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    cache.set(key, { error, until: Date.now() + 10_000 });
    throw new Error(error);
  }
}
