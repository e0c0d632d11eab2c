import 'server-only';
import { RE2JS } from 're2js';
import { ApiError } from '../../api-error';

/**
 * User regular expressions (search key/value/header `regex`, the `~=` operator in filter
 * expressions) run on RE2 semantics: matching time is linear in the input, so a pattern such
 * as `(a+)+$` cannot stall the server the way a backtracking engine would. RE2 has no
 * backreferences or lookarounds; such a pattern is refused with a 400 naming the problem.
 */
export type SafeRegex = (text: string) => boolean;

const MAX_PATTERN = 10_000;

export function compileSafeRegex(pattern: string, opts: { caseSensitive: boolean; what: string }): SafeRegex {
  if (pattern.length > MAX_PATTERN) throw new ApiError('bad_request', `${opts.what}: the regular expression is longer than ${MAX_PATTERN} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, opts.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ApiError('bad_request', `${opts.what}: invalid or unsupported regular expression (RE2 syntax: no backreferences or lookarounds): ${why}`);
  }
  return (text) => re.matcher(text).find();
}

/** `~=` in filter expressions: patterns come from the expression, compiled once each. */
export function expressionRegexMatcher(): (text: unknown, pattern: unknown) => boolean {
  const cache = new Map<string, SafeRegex>();
  return (text, pattern) => {
    const p = String(pattern);
    let re = cache.get(p);
    if (!re) {
      re = compileSafeRegex(p, { caseSensitive: true, what: 'expr' });
      if (cache.size < 100) cache.set(p, re);
    }
    return re(String(text));
  };
}

/** The string literals right of `~=` in an expression, so bad patterns are refused before the search starts. */
export function expressionRegexLiterals(expression: string): string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(/~=\s*("((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)) {
    const body = m[2] ?? m[3] ?? '';
    out.push(body.replace(/\\(.)/g, '$1'));
  }
  return out;
}
