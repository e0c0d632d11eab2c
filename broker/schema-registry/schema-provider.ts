/**
 * What each schema type (Avro, Protobuf, JSON Schema) supplies to the registry: parsing with its
 * references resolved, the canonical text that decides whether two registrations are the same
 * schema, `?normalize=true`, and the reader/writer compatibility check.
 */
import type { SchemaReference, SchemaType } from './schema-records.ts';

/** A reference with the schema it names, and that schema's own references, resolved. */
export interface ResolvedReference extends SchemaReference {
  schemaType: SchemaType;
  schema: string;
  references: ResolvedReference[];
}

export interface ParsedSchema {
  schemaType: SchemaType;
  /** The text to store and serve (Confluent stores Avro and JSON compacted). */
  text: string;
  /** Two registrations with the same canonical text (and references) are one schema with one id. */
  canonical: string;
  references: ResolvedReference[];
  /** The library's parsed form, for the compatibility check. */
  parsed: unknown;
}

/** One incompatibility as Confluent reports it in verbose results and 409 messages. */
export interface Incompatibility {
  errorType: string;
  description: string;
  additionalInfo?: string;
}

export interface SchemaProvider {
  readonly schemaType: SchemaType;
  /** Throws a 42201 RegistryError when the text (or a reference) is not a valid schema. */
  parse(text: string, references: ResolvedReference[], normalize: boolean): ParsedSchema;
  /** What stops `reader` from reading data written with `writer`; empty when it can. */
  incompatibilities(reader: ParsedSchema, writer: ParsedSchema): Incompatibility[];
}

/** Flattens references depth-first, each schema once, dependencies before their dependants. */
export function referenceOrder(references: readonly ResolvedReference[]): ResolvedReference[] {
  const out: ResolvedReference[] = [];
  const seen = new Set<string>();
  const visit = (refs: readonly ResolvedReference[]): void => {
    for (const r of refs) {
      const key = `${r.subject}\0${r.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visit(r.references);
      out.push(r);
    }
  };
  visit(references);
  return out;
}
