import { collectErrors, expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

test.describe('Console fixes', () => {
  const topic = randomName('e2e-round2');
  const liveGroup = randomName('e2e-live');
  const idleGroup = randomName('e2e-idle');

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await producer.send({
      topic,
      messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `k${i}`, value: `m${i}`, timestamp: String(1_700_000_000_000 + i) })),
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);
    // A group with committed offsets and no members.
    const consumer = kafka.consumer({ groupId: idleGroup });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>(
      (resolve) =>
        void consumer.run({
          eachMessage: async () => {
            if (++seen === 30) resolve();
          },
        }),
    );
    await consumer.disconnect();
  });

  test('topic and group pages hydrate without console errors', async ({ page }) => {
    const errors = collectErrors(page);
    for (const url of [`/topic/${topic}`, `/topic/${topic}/messages?partition=0`, `/consumer/${idleGroup}`, '/topics']) {
      await page.goto(url);
      await expect(page.locator('main h1')).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    expect(errors.filter((e) => /hydrat|#418|did not match/i.test(e))).toEqual([]);
  });

  test('the Partition select lists every partition; the whole-topic view pages back', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0');
    const select = page.getByRole('combobox', { name: 'Partition', exact: true });
    await expect(select.locator('option')).toHaveText(['0', '1', '2', 'All (by time)']);

    await mp.goto(topic, 'partition=all&offset=newest&count=10');
    await expect(mp.messages).toHaveCount(10);
    await expect(mp.pagerButton('Next')).toBeDisabled();
    await mp.pagerButton('Prev').click();
    await expect(page).toHaveURL(/before=/);
    await expect(mp.messages).toHaveCount(10);
    await expect(mp.messages.first()).toContainText('m10');
    await mp.pagerButton('Prev').click();
    await expect(mp.messages.first()).toContainText('m0');
    await expect(mp.pagerButton('Prev')).toBeDisabled();
    await mp.pagerButton('Next').click();
    await expect(mp.messages.first()).toContainText('m10');
  });

  test('reset offsets to a timestamp waits for a valid date instead of crashing', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(`/consumer/${idleGroup}`);
    await page.getByRole('button', { name: 'Reset offsets' }).click();
    const dialog = page.getByRole('dialog', { name: `Reset offsets of ${idleGroup}` });
    await dialog.getByLabel('Reset to').selectOption('timestamp');
    await expect(dialog).toContainText('Choose a date and time');
    await expect(dialog.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    await dialog.getByLabel('Date and time').fill('2023-11-14T22:13:20');
    await expect(dialog.getByRole('button', { name: 'Preview' })).toBeEnabled();
    await expect(dialog.locator('pre')).toContainText('--to-datetime 2023-11-14T');
    await dialog.getByLabel('Reset to').selectOption('offset');
    await dialog.locator('input[name=value]').fill('99999999999');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(dialog.getByRole('status', { name: 'Adjusted offsets' })).toContainText('past the end');
    await expect(dialog.getByRole('button', { name: /Apply 3 offsets/ })).toBeEnabled();
    expect(errors.filter((e) => /Invalid time value/.test(e))).toEqual([]);
  });

  test('reset Apply is disabled with the reason while the group has members', async ({ page, kafka }) => {
    const consumer = kafka.consumer({ groupId: liveGroup, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>(
      (resolve) =>
        void consumer.run({
          eachMessage: async () => {
            if (++seen === 30) resolve();
          },
        }),
    );
    try {
      await page.goto(`/consumer/${liveGroup}`);
      await page.getByRole('button', { name: 'Reset offsets' }).click();
      const dialog = page.getByRole('dialog', { name: `Reset offsets of ${liveGroup}` });
      await dialog.getByRole('button', { name: 'Preview' }).click();
      await expect(dialog.getByRole('table', { name: 'Reset preview' })).toBeVisible();
      const apply = dialog.getByRole('button', { name: /Apply/ });
      await expect(apply).toBeDisabled();
      await expect(dialog).toContainText('offsets can only be changed while the group is empty');
    } finally {
      await consumer.disconnect();
    }
  });

  test("a refused config value is shown at its row with the key and Kafka's message", async ({ page }) => {
    await page.goto(`/topic/${topic}`);
    const row = page.getByRole('table', { name: 'Configs' }).locator('tr[data-config="retention.ms"]');
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByRole('textbox').fill('abc');
    await row.getByRole('button', { name: 'Save' }).click();
    const alert = row.getByRole('alert');
    await expect(alert).toContainText('retention.ms');
    await expect(alert).toContainText('abc');
    await expect(alert.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
    await expect(row.getByRole('textbox')).toHaveValue('abc');
  });

  test('the header dot is green for a reachable cluster and red with the reason for an unreachable one', async ({ page }) => {
    await page.goto('/topics');
    await expect(page.getByRole('img', { name: /Cluster status/ })).toHaveAttribute('data-status', 'ok');
    await page.goto('/topics?cluster=offline');
    const dot = page.getByRole('img', { name: /Cluster status/ });
    await expect(dot).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
    await expect(dot).toHaveAttribute('title', /Cannot reach cluster "offline"/);
  });

  test('deleting a group or its offsets asks for the name in a dialog; topic deletion warns about readers', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`/topic/${topic}`);
    await page.getByRole('button', { name: 'Delete topic' }).click();
    const delTopic = page.getByRole('dialog', { name: `Delete topic ${topic}` });
    await expect(delTopic.getByRole('status')).toContainText(idleGroup);
    await delTopic.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`/consumer/${idleGroup}`);
    await page
      .getByRole('button', { name: /Delete offsets|Delete/ })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Delete group' }).click();
    const delGroup = page.getByRole('dialog', { name: `Delete consumer group ${idleGroup}` });
    const confirm = delGroup.getByRole('button', { name: 'Delete group' });
    await expect(confirm).toBeDisabled();
    await delGroup.getByLabel('Group id').fill(idleGroup);
    await confirm.click();
    await expect(page).toHaveURL(/\/consumers/);
    expect(dialogs).toBe(0);
  });

  test("a missing topic's messages page offers no Produce, Search or Live tail", async ({ page }) => {
    const res = await page.goto(`/topic/${randomName('missing')}/messages`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('[role=alert][data-error-code=not_found]')).toContainText('does not exist');
    await expect(page.getByRole('button', { name: 'Produce message' })).toHaveCount(0);
    await expect(page.getByRole('tab')).toHaveCount(0);
  });

  test('formats that need descriptors are not offered without them, the registry ones are (the bundled cluster has its registry); export buttons fit at 768 px', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 768, height: 900 });
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=5');
    await expect(mp.messages).toHaveCount(5);
    const options = await page.getByLabel('Value format').locator('option').allTextContents();
    expect(options).toContain('Avro');
    expect(options).toContain('Schema registry');
    expect(options).not.toContain('Protobuf');
    const button = page.getByRole('button', { name: 'Export CSV' });
    const box = await button.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(768);
    await page.screenshot({ path: 'test-results/screenshots/messages-768.png', fullPage: true });
  });
});
