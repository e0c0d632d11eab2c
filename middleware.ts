import { NextResponse, type NextRequest } from 'next/server';
import { ApiError } from './lib/api-error';
import { declaredLengthRefusal, maxBodyForPath, undeclaredLengthRefusal } from './lib/server/http/body-limit';
import { hostRefusal } from './lib/server/http/host-check';
import { contentTypeRefusal, crossOriginRefusal } from './lib/server/http/origin-check';
import { loginGate } from './lib/server/auth/login-gate';
import { API_CSP, applySecurityHeaders, newNonce, NONCE_HEADER, pageCsp } from './lib/server/http/security-headers';

/**
 * Runs before every page and API route (not the static assets, see `config`): refuses unknown
 * Host headers (DNS rebinding), cross-origin writes, non-JSON bodies, oversized declared bodies
 * and bodies of no declared length, then adds the security headers. Each check lives in
 * lib/server/http/ and answers with the console's JSON error body, so the UI shows the reason.
 */
function refuse(req: NextRequest, err: ApiError, csp: string): NextResponse {
  const res = req.nextUrl.pathname.startsWith('/api/')
    ? NextResponse.json(err.toJSON(), { status: err.status })
    : new NextResponse(err.message, { status: err.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  res.headers.set('cache-control', 'no-store');
  applySecurityHeaders(res.headers, csp);
  return res;
}

export async function middleware(req: NextRequest): Promise<NextResponse> {
  const isApi = req.nextUrl.pathname.startsWith('/api/');
  const nonce = isApi ? '' : newNonce();
  const csp = isApi ? API_CSP : pageCsp(nonce);

  const badHost = hostRefusal(req.headers.get('host'));
  if (badHost) return refuse(req, new ApiError('host_not_allowed', badHost), csp);
  const crossOrigin = crossOriginRefusal(req.method, req.headers);
  if (crossOrigin) return refuse(req, new ApiError('forbidden', crossOrigin), csp);
  const badType = contentTypeRefusal(req.method, req.headers);
  if (badType) return refuse(req, new ApiError('unsupported_media_type', badType), csp);
  const tooLarge = declaredLengthRefusal(req.headers.get('content-length'), maxBodyForPath(req.nextUrl.pathname));
  if (tooLarge) return refuse(req, tooLarge, csp);
  const noLength = undeclaredLengthRefusal(req.method, req.headers);
  if (noLength) return refuse(req, noLength, csp);

  let res: NextResponse;
  if (isApi) {
    // API routes answer 401/403 themselves from the permission table, as JSON.
    res = NextResponse.next();
  } else {
    // Next takes the nonce for its own scripts from the request's CSP header.
    const headers = new Headers(req.headers);
    headers.set(NONCE_HEADER, nonce);
    headers.set('content-security-policy', csp);
    res = (await loginGate(req, headers)) ?? NextResponse.next({ request: { headers } });
  }
  applySecurityHeaders(res.headers, csp);
  return res;
}

export const config = {
  // Node.js: the login gate reads the users file and the session secret from the data dir.
  runtime: 'nodejs',
  // Everything but Next's static files (their headers come from next.config.js).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
