import 'server-only';
import type { NextRequest } from 'next/server';
import { authEnabled, authMethods } from './config';
import { ANONYMOUS_ADMIN, type Principal } from './roles';
import { readSession } from './session';
import { loadUsers, principalOf } from './users-file';

/**
 * The signed-in user, or null. With login off everyone is the anonymous admin. Users from the
 * users file get their current roles from the file, so a removed user is signed out at once.
 */
export async function currentUser(req: NextRequest): Promise<Principal | null> {
  if (!authEnabled()) return ANONYMOUS_ADMIN;
  const session = await readSession(req);
  if (!session) return null;
  if (session.via === 'users') {
    if (!authMethods().users) return null;
    const entry = loadUsers().get(session.name);
    return entry ? principalOf(entry) : null;
  }
  return authMethods().oidc ? session : null;
}

/**
 * The client's address as far as the console can tell: Next passes the socket address in
 * X-Forwarded-For unless the request already carried one (a reverse proxy, or a client making
 * it up), so it is a hint for rate limiting, never an identity.
 */
export function clientAddress(req: NextRequest): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}
