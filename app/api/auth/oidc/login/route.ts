import { NextResponse } from 'next/server';
import { authMethods } from '@/lib/server/auth/config';
import { beginLogin } from '@/lib/server/auth/oidc-client';
import { safeReturnPath } from '@/lib/server/auth/return-path';
import { setSealedCookie } from '@/lib/server/auth/session';
import { ApiError } from '@/lib/api-error';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** GET /api/auth/oidc/login?next=/path — redirects to the OpenID provider. */
export const GET = route(async ({ req }) => {
  if (!authMethods().oidc) throw new ApiError('bad_request', 'OpenID Connect login is not enabled (KAYAK_OIDC_ISSUER)');
  const { url, pending } = await beginLogin(req, safeReturnPath(req.nextUrl.searchParams.get('next')));
  const res = NextResponse.redirect(url, 302);
  await setSealedCookie(req, res, 'kayak_oidc', { ...pending }, 600);
  return res;
});
