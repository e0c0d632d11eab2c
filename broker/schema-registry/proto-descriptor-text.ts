/**
 * Protobuf schemas arrive either as .proto text or, from confluent-kafka's serializers, as a
 * base64 FileDescriptorProto; Confluent stores and serves .proto text either way and gives the
 * descriptor back for `?format=serialized`. This file converts in both directions with
 * protobufjs's descriptor extension: descriptor → text by printing the declarations, text →
 * descriptor through protobufjs reflection.
 */
import protobuf from 'protobufjs';
import descriptorExt from 'protobufjs/ext/descriptor/index.js';

/** The extension's reflected google.protobuf descriptor types (its typings omit them). */
const descriptor = descriptorExt as unknown as { FileDescriptorProto: protobuf.Type };

/* The decoded descriptor messages, loosely typed: only the fields printed here are read. */
interface Options {
  [k: string]: unknown;
}
interface FieldDesc {
  name: string;
  number: number;
  label?: number;
  type?: number;
  typeName?: string;
  defaultValue?: string;
  oneofIndex?: number;
  jsonName?: string;
  proto3Optional?: boolean;
  options?: Options;
}
interface MessageDesc {
  name: string;
  field?: FieldDesc[];
  nestedType?: MessageDesc[];
  enumType?: EnumDesc[];
  oneofDecl?: { name: string }[];
  reservedRange?: { start: number; end: number }[];
  reservedName?: string[];
  options?: Options;
}
interface EnumDesc {
  name: string;
  value?: { name: string; number: number }[];
  options?: Options;
}
interface FileDesc {
  name?: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageDesc[];
  enumType?: EnumDesc[];
  syntax?: string;
  options?: Options;
}

const SCALARS: Record<number, string> = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  6: 'fixed64',
  7: 'fixed32',
  8: 'bool',
  9: 'string',
  12: 'bytes',
  13: 'uint32',
  15: 'sfixed32',
  16: 'sfixed64',
  17: 'sint32',
  18: 'sint64',
};
const FILE_OPTIONS: Record<string, string> = {
  javaPackage: 'java_package',
  javaOuterClassname: 'java_outer_classname',
  javaMultipleFiles: 'java_multiple_files',
  goPackage: 'go_package',
  csharpNamespace: 'csharp_namespace',
  objcClassPrefix: 'objc_class_prefix',
  phpNamespace: 'php_namespace',
};

/** A base64 FileDescriptorProto, or null when the text is not one (it is then .proto text). */
export function decodeDescriptor(text: string): FileDesc | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  try {
    const message = descriptor.FileDescriptorProto.decode(Buffer.from(trimmed, 'base64'));
    // A plain object of the fields actually present: decoded messages answer proto2 defaults
    // (oneofIndex 0, type double) for absent ones through their prototype.
    const fdp = descriptor.FileDescriptorProto.toObject(message, { defaults: false, enums: Number, longs: Number }) as unknown as FileDesc;
    return fdp.messageType?.length || fdp.enumType?.length || fdp.package ? fdp : null;
  } catch {
    return null;
  }
}

const quote = (s: string): string => JSON.stringify(s);
const typeName = (n: string | undefined): string => (n ?? '').replace(/^\./, '');

function optionText(value: unknown): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

function fieldType(f: FieldDesc, maps: Map<string, MessageDesc>): string {
  if (f.type === 11 || f.type === 14 || f.type === 10) {
    const entry = maps.get(typeName(f.typeName).split('.').pop() ?? '');
    if (entry) return `map<${fieldType(entry.field![0]!, maps)}, ${fieldType(entry.field![1]!, maps)}>`;
    return typeName(f.typeName);
  }
  return SCALARS[f.type ?? 9] ?? 'bytes';
}

function fieldLine(f: FieldDesc, maps: Map<string, MessageDesc>, syntax: string, inOneof: boolean): string {
  const type = fieldType(f, maps);
  let label = '';
  if (!inOneof && !type.startsWith('map<')) {
    if (f.label === 3) label = 'repeated ';
    else if (f.label === 2) label = 'required ';
    else if (syntax === 'proto2' || f.proto3Optional) label = 'optional ';
  }
  const opts: string[] = [];
  if (f.defaultValue !== undefined && f.defaultValue !== '' && syntax === 'proto2')
    opts.push(`default = ${f.type === 9 || f.type === 12 ? quote(f.defaultValue) : f.defaultValue}`);
  if (f.options?.packed !== undefined) opts.push(`packed = ${String(f.options.packed)}`);
  if (f.options?.deprecated) opts.push('deprecated = true');
  return `${label}${type} ${f.name} = ${f.number}${opts.length ? ` [${opts.join(', ')}]` : ''};`;
}

