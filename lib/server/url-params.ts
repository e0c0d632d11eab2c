import 'server-only';

/**
 * The listed query parameters of a page's URL, first value each, empty ones left out: what a
 * page hands its client view (the API validates every value).
 */
export function urlParams(s: Record<string, string | string[] | undefined>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = s[k];
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined && one !== '') out[k] = one;
  }
  return out;
}
