import 'server-only';
import avro from 'avsc';

/**
 * Avro schemas from a Confluent-compatible schema registry (KAYAK_SCHEMA_REGISTRY_URL), by the
 * schema id in the wire format's 5-byte prefix. Schemas never change for an id, so each is
 * fetched once; failures are remembered briefly so a dead registry is not hammered per record.
 */
export function schemaRegistryUrl(): string | null {
  const url = process.env.KAYAK_SCHEMA_REGISTRY_URL?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}

// Avro longs as bigint: avsc's default long type refuses values beyond 2^53.
const BigLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

type Cached = { type: avro.Type } | { error: string; until: number };
const store = globalThis as typeof globalThis & { __kayakSchemas?: Map<string, Cached> };
const cache = (store.__kayakSchemas ??= new Map<string, Cached>());

export async function avroTypeById(id: number): Promise<avro.Type> {
  const base = schemaRegistryUrl();
  if (!base) throw new Error('No schema registry configured (set KAYAK_SCHEMA_REGISTRY_URL)');
  const key = `${base}#${id}`;
  const hit = cache.get(key);
  if (hit && 'type' in hit) return hit.type;
  if (hit && hit.until > Date.now()) throw new Error(hit.error);
  try {
    const res = await fetch(`${base}/schemas/ids/${id}`, { headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`schema registry answered HTTP ${res.status} for schema id ${id}`);
    const body = (await res.json()) as { schema?: string; schemaType?: string };
    if (body.schemaType && body.schemaType !== 'AVRO') throw new Error(`schema ${id} is ${body.schemaType}, not Avro`);
    if (!body.schema) throw new Error(`schema registry returned no schema for id ${id}`);
    const type = avro.Type.forSchema(JSON.parse(body.schema), { registry: { long: BigLong } });
    cache.set(key, { type });
    return type;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    cache.set(key, { error, until: Date.now() + 10_000 });
    throw new Error(error);
  }
}
