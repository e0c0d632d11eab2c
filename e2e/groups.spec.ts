import { expect, randomName, test } from './fixtures';

test.describe('Consumer groups', () => {
  // The e2e broker supports consumer groups, so nothing here asks the API whether to run:
  // a broken /api/groups fails these tests.
  test('the list shows the groups table', async ({ groupsPage, request }) => {
    expect((await request.get('/api/groups')).status()).toBe(200);
    await groupsPage.goto();
    await expect(groupsPage.table).toBeVisible();
  });

  test('a consumer group shows its lag and can be reset with a preview', async ({ page, groupsPage, request, kafka }) => {
    const topic = randomName('e2e-lag');
    const groupId = randomName('e2e-group');
    expect((await request.post('/api/topics', { data: { name: topic, partitions: 3, replicationFactor: 1 } })).status()).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}` })) });
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>(
      (resolve) =>
        void consumer.run({
          eachMessage: async () => {
            if (++seen === 40) resolve();
          },
        }),
    );
    await consumer.disconnect();
    await producer.send({ topic, messages: Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, value: `late${i}` })) });
    await producer.disconnect();

    await groupsPage.openGroup(groupId);
    await expect(page.getByRole('table', { name: 'Committed offsets' })).toContainText(`${topic} total`);
    await expect(page.getByText('Total lag').locator('..')).toContainText('7');

    await page.getByRole('button', { name: 'Reset offsets' }).click();
    const dialog = page.getByRole('dialog', { name: `Reset offsets of ${groupId}` });
    await dialog.getByLabel('Reset to').selectOption('earliest');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('table', { name: 'Reset preview' });
    await expect(preview.locator('tbody tr')).toHaveCount(3);
    await dialog.getByRole('button', { name: /Apply 3 offsets/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Total lag').locator('..')).toContainText('47');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screenshots/group-${scheme}.png`, fullPage: true });
    }
    await request.delete(`/api/topics/${topic}`);
  });
});
