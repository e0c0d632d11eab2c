/**
 * Protobuf schemas, parsed with protobufjs. Imports resolve to the schema's references (by
 * import name, as Confluent does) or to protobufjs's bundled google/protobuf well-known types;
 * a type that resolves nowhere makes the schema invalid. The canonical form is the parsed
 * declarations, so whitespace, comments and declaration formatting do not make a new schema.
 */
import protobuf from 'protobufjs';
import { invalidSchema } from './errors.ts';
import { referenceOrder, type ParsedSchema, type ResolvedReference, type SchemaProvider } from './schema-provider.ts';
import { decodeDescriptor, descriptorToText, textToDescriptor } from './proto-descriptor-text.ts';
import { protobufIncompatibilities } from './protobuf-compat.ts';

const MAIN = '<schema>';

export interface ProtoFile {
  root: protobuf.Root;
  pkg: string;
  imports: string[];
  syntax: string;
  /** The file's own top-level messages and enums, in declaration order. */
  types: protobuf.ReflectionObject[];
}

/** .proto text for text or a base64 FileDescriptorProto. */
const asText = (schema: string): string => {
  const fdp = decodeDescriptor(schema);
  return fdp === null ? schema : descriptorToText(fdp);
};

export function loadProto(text: string, references: readonly ResolvedReference[]): ProtoFile {
  const root = new protobuf.Root();
  const byName = new Map(referenceOrder(references).map((r) => [r.name, r]));
  const loaded = new Set<string>();
  const parseFile = (name: string, source: string): { package: string | undefined; imports: string[] | undefined; weakImports: string[] | undefined } => {
    // protobufjs stamps each parsed object with this (module-level) file name.
    (protobuf.parse as unknown as { filename: string | null }).filename = name;
    let parsed;
    try {
      parsed = protobuf.parse(source, root, { keepCase: true });
    } catch (err) {
      throw invalidSchema(`of type PROTOBUF, details: ${name === MAIN ? '' : `reference ${name}: `}${(err as Error).message}`);
    }
    for (const imp of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      if (loaded.has(imp)) continue;
      loaded.add(imp);
      const ref = byName.get(imp);
      const common = protobuf.common.get(imp) as { nested?: Record<string, protobuf.AnyNestedObject> } | null;
      if (ref !== undefined) parseFile(imp, asText(ref.schema));
      else if (common?.nested) root.addJSON(common.nested);
      // Anything else must not be needed: resolveAll below reports the types it lacks.
    }
    return parsed;
  };
  const main = parseFile(MAIN, text);
  try {
    root.resolveAll();
  } catch (err) {
    throw invalidSchema(`of type PROTOBUF, details: ${(err as Error).message}`);
  }
  const pkg = main.package ?? '';
  const ns = pkg === '' ? root : root.lookup(pkg);
  const nested = ns instanceof protobuf.Namespace ? ns.nestedArray : [];
  const types = nested.filter((o) => o.filename === MAIN && (o instanceof protobuf.Type || o instanceof protobuf.Enum));
  const syntax = /^\s*syntax\s*=\s*["']proto3["']/m.test(text) ? 'proto3' : 'proto2';
  return { root, pkg, imports: main.imports ?? [], syntax, types };
}

/** `?format=serialized`: the schema as a base64 FileDescriptorProto. */
export function serializedProto(schema: string, references: readonly ResolvedReference[]): string {
  const file = loadProto(asText(schema), references);
  return textToDescriptor(file.root, {
    name: 'schema.proto',
    pkg: file.pkg,
    imports: file.imports,
    syntax: file.syntax,
    topLevel: file.types.map((t) => t.name),
  });
}

export const protobufProvider: SchemaProvider = {
  schemaType: 'PROTOBUF',
  parse(schema, references, normalize) {
    const text = asText(schema);
    const file = loadProto(text, references);
    const canonical = JSON.stringify({ syntax: file.syntax, package: file.pkg, imports: file.imports, types: file.types.map((t) => [t.name, t.toJSON()]) });
    const stored = normalize ? asText(serializedProto(text, references)) : text;
    return { schemaType: 'PROTOBUF', text: stored, canonical, references, parsed: file } satisfies ParsedSchema;
  },
  incompatibilities(reader, writer) {
    // Confluent diffs the old schema against the new one: the reader is the "update".
    return protobufIncompatibilities(writer.parsed as ProtoFile, reader.parsed as ProtoFile);
  },
};
