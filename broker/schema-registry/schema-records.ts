/**
 * The records the registry keeps in its `_schemas` topic, in Confluent's JSON formats, so the
 * topic reads the same as one written by Confluent's registry:
 *
 *   SCHEMA  {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *           → {"subject":"s","version":1,"id":1,"schemaType":"PROTOBUF","references":[],"schema":"...","deleted":false}
 *           (schemaType omitted for AVRO; a null value is a hard delete)
 *   CONFIG  {"keytype":"CONFIG","subject":null,"magic":0} → {"compatibilityLevel":"FULL"}
 *   MODE    {"keytype":"MODE","subject":"s","magic":0}    → {"mode":"READONLY"}
 *   DELETE_SUBJECT / CLEAR_SUBJECT {"keytype":...,"subject":"s","magic":0} → {"subject":"s","version":3}
 *           (Confluent's soft and hard subject deletes up to a version; read, never written here)
 *
 * Keys are serialized with a fixed property order: compaction keeps the latest record per key
 * bytes, so the same logical key must always produce the same bytes.
 */
export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';
export const SCHEMA_TYPES: readonly SchemaType[] = ['JSON', 'PROTOBUF', 'AVRO'];

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface SchemaValue {
  subject: string;
  version: number;
  id: number;
  schemaType: SchemaType;
  references: SchemaReference[];
  schema: string;
  deleted: boolean;
}

export type RegistryRecord =
  | { keytype: 'SCHEMA'; subject: string; version: number; value: SchemaValue | null }
  | { keytype: 'CONFIG'; subject: string | null; value: { compatibilityLevel: string } | null }
  | { keytype: 'MODE'; subject: string | null; value: { mode: string } | null }
  | { keytype: 'DELETE_SUBJECT' | 'CLEAR_SUBJECT'; subject: string; value: { version: number } | null };

export function encodeKey(r: RegistryRecord): string {
  if (r.keytype === 'SCHEMA') return JSON.stringify({ keytype: 'SCHEMA', subject: r.subject, version: r.version, magic: 1 });
  return JSON.stringify({ keytype: r.keytype, subject: r.subject, magic: 0 });
}

/**
 * A version as Confluent writes it, in both the topic and REST replies: schemaType left out for
 * AVRO, references left out when there are none.
 */
export const versionFields = (v: SchemaValue): Record<string, unknown> => ({
  subject: v.subject,
  version: v.version,
  id: v.id,
  ...(v.schemaType === 'AVRO' ? {} : { schemaType: v.schemaType }),
  ...(v.references.length > 0 ? { references: v.references } : {}),
  schema: v.schema,
});

export function encodeValue(r: RegistryRecord): string | null {
  if (r.value === null) return null;
  if (r.keytype !== 'SCHEMA')
    return JSON.stringify(r.keytype === 'DELETE_SUBJECT' || r.keytype === 'CLEAR_SUBJECT' ? { subject: r.subject, version: r.value.version } : r.value);
  return JSON.stringify({ ...versionFields(r.value), deleted: r.value.deleted });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isPositiveInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

function parseReferences(x: unknown): SchemaReference[] | null {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) return null;
  const refs: SchemaReference[] = [];
  for (const r of x) {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.subject !== 'string' || !isPositiveInt(r.version)) return null;
    refs.push({ name: r.name, subject: r.subject, version: r.version });
  }
  return refs;
}

/**
 * One stored record, or null for anything this registry does not understand (NOOP, CONTEXT,
 * another registry's extensions, or bytes that are not JSON): replay skips those rather than
 * refusing to start.
 */
export function decodeRecord(keyBytes: Buffer | null, valueBytes: Buffer | null): RegistryRecord | null {
  if (keyBytes === null) return null;
  let key: unknown;
  let value: unknown = null;
  try {
    key = JSON.parse(keyBytes.toString('utf8'));
    if (valueBytes !== null) value = JSON.parse(valueBytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(key) || (value !== null && !isObject(value))) return null;
  const subject = key.subject;
  switch (key.keytype) {
    case 'SCHEMA': {
      if (typeof subject !== 'string' || !isPositiveInt(key.version)) return null;
      if (value === null) return { keytype: 'SCHEMA', subject, version: key.version, value: null };
      const refs = parseReferences(value.references);
      const type = value.schemaType ?? 'AVRO';
      if (!isPositiveInt(value.id) || typeof value.schema !== 'string' || refs === null || !SCHEMA_TYPES.includes(type as SchemaType)) return null;
      return {
        keytype: 'SCHEMA',
        subject,
        version: key.version,
        value: {
          subject,
          version: key.version,
          id: value.id,
          schemaType: type as SchemaType,
          references: refs,
          schema: value.schema,
          deleted: value.deleted === true,
        },
      };
    }
    case 'CONFIG':
      if (subject !== null && typeof subject !== 'string') return null;
      if (value !== null && typeof value.compatibilityLevel !== 'string') return { keytype: 'CONFIG', subject: subject ?? null, value: null };
      return { keytype: 'CONFIG', subject: subject ?? null, value: value === null ? null : { compatibilityLevel: value.compatibilityLevel as string } };
    case 'MODE':
      if (subject !== null && typeof subject !== 'string') return null;
      if (value !== null && typeof value.mode !== 'string') return null;
      return { keytype: 'MODE', subject: subject ?? null, value: value === null ? null : { mode: value.mode as string } };
    case 'DELETE_SUBJECT':
    case 'CLEAR_SUBJECT':
      if (typeof subject !== 'string') return null;
      if (value !== null && !isPositiveInt(value.version)) return null;
      return { keytype: key.keytype, subject, value: value === null ? null : { version: value.version as number } };
    default:
      return null;
  }
}
