import protobuf from 'protobufjs';
import type { SchemaType } from './dto';

/**
 * The fields of a subject's schema as form inputs for the produce dialog: one input per top-level
 * field of the Avro record, Protobuf message or JSON Schema object, typed by the schema. Nested
 * records, arrays and maps are typed as JSON. The server checks the assembled value against the
 * schema again before anything is sent.
 */
export type FieldKind = 'string' | 'int' | 'long' | 'float' | 'boolean' | 'enum' | 'json' | 'bytes';

export interface FormField {
  name: string;
  /** the type as the schema writes it, shown beside the input */
  type: string;
  kind: FieldKind;
  /** may be left empty (null, or absent) */
  optional: boolean;
  symbols?: string[];
}

const AVRO_KIND: Record<string, FieldKind> = {
  string: 'string',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'float',
  boolean: 'boolean',
  bytes: 'bytes',
};

function avroFields(schema: unknown): FormField[] {
  const rec = schema as { type?: string; fields?: { name: string; type: unknown; default?: unknown }[] };
  if (rec?.type !== 'record' || !Array.isArray(rec.fields)) return [{ name: '', type: JSON.stringify(schema), kind: 'json', optional: false }];
  return rec.fields.map((f) => {
    const branches = Array.isArray(f.type) ? f.type : [f.type];
    const nonNull = branches.filter((b) => b !== 'null');
    const only = nonNull.length === 1 ? nonNull[0] : undefined;
    const name = typeof only === 'string' ? only : (only as { type?: string; logicalType?: string } | undefined)?.type;
    const kind: FieldKind = typeof name === 'string' && AVRO_KIND[name] ? AVRO_KIND[name]! : name === 'enum' ? 'enum' : 'json';
    const symbols = name === 'enum' ? (only as { symbols: string[] }).symbols : undefined;
    return {
      name: f.name,
      type: typeof f.type === 'string' ? f.type : JSON.stringify(f.type),
      kind,
      optional: nonNull.length < branches.length || f.default !== undefined,
      ...(symbols ? { symbols } : {}),
    };
  });
}

const PROTO_KIND: Record<string, FieldKind> = {
  string: 'string',
  bool: 'boolean',
  bytes: 'bytes',
  double: 'float',
  float: 'float',
  int32: 'int',
  uint32: 'int',
  sint32: 'int',
  fixed32: 'int',
  sfixed32: 'int',
  int64: 'long',
  uint64: 'long',
  sint64: 'long',
  fixed64: 'long',
  sfixed64: 'long',
};

/** Top-level message names of a .proto text, in order. */
export function protoMessages(text: string): string[] {
  try {
    const parsed = protobuf.parse(text, { keepCase: true });
    const ns = parsed.package ? parsed.root.lookup(parsed.package) : parsed.root;
    return ((ns as protobuf.Namespace | null)?.nestedArray ?? []).filter((n) => n instanceof protobuf.Type).map((t) => t.fullName.replace(/^\./, ''));
  } catch {
    return [];
  }
}

function protoFields(text: string, message: string | undefined): FormField[] {
  const parsed = protobuf.parse(text, { keepCase: true });
  const name = message ?? protoMessages(text)[0];
  if (!name) return [];
  const type = parsed.root.lookupType(name);
  return type.fieldsArray.map((f) => {
    const repeated = f.repeated || f.map;
    let kind: FieldKind = repeated ? 'json' : (PROTO_KIND[f.type] ?? 'json');
    let symbols: string[] | undefined;
    if (!repeated && !PROTO_KIND[f.type]) {
      try {
        const e = type.lookupEnum(f.type);
        kind = 'enum';
        symbols = Object.keys(e.values);
      } catch {
        // a message type: JSON
      }
    }
    return { name: f.name, type: `${f.map ? 'map' : f.repeated ? 'repeated ' : ''}${f.type}`, kind, optional: true, ...(symbols ? { symbols } : {}) };
  });
}

function jsonFields(schema: unknown): FormField[] {
  const s = schema as { type?: string; properties?: Record<string, { type?: string | string[]; enum?: unknown[] }>; required?: string[] };
  if (!s?.properties) return [{ name: '', type: 'JSON', kind: 'json', optional: false }];
  return Object.entries(s.properties).map(([name, p]) => {
    const t = Array.isArray(p.type) ? p.type.filter((x) => x !== 'null') : p.type ? [p.type] : [];
    const one = t.length === 1 ? t[0] : undefined;
    const kind: FieldKind = p.enum
      ? 'enum'
      : one === 'string'
        ? 'string'
        : one === 'integer'
          ? 'long'
          : one === 'number'
            ? 'float'
            : one === 'boolean'
              ? 'boolean'
              : 'json';
    return {
      name,
      type: p.enum ? 'enum' : t.join(' | ') || 'any',
      kind,
      optional: !(s.required ?? []).includes(name),
      ...(p.enum ? { symbols: p.enum.map(String) } : {}),
    };
  });
}

export function formFields(schemaType: SchemaType, schema: string, message?: string): FormField[] {
  if (schemaType === 'PROTOBUF') return protoFields(schema, message);
  const parsed = JSON.parse(schema) as unknown;
  return schemaType === 'AVRO' ? avroFields(parsed) : jsonFields(parsed);
}

/**
 * JSON text of the record from the inputs, or the problems with them. Longs go in as written, so
 * values beyond 2^53 keep every digit; an empty optional field is null (Avro) or left out.
 */
export function assemble(schemaType: SchemaType, fields: FormField[], inputs: Record<string, string>): { json?: string; errors: string[] } {
  const errors: string[] = [];
  const parts: string[] = [];
  for (const f of fields) {
    const raw = (inputs[f.name] ?? '').trim();
    if (raw === '' && f.kind !== 'string') {
      if (!f.optional) errors.push(`${f.name || 'value'} is required`);
      else if (schemaType === 'AVRO') parts.push(`${JSON.stringify(f.name)}: null`);
      continue;
    }
    let lit: string | undefined;
    switch (f.kind) {
      case 'string':
      case 'bytes':
      case 'enum':
        lit = JSON.stringify(inputs[f.name] ?? '');
        break;
      case 'int':
      case 'long':
        if (!/^-?\d+$/.test(raw)) errors.push(`${f.name} must be a whole number`);
        // protobuf takes 64-bit integers as strings
        lit = f.kind === 'long' && schemaType === 'PROTOBUF' ? JSON.stringify(raw) : raw;
        break;
      case 'float':
        if (!Number.isFinite(Number(raw))) errors.push(`${f.name} must be a number`);
        lit = raw;
        break;
      case 'boolean':
        if (raw !== 'true' && raw !== 'false') errors.push(`${f.name} must be true or false`);
        lit = raw;
        break;
      case 'json':
        try {
          JSON.parse(raw);
          lit = raw;
        } catch {
          errors.push(`${f.name || 'value'} must be JSON`);
        }
        break;
    }
    if (f.name === '') return { json: lit, errors };
    if (lit !== undefined) parts.push(`${JSON.stringify(f.name)}: ${lit}`);
  }
  return errors.length ? { errors } : { json: `{${parts.join(', ')}}`, errors };
}
