/**
 * Protobuf compatibility as Confluent's registry judges it: a diff of the original schema
 * against the update, where only some kinds of difference break compatibility. Compatible:
 * messages or enums added or moved, enum constants changed, fields added or removed (their
 * numbers are what the wire carries), renamed, a oneof added or removed, a field added to a
 * oneof. Incompatible: the package changed, a message removed, a field's kind (scalar, message,
 * map) or scalar wire group changed, a field's message type changed, a required field added or
 * removed, a field removed from a oneof, several fields moved into one oneof.
 */
import protobuf from 'protobufjs';
import type { Incompatibility } from './schema-provider.ts';
import type { ProtoFile } from './protobuf-provider.ts';

/** Scalar groups whose members share a wire encoding (protobuf's "updating a message type"). */
const SCALAR_KIND: Record<string, string> = {
  int32: 'GENERAL_NUMBER',
  int64: 'GENERAL_NUMBER',
  uint32: 'GENERAL_NUMBER',
  uint64: 'GENERAL_NUMBER',
  bool: 'GENERAL_NUMBER',
  sint32: 'SIGNED_NUMBER',
  sint64: 'SIGNED_NUMBER',
  string: 'STRING_OR_BYTES',
  bytes: 'STRING_OR_BYTES',
  fixed32: 'FIXED32',
  sfixed32: 'FIXED32',
  fixed64: 'FIXED64',
  sfixed64: 'FIXED64',
  float: 'FLOAT',
  double: 'DOUBLE',
};

const DESCRIPTIONS: Record<string, string> = {
  PACKAGE_CHANGED: "The package at path '{path}' in the new schema does not match the one in the old schema",
  MESSAGE_REMOVED: "The message at path '{path}' in the old schema is missing in the new schema",
  FIELD_KIND_CHANGED: "The kind of the field at path '{path}' in the new schema does not match its kind in the old schema",
  FIELD_SCALAR_KIND_CHANGED: "The scalar kind of the field at path '{path}' in the new schema does not match its kind in the old schema",
  FIELD_NAMED_TYPE_CHANGED: "The type of the field at path '{path}' in the new schema does not match its type in the old schema",
  REQUIRED_FIELD_ADDED: "A required field at path '{path}' in the new schema is missing in the old schema",
  REQUIRED_FIELD_REMOVED: "The required field at path '{path}' in the old schema is missing in the new schema",
  ONEOF_FIELD_REMOVED: "The field at path '{path}' in a oneof of the old schema is missing in the new schema",
  MULTIPLE_FIELDS_MOVED_TO_ONEOF: "Multiple fields of the old schema were moved to the oneof at path '{path}' in the new schema",
  FIELD_MOVED_TO_EXISTING_ONEOF: "A field of the old schema was moved to the existing oneof at path '{path}' in the new schema",
};

