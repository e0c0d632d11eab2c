/** Signing in to a test stack and calling its API with the session cookie. */
import assert from 'node:assert/strict';

export interface Session {
  cookie: string;
  setCookie: string;
}

export async function login(
  url: string,
  name: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; session: Session | null }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, password }),
  });
  const body = await res.json();
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, body, session: setCookie ? { setCookie, cookie: setCookie.split(';')[0]! } : null };
}

export async function loginAs(url: string, name: string, password: string): Promise<Session> {
  const r = await login(url, name, password, { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.session);
  return r.session;
}

export async function call(
  url: string,
  session: Session | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a page or a stream)
  }
  return { status: res.status, body };
}