function printEnum(e: EnumDesc, indent: string, out: string[]): void {
  out.push(`${indent}enum ${e.name} {`);
  if (e.options?.allowAlias) out.push(`${indent}  option allow_alias = true;`);
  for (const v of e.value ?? []) out.push(`${indent}  ${v.name} = ${v.number};`);
  out.push(`${indent}}`);
}

function printMessage(m: MessageDesc, indent: string, syntax: string, out: string[]): void {
  const maps = new Map((m.nestedType ?? []).filter((n) => n.options?.mapEntry).map((n) => [n.name, n]));
  out.push(`${indent}message ${m.name} {`);
  const inner = `${indent}  `;
  const oneofs = m.oneofDecl ?? [];
  // proto3 `optional` fields sit in synthetic oneofs that are not printed as oneofs.
  const synthetic = new Set((m.field ?? []).filter((f) => f.proto3Optional && f.oneofIndex !== undefined).map((f) => f.oneofIndex));
  const printedOneofs = new Set<number>();
  for (const f of m.field ?? []) {
    const oi = f.oneofIndex;
    if (oi === undefined || synthetic.has(oi)) {
      out.push(`${inner}${fieldLine(f, maps, syntax, false)}`);
      continue;
    }
    if (printedOneofs.has(oi)) continue;
    printedOneofs.add(oi);
    out.push(`${inner}oneof ${oneofs[oi]?.name ?? `oneof_${oi}`} {`);
    for (const g of (m.field ?? []).filter((x) => x.oneofIndex === oi)) out.push(`${inner}  ${fieldLine(g, maps, syntax, true)}`);
    out.push(`${inner}}`);
  }
  for (const r of m.reservedRange ?? [])
    out.push(`${inner}reserved ${r.end - 1 === r.start ? r.start : `${r.start} to ${r.end - 1 >= 536870911 ? 'max' : r.end - 1}`};`);
  if (m.reservedName?.length) out.push(`${inner}reserved ${m.reservedName.map(quote).join(', ')};`);
  for (const n of m.nestedType ?? []) if (!n.options?.mapEntry) printMessage(n, inner, syntax, out);
  for (const e of m.enumType ?? []) printEnum(e, inner, out);
  out.push(`${indent}}`);
}

/** .proto text for a decoded FileDescriptorProto. */
export function descriptorToText(fdp: FileDesc): string {
  const syntax = fdp.syntax === 'proto3' ? 'proto3' : fdp.syntax === 'editions' ? 'proto3' : 'proto2';
  const out: string[] = [`syntax = ${quote(syntax)};`];
  if (fdp.package) out.push(`package ${fdp.package};`);
  for (const d of fdp.dependency ?? []) out.push(`import ${quote(d)};`);
  for (const [key, name] of Object.entries(FILE_OPTIONS)) if (fdp.options?.[key] !== undefined) out.push(`option ${name} = ${optionText(fdp.options[key])};`);
  out.push('');
  for (const m of fdp.messageType ?? []) printMessage(m, '', syntax, out);
  for (const e of fdp.enumType ?? []) printEnum(e, '', out);
  return `${out.join('\n')}\n`;
}

/**
 * The base64 FileDescriptorProto of a parsed, resolved file: protobufjs builds descriptors per
 * package, so the file's own top-level types are picked out, in their declared order (message
 * indexes in Confluent's wire format count them), and its imports become the dependencies.
 */
export function textToDescriptor(root: protobuf.Root, file: { name: string; pkg: string; imports: string[]; syntax: string; topLevel: string[] }): string {
  const set = (root as unknown as { toDescriptor(syntax: string): { file: FileDesc[] } }).toDescriptor(file.syntax);
  const pkgFile = set.file.find((f) => (f.package ?? '') === file.pkg);
  const pick = <T extends { name: string }>(list: T[] | undefined): T[] =>
    file.topLevel.map((n) => list?.find((x) => x.name === n)).filter((x): x is T => x !== undefined);
  const fdp = {
    name: file.name,
    package: file.pkg || undefined,
    dependency: file.imports,
    messageType: pick(pkgFile?.messageType),
    enumType: pick(pkgFile?.enumType),
    syntax: file.syntax === 'proto3' ? 'proto3' : undefined,
  };
  const message = descriptor.FileDescriptorProto.fromObject(fdp as unknown as Record<string, unknown>);
  return Buffer.from(descriptor.FileDescriptorProto.encode(message).finish()).toString('base64');
}
