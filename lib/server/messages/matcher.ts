import 'server-only';
import { compileExpression, type Operators } from 'filtrex';
import { ApiError } from '../../api-error';
import type { MessageDto } from '../../messages/dto';
import type { MatchOp } from '../../messages/params';
import type { RawRecord, RecordPrefilter } from '../kafka/free-consumer';
import { textPrefilter } from './prefilter';
import { compileSafeRegex, expressionRegexLiterals, expressionRegexMatcher } from './safe-regex';

/**
 * Search predicates. Key, value and header matches test the record's text: its UTF-8 bytes
 * when they are text, otherwise what the chosen format decoded (hex, JSON of msgpack/Avro…).
 * Expressions use filtrex, which compiles a small safe language (no access to JavaScript
 * globals or prototypes); dotted names walk into the decoded value, e.g. `value.user.id == 7`.
 */
export interface TextMatch {
  op: MatchOp;
  text: string;
  caseSensitive: boolean;
}

export interface SearchCriteria {
  key?: TextMatch;
  value?: TextMatch;
  /** header name (exact) and optionally a match on its value */
  header?: { name: string; value?: TextMatch };
  expression?: string;
}

/**
 * `dto` decodes on first use: plain-text matches on UTF-8 records never need it, and answer
 * synchronously (a scan of a million records should not pay a promise each). `prefilter`, when
 * set, tells from a record's raw key and value bytes that it cannot match (see prefilter.ts).
 */
export type Predicate = ((raw: RawRecord, dto: () => Promise<MessageDto>) => boolean | Promise<boolean>) & { prefilter?: RecordPrefilter };
type Check = (raw: RawRecord, dto: () => Promise<MessageDto>) => boolean | Promise<boolean>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Of(bytes: Buffer | null): string | null | undefined {
  if (bytes === null) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The record part's text: its UTF-8 bytes, or else what the chosen format decoded. */
function textTest(bytes: Buffer | null, f: (s: string | null) => boolean, decoded: () => Promise<string | undefined>): boolean | Promise<boolean> {
  const t = utf8Of(bytes);
  return t !== undefined ? f(t) : decoded().then((d) => f(d ?? null));
}

function compileText(m: TextMatch, what: string): (s: string | null) => boolean {
  if (m.op === 'regex') {
    const re = compileSafeRegex(m.text, { caseSensitive: m.caseSensitive, what });
    return (s) => s !== null && re(s);
  }
  const needle = m.caseSensitive ? m.text : m.text.toLowerCase();
  const norm = (s: string) => (m.caseSensitive ? s : s.toLowerCase());
  return m.op === 'equals' ? (s) => s !== null && norm(s) === needle : (s) => s !== null && norm(s).includes(needle);
}

function structured(text: string | undefined, isStructured: boolean | undefined): unknown {
  if (text === undefined) return null;
  if (!isStructured) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Walks dotted names through own properties only, so `constructor` and `__proto__` find nothing.
function customProp(name: string, _get: unknown, obj: unknown): unknown {
  let cur: unknown = obj;
  for (const part of name.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function compilePredicate(c: SearchCriteria): Predicate {
  const checks: Check[] = [];
  if (c.key) {
    const f = compileText(c.key, 'key');
    checks.push((r, d) => textTest(r.key, f, async () => (await d()).key?.text));
  }
  if (c.value) {
    const f = compileText(c.value, 'value');
    checks.push((r, d) => textTest(r.value, f, async () => (await d()).value?.text));
  }
  if (c.header) {
    const { name, value } = c.header;
    const f = value ? compileText(value, 'headerValue') : null;
    checks.push(async (r, d) => {
      for (let i = 0; i < r.headers.length; i++) {
        const h = r.headers[i]!;
        if (h.key !== name) continue;
        if (!f || (await textTest(h.value, f, async () => (await d()).headers[i]?.value?.text))) return true;
      }
      return false;
    });
  }
  if (c.expression) {
    let fn: (o: unknown) => unknown;
    for (const pattern of expressionRegexLiterals(c.expression)) compileSafeRegex(pattern, { caseSensitive: true, what: 'expr' });
    try {
      // `~=` is filtrex's regex operator; it runs on RE2 like every other user pattern.
      fn = compileExpression(c.expression, { customProp, operators: { '~=': expressionRegexMatcher() } as Partial<Operators> as Operators });
    } catch (e) {
      throw new ApiError('bad_request', `Invalid expression: ${(e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ')}`);
    }
    checks.push(async (r, dto) => {
      const d = await dto();
      const data = {
        partition: r.partition,
        offset: Number(r.offset),
        timestamp: Number(r.timestamp),
        size: r.size,
        key: structured(d.key?.text, d.key?.structured),
        value: structured(d.value?.text, d.value?.structured),
        keyText: utf8Of(r.key) ?? d.key?.text ?? null,
        valueText: utf8Of(r.value) ?? d.value?.text ?? null,
        headers: Object.fromEntries(d.headers.map((h) => [h.key, h.value?.text ?? null])),
      };
      const out = fn(data);
      return out === true || out === 1;
    });
  }
  const predicate: Predicate = (r, d) => {
    for (let i = 0; i < checks.length; i++) {
      const ok = checks[i]!(r, d);
      if (ok instanceof Promise) return ok.then((yes) => yes && rest(checks.slice(i + 1), r, d));
      if (!ok) return false;
    }
    return true;
  };
  const prefilter = textPrefilter(c.key, c.value);
  if (prefilter) predicate.prefilter = prefilter;
  return predicate;
}

async function rest(checks: Check[], r: RawRecord, d: () => Promise<MessageDto>): Promise<boolean> {
  for (const f of checks) if (!(await f(r, d))) return false;
  return true;
}
