/**
 * JSON Schema schemas, checked with Ajv for the draft their `$schema` names (draft-04, -06,
 * -07 by default, 2019-09, 2020-12); references are added to Ajv under their reference names so
 * `$ref`s to them resolve. Compatibility is Confluent's JSON Schema diff (json-compat.ts).
 */
import { createRequire } from 'node:module';
import Ajv, { type AnySchema, type AnySchemaObject } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import { invalidSchema } from './errors.ts';
import { referenceOrder, type ParsedSchema, type SchemaProvider } from './schema-provider.ts';
import { jsonIncompatibilities, type JsonDocument } from './json-compat.ts';

const require = createRequire(import.meta.url);
const DRAFT_06_META = require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;

type AjvLike = { addSchema(schema: AnySchema, key?: string): unknown; compile(schema: AnySchema): unknown };

function ajvFor(schema: unknown): AjvLike {
  const options = { strict: false, validateFormats: false, allErrors: false, logger: false as const };
  const draft = typeof schema === 'object' && schema !== null ? String((schema as { $schema?: unknown }).$schema ?? '') : '';
  if (draft.includes('draft-04')) return new AjvDraft04(options) as unknown as AjvLike;
  if (draft.includes('2019-09')) return new Ajv2019(options) as unknown as AjvLike;
  if (draft.includes('2020-12')) return new Ajv2020(options) as unknown as AjvLike;
  const ajv = new Ajv(options);
  ajv.addMetaSchema(DRAFT_06_META);
  return ajv as unknown as AjvLike;
}

function parseJson(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidSchema(`of type JSON, details: ${what} is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'boolean' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw invalidSchema(`of type JSON, details: ${what} must be a JSON object or a boolean`);
  }
  return value;
}

/** Sorted keys everywhere, for `?normalize=true`. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

export const jsonProvider: SchemaProvider = {
  schemaType: 'JSON',
  parse(text, references, normalize) {
    const schema = parseJson(text, 'the schema');
    const ajv = ajvFor(schema);
    const refs = new Map<string, unknown>();
    for (const ref of referenceOrder(references)) {
      const refSchema = parseJson(ref.schema, `reference ${ref.name}`);
      refs.set(ref.name, refSchema);
      try {
        ajv.addSchema(refSchema as AnySchema, ref.name);
      } catch (err) {
        throw invalidSchema(`of type JSON, details: reference ${ref.name}: ${(err as Error).message}`);
      }
    }
    try {
      ajv.compile(schema as AnySchema);
    } catch (err) {
      throw invalidSchema(`of type JSON, details: ${(err as Error).message}`);
    }
    const stored = JSON.stringify(normalize ? sortKeys(schema) : schema);
    const parsed: JsonDocument = { schema, refs };
    return { schemaType: 'JSON', text: stored, canonical: stored, references, parsed } satisfies ParsedSchema;
  },
  incompatibilities(reader, writer) {
    // Confluent diffs the old schema against the new one: the reader is the "update".
    return jsonIncompatibilities(writer.parsed as JsonDocument, reader.parsed as JsonDocument);
  },
};
