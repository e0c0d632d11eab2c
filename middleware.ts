import type { NextRequest } from 'next/server';
import { loginGate } from './lib/server/auth/login-gate';

export async function middleware(req: NextRequest) {
  return loginGate(req);
}

export const config = {
  // Node.js: the login gate reads the users file and the session secret from the data dir.
  runtime: 'nodejs',
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
