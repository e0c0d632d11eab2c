/**
 * Login with a users file (KAYAK_USERS_FILE), roles per cluster on every write route, and the
 * audit log, against the built console and the bundled broker.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hash } from '@node-rs/argon2';
import { Kafka, logLevel } from 'kafkajs';
import { call, login, loginAs, type Session } from './auth-helpers.ts';
import { randomName, startStack, type Stack } from './stack.ts';

let stack: Stack;
let dir: string;
const sessions: Record<string, Session> = {};
const PASSWORD = 'correct horse battery';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kayak-auth-'));
  const passwordHash = await hash(PASSWORD);
  const users = [
    { name: 'ada', passwordHash, roles: 'admin', messages: true },
    { name: 'otto', passwordHash, roles: { '*': 'operator' }, messages: true },
    { name: 'vic', passwordHash, roles: { '*': 'viewer' } },
    // admin on "offline" only: a viewer on "local"
    { name: 'mixed', passwordHash, roles: { '*': 'viewer', offline: 'admin' }, messages: true },
  ];
  writeFileSync(join(dir, 'users.yaml'), `users:\n${users.map((u) => `  - ${JSON.stringify(u)}`).join('\n')}\n`);
  stack = await startStack({ env: { KAYAK_USERS_FILE: join(dir, 'users.yaml'), KAYAK_DATA_DIR: join(dir, 'data'), KAYAK_LOGIN_MAX_FAILURES: '4' } });
  for (const name of ['ada', 'otto', 'vic', 'mixed']) sessions[name] = await loginAs(stack.url, name, PASSWORD);
});
after(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function auditLines(): any[] {
  return readFileSync(join(dir, 'data', 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('Console auth > users file login', () => {
  test('the right password signs in with an HttpOnly, SameSite=Lax, expiring cookie; no Secure over http', async () => {
    const r = await login(stack.url, 'ada', PASSWORD, { 'x-forwarded-for': '10.1.0.1' });
    assert.equal(r.status, 200);
    const c = r.session!.setCookie;
    assert.match(c, /^kayak_session=[^;]{40,}/);
    assert.match(c, /;\s*HttpOnly/i);
    assert.match(c, /;\s*SameSite=lax/i);
    assert.match(c, /;\s*Path=\//i);
    assert.match(c, /;\s*Max-Age=28800/i);
    assert.doesNotMatch(c, /;\s*Secure/i);
    // The cookie is encrypted: neither the name nor the role is readable in it.
    assert.doesNotMatch(decodeURIComponent(c), /ada|admin/);
    const me = await call(stack.url, r.session, '/api/me');
    assert.deepEqual([me.body.user.name, me.body.role, me.body.loginEnabled], ['ada', 'admin', true]);
  });

  test('behind an https proxy the cookie is Secure', async () => {
    const r = await login(stack.url, 'ada', PASSWORD, { 'x-forwarded-for': '10.1.0.2', 'x-forwarded-proto': 'https' });
    assert.match(r.session!.setCookie, /;\s*Secure/i);
  });

  test('a wrong password and an unknown user get the same 401 and no cookie', async () => {
    const wrong = await login(stack.url, 'ada', 'nope', { 'x-forwarded-for': '10.1.0.3' });
    const unknown = await login(stack.url, 'nobody', 'nope', { 'x-forwarded-for': '10.1.0.3' });
    for (const r of [wrong, unknown]) {
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'unauthorized');
      assert.equal(r.body.error.message, 'Wrong user name or password');
      assert.equal(r.session, null);
    }
  });

  test('without a session the API answers 401 and pages show the login page', async () => {
    const api = await call(stack.url, null, '/api/topics');
    assert.equal(api.status, 401);
    assert.equal(api.body.error.message, 'Sign in first');
    // The login page, at the address asked for.
    const page = await fetch(`${stack.url}/topics?cluster=local`, { redirect: 'manual' });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Sign in to Kayak/);
    const signedIn = await fetch(`${stack.url}/topics?cluster=local`, { headers: { cookie: sessions.vic!.cookie } });
    assert.doesNotMatch(await signedIn.text(), /Sign in to Kayak/);
    assert.equal((await fetch(`${stack.url}/login`)).status, 200);
    assert.equal((await call(stack.url, null, '/api/ping')).status, 200);
    const me = await call(stack.url, null, '/api/me');
    assert.deepEqual([me.status, me.body.user, me.body.methods], [200, null, { password: true, oidc: false }]);
  });

  test('a tampered or foreign cookie is no session', async () => {
    const c = sessions.ada!.cookie;
    const tampered = { cookie: `${c.slice(0, -4)}${c.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`, setCookie: '' };
    assert.equal((await call(stack.url, tampered, '/api/topics')).status, 401);
    assert.equal((await call(stack.url, { cookie: 'kayak_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.', setCookie: '' }, '/api/topics')).status, 401);
  });

  test('logout clears the cookie', async () => {
    const s = await loginAs(stack.url, 'vic', PASSWORD);
    const res = await fetch(`${stack.url}/api/auth/logout`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie') ?? '', /kayak_session=;.*Max-Age=0/i);
  });

  test('failed logins are limited per address and per user name (429)', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await login(stack.url, `guess-${i}`, 'x', { 'x-forwarded-for': '10.2.0.1' })).status, 401);
    const blocked = await login(stack.url, 'otto', PASSWORD, { 'x-forwarded-for': '10.2.0.1' });
    assert.equal(blocked.status, 429);
    assert.match(blocked.body.error.message, /Too many failed logins; try again in \d+ s/);
    // Rotating addresses does not help against one name.
    for (let i = 0; i < 4; i++) assert.equal((await login(stack.url, 'mixed', 'x', { 'x-forwarded-for': `10.3.0.${i}` })).status, 401);
    assert.equal((await login(stack.url, 'mixed', PASSWORD, { 'x-forwarded-for': '10.3.0.9' })).status, 429);
    // Others are not affected.
    assert.equal((await login(stack.url, 'otto', PASSWORD, { 'x-forwarded-for': '10.3.0.10' })).status, 200);
  });

  test('the session secret is generated into the data dir, readable only by its owner', () => {
    assert.equal(statSync(join(dir, 'data', 'session-secret')).mode & 0o777, 0o600);
  });
});

type Role = 'viewer' | 'operator' | 'admin';

describe('Console auth > roles on every write route', () => {
  const kafka = () => new Kafka({ clientId: 'auth-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });

  async function groupWithOffsets(topic: string): Promise<string> {
    const group = randomName('g');
    const admin = kafka().admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });
    await admin.disconnect();
    return group;
  }

  async function freshTopic(): Promise<string> {
    const name = randomName('auth');
    const r = await call(stack.url, sessions.ada!, '/api/topics', { method: 'POST', body: { name, partitions: 1, replicationFactor: 1 } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return name;
  }

  interface WriteCase {
    name: string;
    needs: Role;
    request: () => Promise<{ path: string; method: string; body?: unknown }>;
  }
  const enc = encodeURIComponent;
  const cases: WriteCase[] = [
    {
      name: 'create topic',
      needs: 'admin',
      request: async () => ({ path: '/api/topics', method: 'POST', body: { name: randomName('new'), partitions: 1, replicationFactor: 1 } }),
    },
    { name: 'delete topic', needs: 'admin', request: async () => ({ path: `/api/topics/${await freshTopic()}`, method: 'DELETE' }) },
    {
      name: 'add partitions',
      needs: 'admin',
      request: async () => ({ path: `/api/topics/${await freshTopic()}/partitions`, method: 'POST', body: { count: 2 } }),
    },
    {
      name: 'edit configs',
      needs: 'operator',
      request: async () => ({ path: `/api/topics/${await freshTopic()}/configs`, method: 'PATCH', body: { set: { 'retention.ms': '3600000' } } }),
    },
    {
      name: 'produce',
      needs: 'operator',
      request: async () => ({ path: `/api/topics/${await freshTopic()}/produce`, method: 'POST', body: { value: 'hello' } }),
    },
    {
      name: 'delete group',
      needs: 'admin',
      request: async () => ({ path: `/api/groups/${enc(await groupWithOffsets(await freshTopic()))}`, method: 'DELETE' }),
    },
    {
      name: 'delete group offsets',
      needs: 'admin',
      request: async () => {
        const t = await freshTopic();
        return { path: `/api/groups/${enc(await groupWithOffsets(t))}/offsets?topic=${t}`, method: 'DELETE' };
      },
    },
    {
      name: 'reset offsets',
      needs: 'operator',
      request: async () => {
        const t = await freshTopic();
        return {
          path: `/api/groups/${enc(await groupWithOffsets(t))}/reset-offsets`,
          method: 'POST',
          body: { offsets: [{ topic: t, partition: 0, offset: '0' }] },
        };
      },
    },
    {
      name: 'reset preview',
      needs: 'operator',
      request: async () => {
        const t = await freshTopic();
        return {
          path: `/api/groups/${enc(await groupWithOffsets(t))}/reset-offsets/preview`,
          method: 'POST',
          body: { strategy: { type: 'earliest' }, topic: t },
        };
      },
    },
  ];
  const rank = { viewer: 0, operator: 1, admin: 2 };
  const users: [string, Role][] = [
    ['vic', 'viewer'],
    ['otto', 'operator'],
    ['ada', 'admin'],
  ];

  for (const c of cases) {
    test(`${c.name}: ${c.needs} and above may, others get 403 naming the role`, async () => {
      for (const [user, role] of users) {
        const req = await c.request();
        const r = await call(stack.url, sessions[user]!, req.path, { method: req.method, body: req.body });
        if (rank[role] >= rank[c.needs]) {
          assert.ok(r.status >= 200 && r.status < 300, `${user} (${role}) ${c.name}: ${r.status} ${JSON.stringify(r.body)}`);
        } else {
          assert.equal(r.status, 403, `${user} (${role}) ${c.name}: ${r.status} ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'forbidden');
          assert.match(r.body.error.message, new RegExp(`needs the ${c.needs} role on cluster "local"; ${user} is ${role}`));
        }
      }
    });
  }

  test('a refused delete changes nothing', async () => {
    const t = await freshTopic();
    assert.equal((await call(stack.url, sessions.otto!, `/api/topics/${t}`, { method: 'DELETE' })).status, 403);
    assert.equal((await call(stack.url, sessions.vic!, `/api/topics/${t}`)).status, 200);
  });

  test('roles are per cluster: admin on "offline" is a viewer on "local"', async () => {
    const r = await call(stack.url, sessions.mixed!, '/api/topics', { method: 'POST', body: { name: randomName('mx'), partitions: 1, replicationFactor: 1 } });
    assert.equal(r.status, 403);
    const onOffline = await call(stack.url, sessions.mixed!, '/api/topics?cluster=offline', {
      method: 'POST',
      body: { name: randomName('mx'), partitions: 1, replicationFactor: 1 },
    });
    // Allowed: it goes on to the cluster (which normally is down, so 502).
    assert.ok(onOffline.status !== 401 && onOffline.status !== 403, JSON.stringify(onOffline.body));
    const me = await call(stack.url, sessions.mixed!, '/api/me?cluster=offline');
    assert.equal(me.body.role, 'admin');
    assert.equal((await call(stack.url, sessions.mixed!, '/api/me')).body.role, 'viewer');
  });

  test('message contents only for users allowed to see them', async () => {
    const t = await freshTopic();
    const vic = await call(stack.url, sessions.vic!, `/api/topics/${t}/messages?partition=0&offset=0`);
    assert.equal(vic.status, 403);
    assert.equal(vic.body.error.message, 'vic may not see message contents');
    assert.equal((await call(stack.url, sessions.vic!, `/api/topics/${t}/search?value=x`)).status, 403);
    assert.equal((await call(stack.url, sessions.otto!, `/api/topics/${t}/messages?partition=0&offset=0`)).status, 200);
    // Viewers still read everything else.
    for (const path of [
      '/api/topics',
      `/api/topics/${t}`,
      `/api/topics/${t}/configs`,
      `/api/topics/${t}/groups`,
      '/api/groups',
      '/api/cluster',
      '/api/clusters',
      '/api/console-config',
    ]) {
      assert.equal((await call(stack.url, sessions.vic!, path)).status, 200, path);
    }
  });

  test('/api/me tells the UI exactly what the role allows', async () => {
    const me = async (u: string) => (await call(stack.url, sessions[u]!, '/api/me')).body.can;
    assert.deepEqual(await me('vic'), {
      messages: false,
      audit: false,
      'topic.create': false,
      'topic.delete': false,
      'topic.configs': false,
      'topic.add-partitions': false,
      'topic.produce': false,
      'group.delete': false,
      'group.delete-offsets': false,
      'group.reset-offsets': false,
      'acl.create': false,
      'acl.delete': false,
      'replay.start': false,
      'replay.cancel': false,
      'replay.resume': false,
      'schema.register': false,
      'schema.delete': false,
      'schema.delete-version': false,
    });
    assert.deepEqual(await me('otto'), {
      messages: true,
      audit: false,
      'topic.create': false,
      'topic.delete': false,
      'topic.configs': true,
      'topic.add-partitions': false,
      'topic.produce': true,
      'group.delete': false,
      'group.delete-offsets': false,
      'group.reset-offsets': true,
      'acl.create': false,
      'acl.delete': false,
      'replay.start': true,
      'replay.cancel': true,
      'replay.resume': true,
      'schema.register': true,
      'schema.delete': false,
      'schema.delete-version': false,
    });
    assert.ok(Object.values(await me('ada')).every((v) => v === true));
  });
});

describe('Console auth > audit log', () => {
  test('a produce is written with sizes, never the record itself', async () => {
    const t = randomName('audit');
    assert.equal((await call(stack.url, sessions.ada!, '/api/topics', { method: 'POST', body: { name: t, partitions: 1, replicationFactor: 1 } })).status, 201);
    const r = await call(stack.url, sessions.otto!, `/api/topics/${t}/produce`, {
      method: 'POST',
      body: { key: 'k1', value: 'top secret value', headers: [{ key: 'trace', value: 'abc' }] },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const line = auditLines().find((l) => l.action === 'topic.produce' && l.target === t);
    assert.ok(line, 'no audit line for the produce');
    assert.equal(line.user, 'otto');
    assert.equal(line.via, 'users');
    assert.equal(line.cluster, 'local');
    assert.equal(line.status, 201);
    assert.equal(line.result, 'ok');
    assert.deepEqual([line.params.keyBytes, line.params.valueBytes, line.params.headers], [2, 16, [{ key: 'trace', valueBytes: 3 }]]);
    assert.ok(!Number.isNaN(Date.parse(line.time)));
    const raw = readFileSync(join(dir, 'data', 'audit.log'), 'utf8');
    assert.doesNotMatch(raw, /top secret value/);
    assert.doesNotMatch(raw, new RegExp(PASSWORD));
  });

  test('a refused delete is written as refused', async () => {
    const t = randomName('audit');
    await call(stack.url, sessions.ada!, '/api/topics', { method: 'POST', body: { name: t, partitions: 1, replicationFactor: 1 } });
    assert.equal((await call(stack.url, sessions.vic!, `/api/topics/${t}`, { method: 'DELETE' })).status, 403);
    const line = auditLines().find((l) => l.action === 'topic.delete' && l.target === t);
    assert.ok(line);
    assert.deepEqual([line.user, line.status, line.result], ['vic', 403, 'refused']);
    assert.match(line.error, /needs the admin role/);
  });

  test('a write without a session is written too', async () => {
    assert.equal((await call(stack.url, null, '/api/topics/nobody-topic', { method: 'DELETE' })).status, 401);
    const line = auditLines().find((l) => l.action === 'topic.delete' && l.target === 'nobody-topic');
    assert.deepEqual([line?.user, line?.status, line?.result], ['(not signed in)', 401, 'refused']);
  });

  test('GET /api/audit: admins only, newest first, filtered by user and action', async () => {
    assert.equal((await call(stack.url, sessions.otto!, '/api/audit')).status, 403);
    const all = await call(stack.url, sessions.ada!, '/api/audit');
    assert.equal(all.status, 200);
    assert.ok(all.body.length >= 3);
    const times = all.body.map((e: any) => e.time);
    assert.deepEqual(times, [...times].sort().reverse());
    const vic = await call(stack.url, sessions.ada!, '/api/audit?user=vic&action=topic.delete');
    assert.ok(vic.body.length >= 1);
    assert.ok(vic.body.every((e: any) => e.user === 'vic' && e.action === 'topic.delete'));
  });
});

describe('Console auth > UI in a real browser', () => {
  test('the login page signs in; a viewer sees no write buttons, an admin does', async () => {
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: process.env.KAYAK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const topic = randomName('ui');
    await call(stack.url, sessions.ada!, '/api/topics', { method: 'POST', body: { name: topic, partitions: 1, replicationFactor: 1 } });
    try {
      const buttons = async (user: string) => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${stack.url}/topics`);
        await page.getByText('Sign in to Kayak').waitFor();
        // Until the page has hydrated, typed text can be reset.
        await page.waitForLoadState('networkidle');
        // The login page stays at the address asked for: its 401s do not reload it to /login.
        assert.equal(new URL(page.url()).pathname, '/topics');
        const fill = async (password: string) => {
          for (let i = 0; i < 5; i++) {
            await page.getByLabel('User name').fill(user);
            await page.getByLabel('Password').fill(password);
            if (await page.getByRole('button', { name: 'Sign in' }).isEnabled()) return;
            await page.waitForTimeout(500);
          }
        };
        await fill(user === 'ada' ? 'wrong' : PASSWORD);
        if (user === 'ada') {
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByText('Wrong user name or password').waitFor();
          await fill(PASSWORD);
        }
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${stack.url}/topics`);
        await page.getByTestId('current-user').getByText(user).waitFor();
        await page.getByRole('link', { name: topic }).waitFor();
        const seen: Record<string, number> = {
          header: Number(
            await page
              .getByTestId('current-user')
              .innerText()
              .then((t) => t.includes(user === 'ada' ? 'admin' : 'viewer')),
          ),
        };
        seen.newTopic = await page.getByRole('button', { name: 'New topic' }).count();
        seen.audit = await page.getByRole('link', { name: 'Audit', exact: true }).count();
        await page.goto(`${stack.url}/topic/${topic}`);
        await page.locator('tr[data-config="retention.ms"]').waitFor();
        seen.deleteTopic = await page.getByRole('button', { name: 'Delete topic' }).count();
        seen.addPartitions = await page.getByRole('button', { name: 'Add partitions' }).count();
        seen.editConfig = await page.locator('tr[data-config="retention.ms"]').getByRole('button', { name: 'Edit' }).count();
        await page.context().close();
        return seen;
      };
      assert.deepEqual(await buttons('vic'), { header: 1, newTopic: 0, audit: 0, deleteTopic: 0, addPartitions: 0, editConfig: 0 });
      assert.deepEqual(await buttons('ada'), { header: 1, newTopic: 1, audit: 1, deleteTopic: 1, addPartitions: 1, editConfig: 1 });
    } finally {
      await browser.close();
    }
  });
});
