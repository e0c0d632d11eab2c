import { NextResponse } from 'next/server';
import { endSession } from '@/lib/server/auth/session';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const POST = route(async ({ req }) => {
  const res = NextResponse.json({ signedOut: true }, { headers: { 'cache-control': 'no-store' } });
  endSession(req, res);
  return res;
});
