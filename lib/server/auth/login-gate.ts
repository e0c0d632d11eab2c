import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { currentUser } from './current-user';

/** Pages anyone may open: the login page itself. */
const OPEN_PAGES = ['/login'];

/**
 * Shows the login page to a browser that is not signed in, at the address it asked for (a
 * rewrite, not a redirect: Next normalizes a loopback host to "localhost" in middleware, and a
 * redirect there would leave the host name the session cookie belongs to). After signing in, the
 * login page loads the address again. API routes are not gated here: each answers 401/403 itself
 * from the permission table (lib/server/route.ts), as JSON.
 */
export async function loginGate(req: NextRequest, requestHeaders?: Headers): Promise<NextResponse | undefined> {
  const path = req.nextUrl.pathname;
  if (path.startsWith('/api/') || OPEN_PAGES.includes(path)) return undefined;
  if (await currentUser(req)) return undefined;
  const login = req.nextUrl.clone();
  login.pathname = '/login';
  login.search = `?next=${encodeURIComponent(`${path}${req.nextUrl.search}`)}`;
  // The request headers carry the page's CSP nonce, which the login page's scripts need.
  return NextResponse.rewrite(login, { headers: { 'cache-control': 'no-store' }, ...(requestHeaders ? { request: { headers: requestHeaders } } : {}) });
}
