import 'server-only';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';

/**
 * JSON Schema validation of records and produce input with ajv. The draft is picked from the
 * schema's `$schema` (2020-12, 2019-09, else draft-07, what Confluent's serializer writes).
 * Referenced schemas are added by their own `$id`.
 */
export interface JsonValidator {
  schema: Record<string, unknown>;
  /** problems with `value`, or [] when it is valid */
  check(value: unknown): string[];
}

function parseObject(text: string, what: string): Record<string, unknown> {
  const v = JSON.parse(text) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} is not a JSON Schema object`);
  return v as Record<string, unknown>;
}

export function compileJsonSchema(text: string, refs: string[] = []): JsonValidator {
  const schema = parseObject(text, 'the schema');
  const draft = String(schema.$schema ?? '');
  const opts = { allErrors: true, strict: false, validateFormats: false } as const;
  const ajv = draft.includes('2020-12') ? new Ajv2020(opts) : draft.includes('2019-09') ? new Ajv2019(opts) : new Ajv(opts);
  for (const r of refs) {
    try {
      ajv.addSchema(parseObject(r, 'a referenced schema'));
    } catch {
      // a reference without $id cannot be addressed anyway
    }
  }
  const validate: ValidateFunction = ajv.compile(schema);
  return {
    schema,
    check(value) {
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
    },
  };
}
