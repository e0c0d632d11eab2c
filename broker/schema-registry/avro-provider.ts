/**
 * Avro schemas, parsed and resolved with avsc. Compatibility is Avro's schema resolution: the
 * reader must be able to resolve every writer type (avsc's createResolver throws otherwise),
 * which is what Avro's Java SchemaCompatibility checks for Confluent's registry.
 */
import avro from 'avsc';
import { invalidSchema } from './errors.ts';
import { referenceOrder, type Incompatibility, type ParsedSchema, type ResolvedReference, type SchemaProvider } from './schema-provider.ts';

type AvroType = ReturnType<typeof avro.Type.forSchema>;

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidSchema(`of type AVRO, details: ${what} is not JSON: ${(err as Error).message}`);
  }
}

/** Parses the schema with every referenced named type registered first, as Confluent does. */
function toType(text: string, references: readonly ResolvedReference[]): AvroType {
  const registry: Record<string, AvroType> = {};
  for (const ref of referenceOrder(references)) {
    try {
      avro.Type.forSchema(parseJson(ref.schema, `reference ${ref.name}`) as avro.Schema, { registry });
    } catch (err) {
      if ((err as { status?: number }).status !== undefined) throw err;
      throw invalidSchema(`of type AVRO, details: reference ${ref.name} (${ref.subject} version ${ref.version}): ${(err as Error).message}`);
    }
  }
  try {
    return avro.Type.forSchema(parseJson(text, 'the schema') as avro.Schema, { registry });
  } catch (err) {
    if ((err as { status?: number }).status !== undefined) throw err;
    throw invalidSchema(`of type AVRO, details: ${(err as Error).message}`);
  }
}

/** Names avsc's resolution errors the way Avro's SchemaCompatibility does. */
function classify(message: string): string {
  if (/no matching field for default-less/.test(message)) return 'READER_FIELD_MISSING_DEFAULT_VALUE';
  if (/no alias found/.test(message)) return 'NAME_MISMATCH';
  // Same name on both sides: a named type whose content differs (enum symbols, fixed size).
  const names = /cannot read "([^"]*)" as "([^"]*)"/.exec(message);
  if (names && names[1] === names[2]) return 'MISSING_ENUM_SYMBOLS';
  return 'TYPE_MISMATCH';
}

export const avroProvider: SchemaProvider = {
  schemaType: 'AVRO',
  parse(text, references, normalize) {
    const type = toType(text, references);
    // Confluent stores the schema re-serialized without whitespace; normalize goes further and
    // writes avsc's canonical attribute order.
    const stored = normalize ? JSON.stringify(type.schema({ exportAttrs: true })) : JSON.stringify(JSON.parse(text));
    return { schemaType: 'AVRO', text: stored, canonical: stored, references, parsed: type } satisfies ParsedSchema;
  },
  incompatibilities(reader, writer) {
    try {
      (reader.parsed as AvroType).createResolver(writer.parsed as AvroType);
      return [];
    } catch (err) {
      const message = (err as Error).message;
      const errorType = classify(message);
      const field = /default-less [\w.]*\.(\w+)$/.exec(message)?.[1];
      const description = field
        ? `The field '${field}' in the reader schema has no default value and is missing in the writer schema`
        : `The reader schema cannot resolve the writer schema: ${message}`;
      const found: Incompatibility = { errorType, description };
      if (field) found.additionalInfo = field;
      return [found];
    }
  },
};
