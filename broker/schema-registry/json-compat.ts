/**
 * JSON Schema compatibility as Confluent's registry judges it: a diff of the original schema
 * against the update in which only some differences break compatibility. The main rules:
 * - Content models. An object is open when it allows any additional property (the default),
 *   closed with `additionalProperties: false`, partially open with a schema for them. Adding a
 *   property to an open model is incompatible (old data may hold anything under that name)
 *   unless its schema is empty; removing one from an open model is compatible. Adding an
 *   optional property (or a required one with a default) to a closed model is compatible;
 *   removing a property from a closed model is not. Partially open models compare the property
 *   with the additional-properties schema.
 * - Making a property required is incompatible unless it has a default; dropping `required` is fine.
 * - Type changes are incompatible, except widening (integer → number, a type joining a union,
 *   anything → the empty schema).
 * - Constraints may loosen (maxLength up, minimum down, enum extended, pattern removed) but not tighten.
 */
import type { Incompatibility } from './schema-provider.ts';

export interface JsonDocument {
  schema: unknown;
  /** Referenced documents by reference name. */
  refs: Map<string, unknown>;
}

type Obj = Record<string, unknown>;
type Kind = 'EMPTY' | 'FALSE' | 'OBJECT' | 'ARRAY' | 'STRING' | 'NUMBER' | 'BOOLEAN' | 'NULL' | 'ENUM' | 'CONST' | 'COMBINED' | 'NOT';

const COMPATIBLE = new Set([
  'TYPE_EXTENDED',
  'SUM_TYPE_EXTENDED',
  'PRODUCT_TYPE_NARROWED',
  'ENUM_ARRAY_EXTENDED',
  'ADDITIONAL_PROPERTIES_ADDED',
  'ADDITIONAL_PROPERTIES_EXTENDED',
  'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
  'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
  'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
  'REQUIRED_ATTRIBUTE_REMOVED',
  'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
  'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
]);

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (s: Obj, k: string): number | undefined => (typeof s[k] === 'number' ? (s[k] as number) : undefined);

class Context {
  readonly found: Incompatibility[] = [];
  private readonly visiting = new Set<unknown>();
  constructor(
    readonly original: JsonDocument,
    readonly update: JsonDocument,
  ) {}

  add(type: string, path: string): void {
    if (COMPATIBLE.has(type)) return;
    if (this.found.some((f) => f.errorType === type && f.additionalInfo === path)) return;
    this.found.push({ errorType: type, description: `Found incompatible change: Difference{jsonPath='${path}', type=${type}}`, additionalInfo: path });
  }

  /** Runs `fn` in a trial context; returns whether it found nothing incompatible. */
  trial(fn: (c: Context) => void): boolean {
    const c = new Context(this.original, this.update);
    for (const v of this.visiting) c.visiting.add(v);
    fn(c);
    return c.found.length === 0;
  }

  /** Guards recursive `$ref`s: a pair of schemas being compared further up is not compared again. */
  enter(o: unknown, u: unknown): string | null {
    const key = `${JSON.stringify(o)}\0${JSON.stringify(u)}`;
    if (this.visiting.has(key)) return null;
    this.visiting.add(key);
    return key;
  }

  leave(key: string): void {
    this.visiting.delete(key);
  }
}

