/**
 * Security headers for every response the middleware sees. Pages get a Content-Security-Policy
 * whose script-src allows only scripts carrying this request's nonce ('strict-dynamic' lets
 * those load Next's chunks); Next reads the nonce from the request's CSP header and puts it on
 * its own scripts, and the root layout puts it on the theme script. No inline script runs
 * without it. Styles keep 'unsafe-inline': React renders style attributes, which cannot carry
 * a nonce, and CSS cannot run code. API responses get a CSP that allows nothing at all.
 * Static assets (/_next/static) get the same headers from next.config.js.
 */
export const NONCE_HEADER = 'x-nonce';

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pageCsp(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The headers every response carries besides the CSP. */
export const COMMON_HEADERS: Record<string, string> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export function applySecurityHeaders(headers: Headers, csp: string): void {
  headers.set('content-security-policy', csp);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) headers.set(k, v);
}
