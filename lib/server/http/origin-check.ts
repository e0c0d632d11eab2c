/**
 * Cross-site request forgery guard for every request that may change something (any method
 * but GET, HEAD and OPTIONS). A browser always says where a write comes from: `Origin` (sent
 * with every cross-origin request and every POST/PUT/PATCH/DELETE), and in current browsers
 * `Sec-Fetch-Site`. Page scripts cannot forge either. So:
 *
 *   1. Origin present: its host must be the request's own (Host, or X-Forwarded-Host from a
 *      proxy); "null" (sandboxed frames, file: pages) is refused.
 *   2. No Origin, Sec-Fetch-Site present: only "same-origin" and "none" (typed by the user)
 *      pass; "same-site" is refused too, since another port on localhost is the same site.
 *   3. Neither header: not a browser (curl, scripts), allowed — the same rule as Go's
 *      net/http CrossOriginProtection. Such a client could send any header anyway.
 *
 * A write with a body must also say `Content-Type: application/json`: the types an HTML form
 * can send (text/plain, form encodings) never reach a handler. Edge-runtime safe.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export interface OriginHeaders {
  get(name: string): string | null;
}

function originHost(origin: string): string | null {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Why a write is refused as cross-origin, or null when it may go on. */
export function crossOriginRefusal(method: string, headers: OriginHeaders): string | null {
  if (isSafeMethod(method)) return null;
  const origin = headers.get('origin');
  if (origin !== null) {
    const from = originHost(origin);
    const own = [headers.get('host'), headers.get('x-forwarded-host')?.split(',')[0]].filter((h): h is string => !!h).map((h) => h.trim().toLowerCase());
    if (from && own.includes(from)) return null;
    return `Cross-origin request refused: a ${method} from origin "${origin.slice(0, 200)}" may not change this console's cluster. Use the console's own pages, or a client that sends no Origin header (curl, scripts).`;
  }
  const site = headers.get('sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') return null;
  return `Cross-origin request refused: the browser marked this ${method} as "${site.slice(0, 40)}" (Sec-Fetch-Site), and only same-origin writes are accepted.`;
}

/** True when the request carries a body (a declared non-zero length, or a chunked one). */
export function hasBody(headers: OriginHeaders): boolean {
  const length = headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  return headers.get('transfer-encoding') !== null;
}

/** Why the body's declared type is refused, or null for application/json (any parameters). */
export function contentTypeRefusal(method: string, headers: OriginHeaders): string | null {
  if (isSafeMethod(method) || !hasBody(headers)) return null;
  const type = headers.get('content-type');
  const media = type?.split(';')[0]?.trim().toLowerCase();
  if (media === 'application/json') return null;
  return `Content-Type must be application/json for a request body (got ${type ? `"${type.slice(0, 100)}"` : 'none'}).`;
}
