import { collectErrors, expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

/** Issue 15 items 11 and 13, issue 17 item 4: the compact table, views kept in the URL, record links, humanized configs, one time zone. */
test.describe('Compact records and shareable views', () => {
  const topic = randomName('e2e-views');
  // 2023-11-14T22:13:20.000Z: 03:43:20 the next day in Kolkata (UTC+5:30 all year, so the test does not depend on daylight saving).
  const t0 = 1_700_000_000_000;
  test.use({ timezoneId: 'Asia/Kolkata', locale: 'en-US' });

  test.beforeAll(async ({ request, kafka }) => {
    const created = await request.post('/api/topics', {
      data: { name: topic, partitions: 2, replicationFactor: 1, configs: { 'retention.ms': '-1', 'segment.ms': '604800000', 'segment.bytes': '1073741824' } },
    });
    expect(created.status()).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: 25 }, (_, i) => ({
          partition: 0,
          key: `k${i}`,
          value: JSON.stringify({ n: i }),
          timestamp: String(t0 + i),
          headers: i === 7 ? { source: 'web', trace: 'abc' } : undefined,
        })),
        { partition: 1, key: 'needle-key', value: 'find the needle here', timestamp: String(t0) },
      ],
    });
    await producer.disconnect();
  });

  test('20 small records fit on one 1440x900 screen, one line each, and open in place', async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=20');
    await expect(mp.messages).toHaveCount(20);
    const last = await mp.messages.nth(19).boundingBox();
    expect(last && last.y + last.height).toBeLessThanOrEqual(900);
    const row = mp.message(7);
    await expect(row.getByRole('row').first().getByRole('cell')).toHaveText([
      '▸',
      '7',
      '0',
      '2023-11-14 22:13:20.007 UTC',
      'k7',
      '{"n": 7}',
      /^\d+$/,
      '2',
      'Copy link',
    ]);
    await mp.expand(7);
    // The full view opens right under its own line, before the next record.
    const detail = row.getByTestId('record-detail');
    await expect(detail.getByTestId('value-view')).toHaveAttribute('data-format', 'json');
    await expect(detail).toContainText('source:');
    const [detailBox, nextBox] = await Promise.all([detail.boundingBox(), mp.message(8).boundingBox()]);
    expect(detailBox!.y + detailBox!.height).toBeLessThanOrEqual(nextBox!.y + 1);
    // Cards stay available; the choice is part of the URL.
    await mp.viewToggle('Cards').click();
    await expect(page).toHaveURL(/view=cards/);
    await expect(page.getByRole('list', { name: 'Messages' }).getByTestId('message')).toHaveCount(20);
    await page.reload();
    await expect(mp.viewToggle('Cards')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('list', { name: 'Messages' }).getByTestId('message')).toHaveCount(20);
    await mp.pagerButton('Next').click();
    await expect(page).toHaveURL(/offset=20.*view=cards|view=cards.*offset=20/);
    expect(errors).toEqual([]);
  });

  test('at 768 px the message table and the header fit the screen: nothing scrolls the page sideways', async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 900 });
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=20');
    await expect(mp.messages).toHaveCount(20);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toBeAttached();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    // The size and headers columns give way; the actions stay in the last column, under their header.
    const headers = page.locator('[aria-label="Messages"] thead th');
    await expect(headers.filter({ hasText: 'Size' })).toBeHidden();
    const [actionsHead, copy] = await Promise.all([
      headers.last().boundingBox(),
      mp.message(7).getByRole('button', { name: 'Copy link to record 0:7' }).boundingBox(),
    ]);
    expect(copy!.x).toBeGreaterThanOrEqual(actionsHead!.x - 1);
    expect(copy!.x + copy!.width).toBeLessThanOrEqual(actionsHead!.x + actionsHead!.width + 1);
    // An open record spans the visible columns only: no empty columns appear at the right.
    await mp.expand(7);
    const [table, lastHead] = await Promise.all([page.locator('table[aria-label="Messages"]').boundingBox(), headers.last().boundingBox()]);
    expect(lastHead!.x + lastHead!.width).toBeGreaterThanOrEqual(table!.x + table!.width - 1);
  });

  test('"Copy link" on a record opens exactly that record, highlighted', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=20&format=hex');
    await mp.message(7).getByRole('button', { name: 'Copy link to record 0:7' }).click();
    await expect(mp.message(7).getByRole('button', { name: 'Copy link to record 0:7' })).toHaveText('Copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`/topic/${topic}/messages\\?`));
    const url = new URL(link);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ partition: '0', offset: '7', count: '1', hl: '0:7', format: 'hex' });

    const other = await context.newPage();
    const errors = collectErrors(other);
    await other.goto(link);
    const shown = new MessagesPage(other);
    await expect(shown.messages).toHaveCount(1);
    await expect(shown.message(7)).toHaveAttribute('data-highlighted', 'true');
    await expect(shown.message(7).getByTestId('record-detail').getByTestId('value-view')).toHaveAttribute('data-format', 'hex');
    await other.close();
    expect(errors).toEqual([]);
  });

  test('search criteria, formats and the tab live in the URL: a reload reruns the search', async ({ page }) => {
    const errors = collectErrors(page);
    const mp = new MessagesPage(page);
    await mp.goto(topic);
    await mp.selectTab('Search');
    await expect(page).toHaveURL(/tab=search/);
    await page.getByLabel('Value', { exact: true }).fill('needle');
    await page.getByLabel('Search value format').selectOption('utf8');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(mp.messages).toHaveCount(1);
    await expect(page).toHaveURL(/value=needle/);
    await expect(page).toHaveURL(/format=utf8/);

    await page.reload();
    await expect(mp.tab('Search')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Value', { exact: true })).toHaveValue('needle');
    await expect(page.getByLabel('Search value format')).toHaveValue('utf8');
    await expect(page.getByLabel('Search progress')).toContainText('1 matched');
    await expect(mp.messages).toHaveCount(1);
    await expect(mp.message(0)).toContainText('find the needle here');
    // Back goes to the tab before.
    await page.goBack();
    await expect(mp.tab('Browse')).toHaveAttribute('aria-selected', 'true');
    expect(errors).toEqual([]);
  });

  test('a paused live tail is in the URL: a reload offers Resume from where it paused', async ({ page, kafka }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'tab=tail');
    await page.getByLabel('Tail partition').selectOption('1');
    await page.getByRole('button', { name: 'Start tail' }).click();
    await expect(page.getByLabel('Tail status')).toContainText('Live');
    await expect(page).toHaveURL(/tail=live/);
    await expect(page).toHaveURL(/partition=1/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page).toHaveURL(/tail=paused.*cursor=1%3A1|cursor=1%3A1.*tail=paused/);

    await page.reload();
    await expect(page.getByLabel('Tail status')).toContainText('Paused');
    await expect(page.getByLabel('Tail partition')).toHaveValue('1');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ partition: 1, value: 'written while paused' }] });
    await producer.disconnect();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(mp.messages.filter({ hasText: 'written while paused' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Pause' }).click();
  });

  test('the topic page has View messages and humanized configs with the raw value on hover and in edit', async ({ page, topicPage }) => {
    await topicPage.goto(topic);
    const row = (name: string) => topicPage.configs.locator(`tr[data-config="${name}"]`);
    const shown = async (name: string, text: string, raw: string) => {
      await expect(row(name).locator('[data-raw]')).toHaveText(text);
      await expect(row(name).locator('[data-raw]')).toHaveAttribute('title', raw);
    };
    // Records from 2023 (t0) stay: retention.ms is -1.
    await shown('retention.ms', 'no limit', '-1');
    await shown('segment.ms', '7 days', '604800000');
    await shown('retention.bytes', 'no limit', '-1');
    await shown('segment.bytes', '1 GiB', '1073741824');
    await shown('max.compaction.lag.ms', 'no limit', '9223372036854775807');
    await row('segment.ms').getByRole('button', { name: 'Edit' }).click();
    await expect(row('segment.ms').getByRole('textbox')).toHaveValue('604800000');
    await row('segment.ms').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'View messages' }).click();
    await expect(page).toHaveURL(new RegExp(`/topic/${topic}/messages`));
    await expect(new MessagesPage(page).messages.first()).toBeVisible();
  });

  test('one time zone choice, kept across reloads, for record times and the audit log, without hydration errors', async ({ page }) => {
    const errors = collectErrors(page);
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=1');
    await expect(mp.message(0)).toContainText('2023-11-14 22:13:20.000 UTC');
    await page.getByRole('button', { name: 'Time zone: UTC' }).click();
    await expect(mp.message(0)).toContainText('2023-11-15 03:43:20.000 GMT+5:30');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Time zone: local' })).toBeVisible();
    await expect(mp.message(0)).toContainText('2023-11-15 03:43:20.000 GMT+5:30');
    await mp.expand(0);
    await expect(mp.message(0).getByTestId('record-detail')).toContainText('2023-11-15 03:43:20.000 GMT+5:30');

    // The audit log has this spec's topic creation; its time is in the same zone.
    await page.goto('/audit');
    const created = page.getByRole('row').filter({ hasText: topic }).first();
    await expect(created.locator('time')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} GMT\+5:30$/);
    await page.getByRole('button', { name: 'Time zone: local' }).click();
    await expect(created.locator('time')).toHaveText(/ UTC$/);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
});
