import { NextResponse } from 'next/server';
import { passwordLogin } from '@/lib/server/auth/password-login';
import { startSession } from '@/lib/server/auth/session';
import { jsonBody, parse, route } from '@/lib/server/route';
import { loginSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/** POST /api/auth/login { name, password } — sets the session cookie (users file login). */
export const POST = route(async ({ req }) => {
  const user = await passwordLogin(req, parse(loginSchema, await jsonBody(req)));
  const res = NextResponse.json({ name: user.name }, { headers: { 'cache-control': 'no-store' } });
  await startSession(req, res, user);
  return res;
});
