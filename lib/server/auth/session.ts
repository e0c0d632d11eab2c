import 'server-only';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { NextRequest, NextResponse } from 'next/server';
import { sessionSeconds } from './config';
import { ROLES, type Principal, type Role } from './roles';
import { sessionKey } from './session-secret';

/**
 * Sessions live in an encrypted, integrity-protected cookie (JWE, dir + A256GCM, with an
 * expiry): nothing to store server-side, and the browser cannot read or change it.
 */
export const SESSION_COOKIE = 'kayak_session';

async function seal(claims: Record<string, unknown>, seconds: number): Promise<string> {
  return new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${seconds}s`).encrypt(sessionKey());
}

async function unseal(token: string | undefined): Promise<Record<string, unknown> | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, sessionKey(), { clockTolerance: 5 });
    return payload as Record<string, unknown>;
  } catch {
    // Expired, tampered with, or sealed with another secret: not signed in.
    return null;
  }
}

function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export async function readSession(req: NextRequest): Promise<Principal | null> {
  const c = await unseal(req.cookies.get(SESSION_COOKIE)?.value);
  if (!c || typeof c.sub !== 'string' || (c.via !== 'users' && c.via !== 'oidc')) return null;
  const roles = Object.fromEntries(Object.entries((c.roles ?? {}) as Record<string, unknown>).filter((e): e is [string, Role] => isRole(e[1])));
  return { name: c.sub, roles, messages: c.messages === true, via: c.via };
}

/** Secure when the console is reached over https (directly or through a proxy saying so). */
export function isHttps(req: NextRequest): boolean {
  if (/^(1|true|yes)$/i.test(process.env.KAYAK_COOKIE_SECURE ?? '')) return true;
  return req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function cookieOptions(req: NextRequest, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: isHttps(req), path: '/', maxAge };
}

export async function startSession(req: NextRequest, res: NextResponse, p: Principal): Promise<void> {
  const seconds = sessionSeconds();
  const token = await seal({ sub: p.name, roles: p.roles, messages: p.messages, via: p.via }, seconds);
  res.cookies.set(SESSION_COOKIE, token, cookieOptions(req, seconds));
}

export function endSession(req: NextRequest, res: NextResponse): void {
  res.cookies.set(SESSION_COOKIE, '', cookieOptions(req, 0));
}

/** A short-lived sealed cookie (the OIDC state, nonce and PKCE verifier between redirects). */
export async function setSealedCookie(req: NextRequest, res: NextResponse, name: string, value: Record<string, unknown>, seconds: number): Promise<void> {
  res.cookies.set(name, await seal(value, seconds), cookieOptions(req, seconds));
}

export async function readSealedCookie(req: NextRequest, name: string): Promise<Record<string, unknown> | null> {
  return unseal(req.cookies.get(name)?.value);
}