/** Follows a `$ref` into its own document or a referenced one; an unresolvable ref stays as is. */
function deref(s: unknown, doc: JsonDocument, depth = 0): unknown {
  if (!isObj(s) || typeof s.$ref !== 'string' || depth > 32) return s;
  const ref = s.$ref;
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  let target: unknown = base === '' ? doc.schema : doc.refs.get(base);
  if (target === undefined) return s;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (!isObj(target)) return s;
    target = target[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return target === undefined ? s : deref(target, doc, depth + 1);
}

const OBJECT_KEYS = ['properties', 'additionalProperties', 'required', 'patternProperties', 'minProperties', 'maxProperties', 'dependencies'];
const ARRAY_KEYS = ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'];
const STRING_KEYS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const has = (s: Obj, keys: string[]): boolean => keys.some((k) => k in s);

function kindOf(s: unknown): Kind {
  if (s === false) return 'FALSE';
  if (!isObj(s)) return 'EMPTY';
  if ('enum' in s) return 'ENUM';
  if ('const' in s) return 'CONST';
  if ('allOf' in s || 'anyOf' in s || 'oneOf' in s) return 'COMBINED';
  if (Array.isArray(s.type)) return s.type.length === 1 ? kindOf({ ...s, type: s.type[0] }) : 'COMBINED';
  switch (s.type) {
    case 'object':
      return 'OBJECT';
    case 'array':
      return 'ARRAY';
    case 'string':
      return 'STRING';
    case 'integer':
    case 'number':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    case 'null':
      return 'NULL';
  }
  if ('not' in s) return 'NOT';
  if (has(s, OBJECT_KEYS)) return 'OBJECT';
  if (has(s, ARRAY_KEYS)) return 'ARRAY';
  if (has(s, STRING_KEYS)) return 'STRING';
  if (has(s, NUMBER_KEYS)) return 'NUMBER';
  return 'EMPTY';
}

/** The subschemas and criterion of a combined schema (a type array is an anyOf of single types). */
function combined(s: Obj): { criterion: 'allOf' | 'anyOf' | 'oneOf'; subs: unknown[] } {
  if (Array.isArray(s.type) && !('allOf' in s || 'anyOf' in s || 'oneOf' in s)) {
    return { criterion: 'anyOf', subs: (s.type as unknown[]).map((t) => ({ ...s, type: t })) };
  }
  for (const criterion of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[criterion])) return { criterion, subs: s[criterion] as unknown[] };
  return { criterion: 'allOf', subs: [] };
}

function compareBound(ctx: Context, path: string, o: number | undefined, u: number | undefined, name: string, looserWhenLarger: boolean): void {
  if (o === u) return;
  if (o === undefined) return ctx.add(`${name}_ADDED`, path);
  if (u === undefined) return;
  const larger = u > o;
  if (larger !== looserWhenLarger) ctx.add(`${name}_${looserWhenLarger ? 'DECREASED' : 'INCREASED'}`, path);
}

function compare(ctx: Context, original: unknown, update: unknown, path: string): void {
  const o = deref(original, ctx.original);
  const u = deref(update, ctx.update);
  const key = ctx.enter(o, u);
  if (key === null) return;
  try {
    compareSchemas(ctx, o, u, path);
  } finally {
    ctx.leave(key);
  }
}

