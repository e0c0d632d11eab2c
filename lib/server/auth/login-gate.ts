import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { currentUser } from './current-user';
import { requestOrigin } from './request-origin';

/** Pages anyone may open: the login page itself. */
const OPEN_PAGES = ['/login'];

/**
 * Sends a browser that is not signed in to the login page. API routes are not gated here: each
 * answers 401/403 itself from the permission table (lib/server/route.ts), as JSON.
 */
export async function loginGate(req: NextRequest): Promise<NextResponse | undefined> {
  const path = req.nextUrl.pathname;
  if (path.startsWith('/api/') || OPEN_PAGES.includes(path)) return undefined;
  if (await currentUser(req)) return undefined;
  const target = new URL('/login', requestOrigin(req));
  target.searchParams.set('next', `${path}${req.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}