class Diff {
  readonly found: Incompatibility[] = [];
  private readonly seen = new Set<string>();
  add(errorType: string, path: string): void {
    const key = `${errorType} ${path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push({ errorType, description: (DESCRIPTIONS[errorType] ?? errorType).replace('{path}', path) });
  }
  /** Message pairs already compared (recursive types must not loop). */
  readonly visited = new Set<string>();
}

const isSynthetic = (o: protobuf.OneOf): boolean => o.name.startsWith('_') && o.fieldsArray.length === 1 && o.fieldsArray[0]!.options?.proto3_optional === true;
const realOneofs = (t: protobuf.Type): protobuf.OneOf[] => t.oneofsArray.filter((o) => !isSynthetic(o));
const oneofOf = (f: protobuf.Field): string | null => (f.partOf && !isSynthetic(f.partOf) ? f.partOf.name : null);

type Kind = 'SCALAR' | 'MESSAGE' | 'MAP';
const kindOf = (f: protobuf.Field): Kind => (f.map ? 'MAP' : f.resolvedType === null || f.resolvedType instanceof protobuf.Enum ? 'SCALAR' : 'MESSAGE');
const scalarKind = (type: string, resolved: protobuf.ReflectionObject | null): string =>
  resolved instanceof protobuf.Enum ? 'GENERAL_NUMBER' : (SCALAR_KIND[type] ?? type);
const localName = (t: protobuf.ReflectionObject, pkg: string): string => {
  const full = t.fullName.replace(/^\./, '');
  return pkg !== '' && full.startsWith(`${pkg}.`) ? full.slice(pkg.length + 1) : full;
};

function compareField(d: Diff, o: protobuf.Field, u: protobuf.Field, path: string, pkgs: [string, string]): void {
  const ok = kindOf(o);
  if (ok !== kindOf(u)) return d.add('FIELD_KIND_CHANGED', path);
  if (ok === 'MAP') {
    const om = o as unknown as protobuf.MapField;
    const um = u as unknown as protobuf.MapField;
    if (scalarKind(om.keyType, null) !== scalarKind(um.keyType, null)) d.add('FIELD_SCALAR_KIND_CHANGED', path);
  }
  if (ok === 'SCALAR' || (ok === 'MAP' && (o.resolvedType === null || o.resolvedType instanceof protobuf.Enum))) {
    if (u.resolvedType instanceof protobuf.Type) return d.add('FIELD_KIND_CHANGED', path);
    if (scalarKind(o.type, o.resolvedType) !== scalarKind(u.type, u.resolvedType)) d.add('FIELD_SCALAR_KIND_CHANGED', path);
    return;
  }
  const ot = o.resolvedType as protobuf.Type | null;
  const ut = u.resolvedType as protobuf.Type | null;
  if (!(ut instanceof protobuf.Type) || !(ot instanceof protobuf.Type)) return d.add('FIELD_KIND_CHANGED', path);
  if (localName(ot, pkgs[0]) !== localName(ut, pkgs[1])) return d.add('FIELD_NAMED_TYPE_CHANGED', path);
  const before = d.found.length;
  compareMessage(d, ot, ut, `#/${localName(ot, pkgs[0])}`, pkgs);
  if (d.found.length > before) d.add('FIELD_NAMED_TYPE_CHANGED', path);
}

function compareMessage(d: Diff, o: protobuf.Type, u: protobuf.Type, path: string, pkgs: [string, string]): void {
  const pair = `${o.fullName}\0${u.fullName}`;
  if (d.visited.has(pair)) return;
  d.visited.add(pair);
  const topLevel = (t: protobuf.Type): Map<number, protobuf.Field> => new Map(t.fieldsArray.filter((f) => oneofOf(f) === null).map((f) => [f.id, f]));
  const originalByTag = topLevel(o);
  const updateByTag = topLevel(u);
  const originalOneofTags = new Set(realOneofs(o).flatMap((x) => x.fieldsArray.map((f) => f.id)));
  for (const oneof of realOneofs(u)) {
    let moved = 0;
    let existing = 0;
    for (const f of oneof.fieldsArray) {
      if (originalByTag.delete(f.id)) moved++;
      else if (originalOneofTags.has(f.id)) existing++;
    }
    if (moved > 1) d.add('MULTIPLE_FIELDS_MOVED_TO_ONEOF', `${path}/${oneof.name}`);
    else if (moved === 1 && existing > 0) d.add('FIELD_MOVED_TO_EXISTING_ONEOF', `${path}/${oneof.name}`);
  }
  const updateOneofs = new Map(realOneofs(u).map((x) => [x.name, x]));
  for (const oneof of realOneofs(o)) {
    const other = updateOneofs.get(oneof.name);
    if (!other) continue; // ONEOF_REMOVED is compatible
    const updated = new Map(other.fieldsArray.map((f) => [f.id, f]));
    for (const f of oneof.fieldsArray) {
      const g = updated.get(f.id);
      if (!g) d.add('ONEOF_FIELD_REMOVED', `${path}/${oneof.name}/${f.id}`);
      else compareField(d, f, g, `${path}/${oneof.name}/${f.id}`, pkgs);
    }
  }
  for (const tag of new Set([...originalByTag.keys(), ...updateByTag.keys()])) {
    const f = originalByTag.get(tag);
    const g = updateByTag.get(tag);
    if (f && !g) {
      if (f.required) d.add('REQUIRED_FIELD_REMOVED', `${path}/${tag}`);
    } else if (!f && g) {
      if (g.required) d.add('REQUIRED_FIELD_ADDED', `${path}/${tag}`);
    } else if (f && g) compareField(d, f, g, `${path}/${tag}`, pkgs);
  }
  // Fields whose oneof membership changed are still the same wire field: compare their types.
  const byTag = (t: protobuf.Type): Map<number, protobuf.Field> => new Map(t.fieldsArray.map((f) => [f.id, f]));
  const allUpdate = byTag(u);
  for (const [tag, f] of byTag(o)) {
    const g = allUpdate.get(tag);
    if (g && oneofOf(f) !== oneofOf(g)) compareField(d, f, g, `${path}/${tag}`, pkgs);
  }
  compareTypes(d, o.nestedArray, u.nestedArray, path, pkgs);
}

function compareTypes(d: Diff, original: protobuf.ReflectionObject[], update: protobuf.ReflectionObject[], path: string, pkgs: [string, string]): void {
  const messages = (list: protobuf.ReflectionObject[]): Map<string, protobuf.Type> =>
    new Map(list.filter((x): x is protobuf.Type => x instanceof protobuf.Type).map((t) => [t.name, t]));
  const updated = messages(update);
  for (const [name, o] of messages(original)) {
    const u = updated.get(name);
    if (!u) d.add('MESSAGE_REMOVED', `${path}/${name}`);
    else compareMessage(d, o, u, `${path}/${name}`, pkgs);
  }
  // Enum changes (added, removed, constants changed) are all compatible in Confluent's rules.
}

/** Incompatible differences from `original` to `update`; empty when the update is compatible. */
export function protobufIncompatibilities(original: ProtoFile, update: ProtoFile): Incompatibility[] {
  const d = new Diff();
  if (original.pkg !== update.pkg) d.add('PACKAGE_CHANGED', '#/');
  compareTypes(d, original.types, update.types, '#', [original.pkg, update.pkg]);
  return d.found;
}
