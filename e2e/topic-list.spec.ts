import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes, Admin } from '@platformatic/kafka';
import { expect, randomName, test } from './fixtures';

/** Issue 15 items 10, 12 and 14: the landing page's topic list, sizes and sorting in the URL, the brokers page. */

async function produce(kafka: import('kafkajs').Kafka, topic: string, count: number, bytes: number) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ value: Buffer.alloc(bytes, i % 200) })) });
  await producer.disconnect();
}

test.describe('Topic list', () => {
  test('the landing page shows the overview cards, then the topic table; sort and filter stay in the URL', async ({ page, request, kafka }) => {
    const prefix = randomName('landing');
    // small: many tiny records; big: few large ones. Messages and size sort them in opposite orders.
    const [small, mid, big] = [`${prefix}-a-small`, `${prefix}-b-mid`, `${prefix}-c-big`];
    for (const name of [small, mid, big])
      expect((await request.post('/api/topics', { data: { name, partitions: 1, replicationFactor: 1 } })).status()).toBe(201);
    await produce(kafka, small, 40, 10);
    await produce(kafka, mid, 10, 2000);
    await produce(kafka, big, 5, 20000);

    await page.goto('/');
    await expect(page.getByText('Consumer groups', { exact: true }).first()).toBeVisible();
    const table = page.getByRole('table', { name: 'Topics' });
    await page.getByRole('textbox', { name: 'Filter topics' }).fill(prefix);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
    const names = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')));
    await expect.poll(names).toEqual([small, mid, big]);
    // Sizes are real byte counts, shown in binary units.
    await expect(table.locator(`tr[data-topic="${big}"] td[data-col="size"]`)).toHaveText(/^9\d\.\d KiB$|^\d{2,3} KiB$/);

    await table.getByRole('button', { name: 'Size' }).click();
    await expect(page).toHaveURL(/[?&]sort=size(&|$)/);
    await expect(table.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(names).toEqual([big, mid, small]);
    await table.getByRole('button', { name: 'Messages' }).click();
    await expect.poll(names).toEqual([small, mid, big]);
    await table.getByRole('button', { name: 'Messages' }).click();
    await expect(page).toHaveURL(/[?&]sort=messages&dir=asc/);
    await expect.poll(names).toEqual([big, mid, small]);

    // A reload (or a shared link) shows the same filtered, sorted list.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Filter topics' })).toHaveValue(prefix);
    await expect.poll(names).toEqual([big, mid, small]);
    await expect(table.getByRole('columnheader', { name: 'Messages' })).toHaveAttribute('aria-sort', 'ascending');

    // /topics is the same list, reading the same URL state.
    await page.goto(`/topics?q=${prefix}&sort=size&dir=asc`);
    await expect.poll(names).toEqual([small, mid, big]);
    for (const name of [small, mid, big]) await request.delete(`/api/topics/${name}`);
  });

  test('the topics show before their counts are read; when the counts fail, the topics stay listed with the reason', async ({ page, request, kafka }) => {
    const name = randomName('early');
    expect((await request.post('/api/topics', { data: { name, partitions: 2, replicationFactor: 1 } })).status()).toBe(201);
    await produce(kafka, name, 7, 10);
    // The full rows (counts) are held back until the listing has been checked; the listing's own request passes.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const isFullList = (url: URL) => url.pathname === '/api/topics' && url.searchParams.get('stats') !== 'false';
    await page.route(isFullList, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`/topics?q=${name}`);
    const row = page.getByRole('table', { name: 'Topics' }).locator(`tr[data-topic="${name}"]`);
    await expect(row.locator('td').nth(1)).toHaveText('2');
    await expect(row.getByTestId('counts-pending')).toHaveCount(4);
    release();
    await expect(row.locator('td').nth(4)).toHaveText('7');
    await expect(row.getByTestId('counts-pending')).toHaveCount(0);

    // The counts' request fails (the connection drops): the listing stays, the counts say they are unknown.
    await page.unroute(isFullList);
    await page.route(isFullList, (route) => route.abort('connectionreset'));
    await page.reload();
    await expect(page.locator('[role=alert][data-error-code]')).toContainText('could not load message counts, sizes and lag');
    await expect(row.locator('td').nth(1)).toHaveText('2');
    await expect(row.locator('td').nth(4)).toHaveText('—');
    await request.delete(`/api/topics/${name}`);
  });

  test("the topic page shows each partition's size", async ({ page, request, kafka }) => {
    const name = randomName('part-sizes');
    expect((await request.post('/api/topics', { data: { name, partitions: 2, replicationFactor: 1 } })).status()).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: name, messages: Array.from({ length: 8 }, () => ({ partition: 1, value: Buffer.alloc(4096, 7) })) });
    await producer.disconnect();
    await page.goto(`/topic/${name}`);
    const partitions = page.getByRole('table', { name: 'Partitions' });
    await expect(partitions.locator('tr[data-partition="0"] td[data-col="size"]')).toHaveText('0 B');
    await expect(partitions.locator('tr[data-partition="1"] td[data-col="size"]')).toHaveText(/^3\d\.\d KiB$/);
    await request.delete(`/api/topics/${name}`);
  });
});

