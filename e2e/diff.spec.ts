import { Partitioners } from 'kafkajs';
import { expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

/**
 * Diff of two records (picked in the message view, opened from a shareable URL) and the history
 * of one key, against the bundled broker; the replay dialog's header edits and decoded preview.
 */
test.describe('Diff and key history', () => {
  const orders = randomName('e2e-diff');
  const users = randomName('e2e-history');

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({
      topics: [
        { topic: orders, numPartitions: 1 },
        { topic: users, numPartitions: 3 },
      ],
      waitForLeaders: true,
    });
    await producer.send({
      topic: orders,
      messages: [
        { key: 'order-1', value: '{"id": 9007199254740993, "status": "new", "coupon": "X1", "total": 10}', headers: { trace: 'a' } },
        { key: 'order-1', value: '{"id": 9007199254740992, "status": "paid", "total": 10, "paidAt": "2024-05-01"}', headers: { trace: 'b' } },
      ],
    });
    // Three versions of one key among other keys, one send each so their order is certain.
    for (const [i, plan] of ['free', 'pro', 'team'].entries()) {
      await producer.send({
        topic: users,
        messages: [
          { key: 'user-7', value: JSON.stringify({ name: 'Ada', plan, seats: i + 1 }) },
          { key: `other-${i}`, value: '{"x":1}' },
        ],
      });
    }
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  test('compares two JSON records picked in the message view: changed, added and removed fields, a 64-bit id exact', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(orders, 'partition=0&offset=0&count=5');
    await expect(mp.messages).toHaveCount(2);
    // The compact table keeps a record's actions in its open view.
    await mp.expand(0);
    await mp.message(0).getByRole('button', { name: 'Compare…' }).click();
    await expect(mp.message(0).getByRole('button', { name: /Picked to compare/ })).toBeVisible();
    await mp.expand(1);
    await mp.message(1).getByRole('link', { name: 'Compare with 0:0' }).click();
    await expect(page).toHaveURL(/\/diff\?.*a=0%3A0.*b=0%3A1|\/diff\?.*a=0:0.*b=0:1/);

    const check = async () => {
      const change = (path: string) => page.locator(`[data-testid="value-diff"] [data-testid="field-change"][data-path="${path}"]`);
      await expect(change('id')).toHaveAttribute('data-kind', 'changed');
      await expect(change('id').getByTestId('before')).toHaveText('9007199254740993');
      await expect(change('id').getByTestId('after')).toHaveText('9007199254740992');
      await expect(change('status')).toHaveAttribute('data-kind', 'changed');
      await expect(change('coupon')).toHaveAttribute('data-kind', 'removed');
      await expect(change('paidAt')).toHaveAttribute('data-kind', 'added');
      await expect(change('total')).toHaveCount(0);
      await expect(page.getByTestId('key-diff')).toHaveAttribute('data-equal', 'true');
      await expect(page.getByTestId('headers-diff').locator('[data-path="trace"]')).toHaveAttribute('data-kind', 'changed');
      // Side by side, the changed line of the id is tinted on both sides.
      await expect(page.getByRole('table', { name: 'Value diff' }).locator('tr[data-kind="changed"]').first()).toContainText('9007199254740993');
    };
    await check();
    // The URL alone shows the same comparison (shareable).
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await check();
  });

  test('a record that does not exist is an error, not an empty diff', async ({ page }) => {
    await page.goto(`/topic/${orders}/diff?a=0:0&b=0:99`);
    await expect(page.getByText(/past the end/)).toBeVisible();
    await expect(page.getByTestId('record-diff')).toHaveCount(0);
  });

  test('shows the history of a key with three versions, newest first, each diffed to the one before', async ({ page }) => {
    const mp = new MessagesPage(page);
    // The card view shows every record's actions without opening it.
    await mp.goto(users, 'partition=all&count=20&view=cards');
    const record = mp.messages.filter({ hasText: 'team' });
    await expect(record).toHaveCount(1);
    await record.getByRole('link', { name: 'History of this key' }).click();
    const versions = page.getByTestId('key-version');
    await expect(versions).toHaveCount(3);
    await expect(page.getByTestId('history-status')).toContainText('3 versions');
    await expect(page.getByTestId('history-status')).toContainText(/scanned \d+ of \d+ records/);
    const newest = versions.nth(0);
    await expect(newest.locator('[data-testid="field-change"][data-path="plan"] [data-testid="before"]')).toHaveText('"pro"');
    await expect(newest.locator('[data-testid="field-change"][data-path="plan"] [data-testid="after"]')).toHaveText('"team"');
    await expect(newest.locator('[data-testid="field-change"][data-path="seats"] [data-testid="after"]')).toHaveText('3');
    await expect(versions.nth(1).locator('[data-testid="field-change"][data-path="plan"] [data-testid="before"]')).toHaveText('"free"');
    await expect(versions.nth(2)).toContainText('oldest found');

    // One version a step: "Older" continues where the scan stopped.
    await page.goto(`/topic/${users}/history?key=user-7&versions=1`);
    await expect(versions).toHaveCount(1);
    await page.getByRole('button', { name: 'Older' }).click();
    await expect(versions).toHaveCount(2);
    await page.getByRole('button', { name: 'Older' }).click();
    await expect(versions).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Older' })).toHaveCount(0);
  });

  test('the replay dialog edits headers and previews decoded values', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(orders, 'partition=0&offset=0&count=5');
    await mp.expand(0);
    await mp.message(0).getByRole('button', { name: 'Replay' }).click();
    const dialog = page.getByRole('dialog', { name: `Replay records of ${orders}` });
    await dialog.getByRole('button', { name: '+ Header edit' }).click();
    await dialog.getByLabel('Header edit 1 name').fill('trace');
    await dialog.getByLabel('Header edit 1 value').fill('replayed');
    await dialog.getByRole('button', { name: '+ Header edit' }).click();
    await dialog.getByLabel('Header edit 2 action').selectOption('add');
    await dialog.getByLabel('Header edit 2 name').fill('reason');
    await dialog.getByLabel('Header edit 2 value').fill('retry');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('preview-value')).toHaveAttribute('data-format', 'json');
    await expect(dialog.getByTestId('preview-value')).toContainText('9007199254740993');
    await expect(dialog.getByTestId('preview-headers')).toContainText('trace: replayed');
    await expect(dialog.getByTestId('preview-headers')).toContainText('reason: retry');
  });
});
