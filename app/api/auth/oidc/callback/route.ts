import { NextResponse } from 'next/server';
import { ApiError } from '@/lib/api-error';
import { finishLogin, type PendingLogin } from '@/lib/server/auth/oidc-client';
import { readSealedCookie, startSession } from '@/lib/server/auth/session';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

// Relative redirects: the browser stays on the host name its cookies belong to.
const seeOther = (location: string) => new NextResponse(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });

/**
 * GET /api/auth/oidc/callback?code=&state= — the provider sends the browser back here; a failed
 * login goes back to the login page, which shows why.
 */
export const GET = route(async ({ req }) => {
  const q = req.nextUrl.searchParams;
  try {
    if (q.get('error')) throw new ApiError('unauthorized', `The OpenID provider refused the login: ${q.get('error_description') ?? q.get('error')}`);
    const pending = (await readSealedCookie(req, 'kayak_oidc')) as PendingLogin | null;
    if (!pending) throw new ApiError('bad_request', 'The login took too long or was started in another browser; start it again');
    const user = await finishLogin(req, pending);
    const res = seeOther(pending.returnTo);
    res.cookies.delete('kayak_oidc');
    await startSession(req, res, user);
    return res;
  } catch (e) {
    const message = e instanceof ApiError ? e.message : 'OpenID login failed';
    if (!(e instanceof ApiError)) console.error('[kayak] OpenID login failed:', e);
    return seeOther(`/login?error=${encodeURIComponent(message)}`);
  }
});
