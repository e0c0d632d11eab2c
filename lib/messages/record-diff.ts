import { diffLines } from 'diff';
import microdiff from 'microdiff';
import type { DecodedDto, MessageDto } from './dto';
import { parseJsonTree, type JsonNode } from './json-tree';

/**
 * Compares two decoded records: key and value structurally by path when both sides are JSON
 * (microdiff), otherwise line by line (jsdiff); headers by name; timestamps by their distance.
 *
 * The JSON goes through the console's own lossless tree, never JSON.parse: integers become
 * bigint, so 9007199254740993 and …992 differ, and decimals become String objects, which
 * microdiff compares as numbers (1.0 equals 1.00) while keeping their text for display.
 */
export interface FieldChangeDto {
  kind: 'added' | 'removed' | 'changed';
  path: (string | number)[];
  /** the path as `a.b[2]["odd key"]`; "" for the whole value */
  pathText: string;
  /** compact JSON of the value before and after */
  before?: string;
  after?: string;
}

export interface LineDto {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface PartDiffDto {
  /** structural: JSON on both sides; text: line diff; null: one side or both are null */
  mode: 'structural' | 'text' | 'null';
  equal: boolean;
  changes?: FieldChangeDto[];
  lines?: LineDto[];
  /** a side's text was cut at maxChars, so the comparison covers only what was read */
  truncated?: boolean;
}

export interface HeaderChangeDto {
  kind: 'added' | 'removed' | 'changed';
  key: string;
  before?: string[];
  after?: string[];
}

export interface RecordDiffDto {
  /** true when key, value and headers are the same (timestamps and offsets may differ) */
  equal: boolean;
  key: PartDiffDto;
  value: PartDiffDto;
  headers: HeaderChangeDto[];
  /** b's timestamp minus a's, in milliseconds (INT64 as a string) */
  timestampDeltaMs: string;
}

/** Lossless JSON as plain values: objects without a prototype (so "__proto__" is just a key). */
// String objects stand for decimals on purpose (see above): microdiff compares them as numbers.
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
type Plain = null | boolean | string | bigint | String | Plain[] | { [k: string]: Plain };

function toPlain(n: JsonNode): Plain {
  switch (n.t) {
    case 'str':
      return n.v;
    case 'num':
      return /^-?\d+$/.test(n.raw) ? BigInt(n.raw) : new String(n.raw);
    case 'lit':
      return n.raw === 'null' ? null : n.raw === 'true';
    case 'arr':
      return n.items.map(toPlain);
    case 'obj': {
      const o = Object.create(null) as { [k: string]: Plain };
      for (const [k, v] of n.entries) o[k] = toPlain(v);
      return o;
    }
  }
}

/** Compact JSON text of a plain value, numbers exactly as written. */
export function plainText(v: Plain | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof String) return v.valueOf();
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(plainText).join(',')}]`;
  return `{${Object.keys(v)
    .map((k) => `${JSON.stringify(k)}:${plainText(v[k])}`)
    .join(',')}}`;
}

export function pathText(path: (string | number)[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i === 0 ? '' : '.'}${p}` : `[${JSON.stringify(p)}]`))
    .join('');
}

/** Field changes from a to b, by path. Roots that are not objects compare as one value at path "". */
export function structuralChanges(a: JsonNode, b: JsonNode): FieldChangeDto[] {
  // Wrapped so a top-level scalar or a type change of the root is a change like any other.
  const out = microdiff([toPlain(a)] as unknown as Record<string, unknown>, [toPlain(b)] as unknown as Record<string, unknown>);
  return out.map((d) => {
    const path = d.path.slice(1);
    const base = { path, pathText: pathText(path) };
    if (d.type === 'CREATE') return { ...base, kind: 'added', after: plainText(d.value as Plain) };
    if (d.type === 'REMOVE') return { ...base, kind: 'removed', before: plainText(d.oldValue as Plain) };
    return { ...base, kind: 'changed', before: plainText(d.oldValue as Plain), after: plainText(d.value as Plain) };
  });
}

function tree(d: DecodedDto): JsonNode | null {
  if (!d.structured || d.truncated) return null;
  try {
    return parseJsonTree(d.text);
  } catch {
    return null;
  }
}

export function lineDiff(a: string, b: string): LineDto[] {
  return diffLines(a, b).map((p) => ({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

export function diffPart(a: DecodedDto | null, b: DecodedDto | null): PartDiffDto {
  if (a === null || b === null) return { mode: 'null', equal: a === null && b === null };
  const truncated = a.truncated || b.truncated ? { truncated: true } : {};
  const ta = tree(a);
  const tb = tree(b);
  if (ta && tb) {
    const changes = structuralChanges(ta, tb);
    return { mode: 'structural', equal: changes.length === 0, changes, ...truncated };
  }
  const lines = lineDiff(a.text, b.text);
  return { mode: 'text', equal: lines.every((l) => l.kind === 'same') && a.format === b.format, lines, ...truncated };
}

function headerMap(m: MessageDto): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of m.headers) out.set(h.key, [...(out.get(h.key) ?? []), h.value === null ? '(null)' : h.value.text]);
  return out;
}

/** Headers by name; a name repeated in a record compares as its list of values in order. */
export function diffHeaders(a: MessageDto, b: MessageDto): HeaderChangeDto[] {
  const ha = headerMap(a);
  const hb = headerMap(b);
  const out: HeaderChangeDto[] = [];
  for (const [key, before] of ha) {
    const after = hb.get(key);
    if (!after) out.push({ kind: 'removed', key, before });
    else if (before.length !== after.length || before.some((v, i) => v !== after[i])) out.push({ kind: 'changed', key, before, after });
  }
  for (const [key, after] of hb) if (!ha.has(key)) out.push({ kind: 'added', key, after });
  return out;
}

export function diffRecords(a: MessageDto, b: MessageDto): RecordDiffDto {
  const key = diffPart(a.key, b.key);
  const value = diffPart(a.value, b.value);
  const headers = diffHeaders(a, b);
  return {
    equal: key.equal && value.equal && headers.length === 0,
    key,
    value,
    headers,
    timestampDeltaMs: (BigInt(b.timestamp) - BigInt(a.timestamp)).toString(),
  };
}
