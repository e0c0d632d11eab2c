/**
 * OpenID Connect login end to end: a real provider (oidc-provider, with its development login
 * and consent screens) on a loopback port, the built console, and Chromium following the real
 * redirects. Roles come from the "groups" claim through KAYAK_OIDC_ROLE_MAP.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from '@playwright/test';
import Provider from 'oidc-provider';
import { freePort, startStack, type Stack } from './stack.ts';

let stack: Stack;
let idp: Server;
let browser: Browser;
let dir: string;

const GROUPS: Record<string, string[]> = { alice: ['kafka-admins', 'staff'], bob: ['staff'], eve: ['strangers'] };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kayak-oidc-'));
  const idpPort = await freePort();
  const issuer = `http://127.0.0.1:${idpPort}`;
  // The provider needs the console's redirect URL, known only once the console runs: the port is
  // taken first and the provider attached to it afterwards.
  // eslint-disable-next-line prefer-const -- assigned once the console runs, read by the server before
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  idp = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((r) => idp.listen(idpPort, '127.0.0.1', r));
  stack = await startStack({
    env: {
      KAYAK_DATA_DIR: join(dir, 'data'),
      KAYAK_OIDC_ISSUER: issuer,
      KAYAK_OIDC_CLIENT_ID: 'kayak',
      KAYAK_OIDC_CLIENT_SECRET: 'kayak-client-secret',
      KAYAK_OIDC_SCOPES: 'openid profile groups',
      KAYAK_OIDC_ROLE_MAP: JSON.stringify({ 'kafka-admins': { roles: { '*': 'admin' }, messages: true }, staff: 'viewer' }),
    },
  });
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'kayak', client_secret: 'kayak-client-secret', redirect_uris: [`${stack.url}/api/auth/oidc/callback`] }],
    claims: { openid: ['sub'], profile: ['preferred_username'], groups: ['groups'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, preferred_username: id, groups: GROUPS[id] ?? [] }) }),
  });
  handler = provider.callback();
  const { chromium } = await import('@playwright/test');
  browser = await chromium.launch({
    executablePath: process.env.KAYAK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a console page signed out and goes through the provider's login and consent screens. */
async function signIn(user: string, path = '/topics') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.url}${path}`);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  // The hop through the console route and the provider's redirects can be slow on a busy machine.
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//, { timeout: 90_000 });
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The consent screen (first login of this user to this client).
  await page.getByRole('button', { name: 'Continue' }).click();
  return { context, page };
}

describe('Console auth > OpenID Connect', () => {
  test('signs in through the provider and maps groups to roles', async () => {
    const { context, page } = await signIn('alice', '/consumers');
    await page.waitForURL(`${stack.url}/consumers`);
    await page.getByTestId('current-user').getByText('alice').waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /alice\s*admin/);
    const me = await (await page.request.get(`${stack.url}/api/me`)).json();
    assert.deepEqual([me.user, me.role, me.can.messages, me.can['topic.delete']], [{ name: 'alice', via: 'oidc' }, 'admin', true, true]);
    const cookie = (await context.cookies()).find((c) => c.name === 'kayak_session')!;
    assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.secure], [true, 'Lax', false]);
    assert.ok(cookie.expires > Date.now() / 1000 + 3600);
    await context.close();
  });

  test('a viewer group gives a viewer, refused on writes', async () => {
    const { context, page } = await signIn('bob');
    await page.waitForURL(`${stack.url}/topics`);
    await page.getByTestId('current-user').getByText('viewer').waitFor();
    const res = await page.request.post(`${stack.url}/api/topics`, { data: { name: 'oidc-nope', partitions: 1, replicationFactor: 1 } });
    assert.equal(res.status(), 403);
    assert.match((await res.json()).error.message, /needs the admin role/);
    assert.equal((await page.request.get(`${stack.url}/api/topics`)).status(), 200);
    await context.close();
  });

  test('a user whose groups map to no role is refused with the reason', async () => {
    const { context, page } = await signIn('eve');
    await page.waitForURL(/\/login\?error=/);
    await page
      .getByRole('alert')
      .getByText(/no role is granted/)
      .waitFor();
    assert.equal((await page.request.get(`${stack.url}/api/topics`)).status(), 401);
    await context.close();
  });

  test('a callback without the login cookie (forged or replayed) signs no one in', async () => {
    const res = await fetch(`${stack.url}/api/auth/oidc/callback?code=forged&state=forged`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login\?error=/);
    assert.equal(res.headers.get('set-cookie'), null);
  });
});
