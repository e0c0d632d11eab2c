import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, randomName, test } from './fixtures';

/**
 * What another web page can do to the console in a real browser: a page served from another
 * origin (another port on the same host, so even "same-site") sends a text/plain form and a
 * text/plain fetch to create a topic and reset a group's offsets. Nothing may change. The
 * console's own pages run under a nonce CSP with no violation and still hydrate.
 */
let attacker: Server;
let attackerUrl: string;
let pageHtml = '';

test.beforeAll(async () => {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pageHtml);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

function collectCspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) found.push(m.text());
  });
  return found;
}

test.describe('Security in the browser', () => {
  test('a page on another origin cannot create topics or reset offsets', async ({ page, request, kafka, baseURL }) => {
    const topic = randomName('e2e-csrf');
    const created = randomName('e2e-csrf-new');
    const groupId = randomName('e2e-csrf-group');
    expect((await request.post('/api/topics', { data: { name: topic, partitions: 1, replicationFactor: 1 } })).status()).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    await admin.disconnect();

    const createBody = JSON.stringify({ name: created, partitions: 1, replicationFactor: 1 });
    const resetBody = JSON.stringify({ offsets: [{ topic, partition: 0, offset: '0' }] });
    pageHtml = `<!doctype html><title>attacker</title>
      <form id="f" method="POST" enctype="text/plain" action="${baseURL}/api/topics"><input type="hidden" name='${createBody.slice(0, -1)},"x":"' value='"}'></form>
      <script>
        const results = [];
        window.done = Promise.all([
          fetch(${JSON.stringify(`${baseURL}/api/groups/${groupId}/reset-offsets`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(resetBody)} }).then(() => 'sent', (e) => String(e)),
          fetch(${JSON.stringify(`${baseURL}/api/topics`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(createBody)} }).then(() => 'sent', (e) => String(e)),
        ]);
      </script>`;

    const refusals: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${baseURL}/api/`) && r.request().method() === 'POST') refusals.push(r.status());
    });
    await page.goto(attackerUrl);
    await page.evaluate(() => (window as unknown as { done: Promise<unknown> }).done);
    const formResponse = page.waitForResponse(
      (r) => r.url() === `${baseURL}/api/topics` && r.request().method() === 'POST' && r.request().postData()?.includes('"x":"=') === true,
    );
    await page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit());
    const form = await formResponse;
    expect(form.status()).toBe(403);
    expect(await form.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('Cross-origin') } });
    expect(refusals).toEqual([403, 403, 403]);

    const topics = (await (await request.get('/api/topics')).json()) as { name: string }[];
    expect(topics.map((t) => t.name)).not.toContain(created);
    const group = await (await request.get(`/api/groups/${groupId}`)).json();
    expect(group.offsets[0].committedOffset).toBe('3');
    await request.delete(`/api/topics/${topic}`);
  });

  test('the console pages run under a nonce CSP with no violations and still hydrate', async ({ page, topicsPage }) => {
    const violations = collectCspViolations(page);
    const topic = randomName('e2e-csp');
    const res = await page.goto('/topics');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res?.headers()['x-frame-options']).toBe('DENY');
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    expect(res?.headers()['referrer-policy']).toBe('same-origin');
    // Hydrated: the create dialog is React state, and the new topic comes back through react-query.
    await topicsPage.createTopic(topic, 2);
    await page.waitForURL(new RegExp(`/topic/${topic}`));
    for (const path of ['/', '/topics', '/consumers', `/topic/${topic}`, `/topic/${topic}/messages`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    await expect(page.getByRole('heading').first()).toBeVisible();
    expect(violations).toEqual([]);
    const nonces = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.nonce ?? ''));
    expect(nonces.length).toBeGreaterThan(0);
    expect(nonces.every((n) => n.length > 0)).toBe(true);
  });

  test('a group named "%41" is opened and deleted as itself, not as group "A"', async ({ page, kafka, request }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const escaped = `%41-e2e-${suffix}`;
    const twin = `A-e2e-${suffix}`;
    const topic = randomName('e2e-names');
    expect((await request.post('/api/topics', { data: { name: topic, partitions: 1, replicationFactor: 1 } })).status()).toBe(201);
    const admin = kafka.admin();
    await admin.connect();
    for (const groupId of [escaped, twin]) await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    await admin.disconnect();

    await page.goto('/consumers');
    await page.getByRole('link', { name: escaped, exact: true }).click();
    await expect(page.getByRole('heading', { name: escaped })).toBeVisible();
    await page.getByRole('button', { name: 'Delete group' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete consumer group ${escaped}` });
    await dialog.getByLabel('Group id').fill(escaped);
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await page.waitForURL(/\/consumers/);
    const ids = ((await (await request.get('/api/groups')).json()) as { groupId: string }[]).map((g) => g.groupId);
    expect(ids).not.toContain(escaped);
    expect(ids).toContain(twin);
    await request.delete(`/api/topics/${topic}`);
  });
});