function compareSchemas(ctx: Context, o: unknown, u: unknown, path: string): void {
  const ok = kindOf(o);
  const uk = kindOf(u);
  if (ok !== 'COMBINED' && uk === 'COMBINED' && isObj(u)) {
    const { criterion, subs } = combined(u);
    if (subs.length === 1 && ctx.trial((c) => compare(c, o, subs[0], path))) return compare(ctx, o, subs[0], path);
    if (criterion !== 'allOf' && subs.some((sub) => ctx.trial((c) => compare(c, o, sub, path)))) return; // SUM_TYPE_EXTENDED
  } else if (ok === 'COMBINED' && uk !== 'COMBINED' && isObj(o)) {
    const { subs } = combined(o);
    if (subs.length === 1 && ctx.trial((c) => compare(c, subs[0], u, path))) return compare(ctx, subs[0], u, path);
  }
  if (ok !== uk) {
    if (ok === 'FALSE' || uk === 'EMPTY') return;
    return ctx.add('TYPE_CHANGED', path);
  }
  if (!isObj(o) || !isObj(u)) return;
  switch (ok) {
    case 'STRING':
      compareBound(ctx, path, num(o, 'maxLength'), num(u, 'maxLength'), 'MAX_LENGTH', true);
      compareBound(ctx, path, num(o, 'minLength'), num(u, 'minLength'), 'MIN_LENGTH', false);
      if (u.pattern !== undefined && u.pattern !== o.pattern) ctx.add(o.pattern === undefined ? 'PATTERN_ADDED' : 'PATTERN_CHANGED', path);
      return;
    case 'NUMBER':
      if (o.type === 'number' && u.type === 'integer') ctx.add('TYPE_NARROWED', path);
      compareBound(ctx, path, num(o, 'maximum'), num(u, 'maximum'), 'MAXIMUM', true);
      compareBound(ctx, path, num(o, 'exclusiveMaximum'), num(u, 'exclusiveMaximum'), 'EXCLUSIVE_MAXIMUM', true);
      compareBound(ctx, path, num(o, 'minimum'), num(u, 'minimum'), 'MINIMUM', false);
      compareBound(ctx, path, num(o, 'exclusiveMinimum'), num(u, 'exclusiveMinimum'), 'EXCLUSIVE_MINIMUM', false);
      if (num(u, 'multipleOf') !== undefined && num(o, 'multipleOf') !== num(u, 'multipleOf')) {
        const om = num(o, 'multipleOf');
        if (om === undefined) ctx.add('MULTIPLE_OF_ADDED', path);
        else if (om % num(u, 'multipleOf')! !== 0) ctx.add('MULTIPLE_OF_CHANGED', path);
      }
      return;
    case 'ENUM': {
      const ue = (u.enum as unknown[]).map((x) => JSON.stringify(x));
      if (!(o.enum as unknown[]).every((x) => ue.includes(JSON.stringify(x)))) ctx.add('ENUM_ARRAY_CHANGED', path);
      return;
    }
    case 'CONST':
      if (JSON.stringify(o.const) !== JSON.stringify(u.const)) ctx.add('CONST_CHANGED', path);
      return;
    case 'NOT':
      if (JSON.stringify(o.not) !== JSON.stringify(u.not)) ctx.add('NOT_TYPE_EXTENDED', path);
      return;
    case 'COMBINED':
      return compareCombined(ctx, o, u, path);
    case 'OBJECT':
      return compareObject(ctx, o, u, path);
    case 'ARRAY':
      return compareArray(ctx, o, u, path);
  }
}

function compareCombined(ctx: Context, o: Obj, u: Obj, path: string): void {
  const a = combined(o);
  const b = combined(u);
  if (a.criterion !== b.criterion && !(a.criterion === 'oneOf' && b.criterion === 'anyOf')) return ctx.add('COMBINED_TYPE_CHANGED', path);
  const sum = b.criterion !== 'allOf';
  if (b.subs.length < a.subs.length && sum) ctx.add('SUM_TYPE_NARROWED', path);
  if (b.subs.length > a.subs.length && !sum) ctx.add('PRODUCT_TYPE_EXTENDED', path);
  // Each original branch must still have a compatible counterpart (for allOf, the other way round).
  const [from, to] = sum ? [a.subs, b.subs] : [b.subs, a.subs];
  const unmatched = from.filter((x) => !to.some((y) => ctx.trial((c) => (sum ? compare(c, x, y, path) : compare(c, y, x, path)))));
  if (unmatched.length > 0) ctx.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED', path);
}

const properties = (s: Obj): Obj => (isObj(s.properties) ? s.properties : {});
const required = (s: Obj): string[] => (Array.isArray(s.required) ? (s.required as string[]) : []);
const additional = (s: Obj): { permits: boolean; schema: unknown | null } =>
  s.additionalProperties === false
    ? { permits: false, schema: null }
    : { permits: true, schema: isObj(s.additionalProperties) ? s.additionalProperties : null };
const isOpen = (s: Obj): boolean => !isObj(s.patternProperties) && additional(s).permits && additional(s).schema === null;
const hasDefault = (s: unknown): boolean => isObj(s) && 'default' in s;

/** The schema a partially open model gives an undeclared property, or null. */
function partialSchema(s: Obj, key: string): unknown | null {
  if (isObj(s.patternProperties)) {
    for (const [pattern, schema] of Object.entries(s.patternProperties)) {
      try {
        if (new RegExp(pattern, 'u').test(key)) return schema;
      } catch {
        // an invalid pattern matches nothing
      }
    }
  }
  return additional(s).schema;
}