test.describe('Brokers', () => {
  test('the brokers page lists the broker; its page shows configs with the non-default ones highlighted', async ({ page }) => {
    // A dynamic config on broker 1 (the node id npm start gives it) makes one config non-default;
    // its value stays Kafka's default, so nothing else changes.
    const admin = new Admin({ clientId: 'e2e-brokers', bootstrapBrokers: [process.env.KAYAK_E2E_BROKER!] });
    const alter = (op: (typeof IncrementalAlterConfigOperationTypes)[keyof typeof IncrementalAlterConfigOperationTypes]) =>
      admin.incrementalAlterConfigs({
        resources: [
          { resourceType: ConfigResourceTypes.BROKER, resourceName: '1', configs: [{ name: 'log.cleaner.backoff.ms', configOperation: op, value: '15000' }] },
        ],
      });
    await alter(IncrementalAlterConfigOperationTypes.SET);
    try {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Brokers' }).click();
      await expect(page).toHaveURL(/\/brokers/);
      const table = page.getByRole('table', { name: 'Brokers' });
      const [host, port] = process.env.KAYAK_E2E_BROKER!.split(':');
      const row = table.locator('tbody tr').first();
      await expect(row).toContainText(host!);
      await expect(row).toContainText(port!);
      await expect(row).toContainText('controller');
      await expect(row).toContainText(/\d+(\.\d)? (B|KiB|MiB|GiB)/);

      await row.getByRole('link').first().click();
      await expect(page).toHaveURL(/\/broker\/\d+/);
      await expect(page.getByTestId('kafka-version')).toHaveText('4.0 or later (guess)');
      const configs = page.getByRole('table', { name: 'Broker configs' });
      const changed = configs.locator('tr[data-config="log.cleaner.backoff.ms"]');
      await expect(changed).toHaveAttribute('data-default', 'false');
      await expect(changed).toContainText(/dynamic (default )?broker/);
      await expect(changed).toHaveClass(/bg-indigo/);
      await expect(configs.locator('tr[data-default="true"]').first()).not.toHaveClass(/bg-indigo/);
      await page.getByRole('checkbox', { name: /Only non-default/ }).check();
      await expect(configs.locator('tr[data-default="true"]')).toHaveCount(0);
      await expect(changed).toBeVisible();
    } finally {
      await alter(IncrementalAlterConfigOperationTypes.DELETE);
      await admin.close();
    }
  });

  test('an unknown broker id answers 404 with a link back to the list', async ({ page }) => {
    const res = await page.goto('/broker/4242');
    expect(res?.status()).toBe(404);
    await expect(page.getByText('Broker "4242" does not exist in this cluster.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Brokers' })).toBeVisible();
  });
});
