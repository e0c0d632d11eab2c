import 'server-only';
import type { NextRequest } from 'next/server';

/**
 * The origin the browser used, from its Host header. Next normalizes `nextUrl` to "localhost" for
 * a loopback bind, and a redirect there would land on a host name the session cookie does not
 * belong to (and break an OpenID redirect URL registered as 127.0.0.1).
 */
export function requestOrigin(req: NextRequest): string {
  const host = req.headers.get('host') ?? req.nextUrl.host;
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || req.nextUrl.protocol.replace(/:$/, '');
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}