function compareObject(ctx: Context, o: Obj, u: Obj, path: string): void {
  const op = properties(o);
  const up = properties(u);
  for (const key of Object.keys(op)) {
    if (!(key in up)) continue;
    const was = required(o).includes(key);
    const is = required(u).includes(key);
    if (!was && is && !hasDefault(up[key])) ctx.add('REQUIRED_ATTRIBUTE_ADDED', `${path}/required/${key}`);
  }
  for (const key of new Set([...Object.keys(op), ...Object.keys(up)])) {
    const at = `${path}/properties/${key}`;
    if (!(key in up)) {
      if (isOpen(u)) continue; // PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL
      const partial = partialSchema(u, key);
      if (partial !== null) {
        if (!ctx.trial((c) => compare(c, op[key], partial, at))) ctx.add('PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', at);
      } else if (op[key] !== false) ctx.add('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', at);
    } else if (!(key in op)) {
      if (isOpen(o)) {
        if (kindOf(deref(up[key], ctx.update)) !== 'EMPTY') ctx.add('PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', at);
        continue;
      }
      const partial = partialSchema(o, key);
      if (partial !== null && !ctx.trial((c) => compare(c, partial, up[key], at))) ctx.add('PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', at);
      if (required(u).includes(key) && !hasDefault(up[key])) ctx.add('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', at);
    } else compare(ctx, op[key], up[key], at);
  }
  const a = additional(o);
  const b = additional(u);
  const at = `${path}/additionalProperties`;
  if (a.permits !== b.permits) {
    if (!b.permits) ctx.add('ADDITIONAL_PROPERTIES_REMOVED', at);
  } else if (a.schema === null && b.schema !== null) ctx.add('ADDITIONAL_PROPERTIES_NARROWED', at);
  else if (a.schema !== null && b.schema !== null) compare(ctx, a.schema, b.schema, at);
  compareBound(ctx, path, num(o, 'maxProperties'), num(u, 'maxProperties'), 'MAX_PROPERTIES', true);
  compareBound(ctx, path, num(o, 'minProperties'), num(u, 'minProperties'), 'MIN_PROPERTIES', false);
}

function compareArray(ctx: Context, o: Obj, u: Obj, path: string): void {
  const tuple = (s: Obj): unknown[] | null => (Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : null);
  const ot = tuple(o);
  const ut = tuple(u);
  if (ot === null && ut === null) {
    if (o.items !== undefined || u.items !== undefined) compare(ctx, o.items ?? {}, u.items ?? {}, `${path}/items`);
  } else {
    const rest = (s: Obj): unknown => (Array.isArray(s.prefixItems) ? s.items : s.additionalItems);
    const openO = rest(o) === undefined || rest(o) === true;
    const openU = rest(u) === undefined || rest(u) === true;
    const a = ot ?? [];
    const b = ut ?? [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const at = `${path}/items/${i}`;
      if (i >= b.length) {
        if (!openU) ctx.add('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', at);
      } else if (i >= a.length) {
        if (openO && kindOf(b[i]) !== 'EMPTY') ctx.add('ITEM_ADDED_TO_OPEN_CONTENT_MODEL', at);
      } else compare(ctx, a[i], b[i], at);
    }
    if (openO && !openU) ctx.add('ADDITIONAL_ITEMS_REMOVED', path);
  }
  compareBound(ctx, path, num(o, 'maxItems'), num(u, 'maxItems'), 'MAX_ITEMS', true);
  compareBound(ctx, path, num(o, 'minItems'), num(u, 'minItems'), 'MIN_ITEMS', false);
  if (u.uniqueItems === true && o.uniqueItems !== true) ctx.add('UNIQUE_ITEMS_ADDED', path);
}

/** Incompatible differences from `original` to `update`; empty when the update is compatible. */
export function jsonIncompatibilities(original: JsonDocument, update: JsonDocument): Incompatibility[] {
  const ctx = new Context(original, update);
  compare(ctx, original.schema, update.schema, '#');
  return ctx.found;
}
