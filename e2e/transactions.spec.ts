import { expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

type Producer = ReturnType<import('kafkajs').Kafka['producer']>;

/**
 * A topic written by kafkajs transactional producers: a commit, an abort, and one transaction
 * left open while the specs run. Offsets: a0 a1 | commit 2 | b0 | abort 4 | o0 (5, open).
 */
test.describe('Transactions', () => {
  const topic = randomName('e2e-txn');
  const doneId = randomName('e2e-tid-done');
  const openId = randomName('e2e-tid-open');
  let open: Producer;
  let openTxn: Awaited<ReturnType<Producer['transaction']>>;

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ transactionalId: doneId, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let txn = await producer.transaction();
    await txn.send({ topic, messages: [{ value: 'a0' }, { value: 'a1' }] });
    await txn.commit();
    txn = await producer.transaction();
    await txn.send({ topic, messages: [{ value: 'b0' }] });
    await txn.abort();
    await producer.disconnect();
    open = kafka.producer({ transactionalId: openId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 120_000 });
    await open.connect();
    openTxn = await open.transaction();
    await openTxn.send({ topic, messages: [{ value: 'o0' }] });
  });

  test.afterAll(async () => {
    await openTxn?.abort().catch(() => undefined);
    await open?.disconnect().catch(() => undefined);
  });

  test('the message browser reads committed records with markers as gap lines, and the switch shows aborted ones', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0');
    await expect(mp.messages).toHaveCount(2);
    await expect(mp.markers).toHaveText([/transaction marker: commit at offset 2/, /transaction marker: abort at offset 4/]);
    await expect(page.getByRole('status').filter({ hasText: 'last stable offset (5)' })).toBeVisible();
    await expect(mp.readUncommitted).not.toBeChecked();
    // The box mirrors the URL, so it turns checked once the navigation it starts lands.
    await mp.readUncommitted.click();
    await expect(page).toHaveURL(/isolation=read_uncommitted/);
    await expect(mp.readUncommitted).toBeChecked();
    await expect(mp.messages).toHaveCount(4);
    await expect(mp.message(3).getByText('aborted', { exact: true })).toBeVisible();
    await expect(mp.message(5).getByText('aborted', { exact: true })).toHaveCount(0);
    await expect(mp.markers).toHaveCount(2);
    // The switch is page state: reloading keeps it.
    await page.reload();
    await expect(mp.readUncommitted).toBeChecked();
    await expect(mp.messages).toHaveCount(4);
  });

  test('the topic page shows the last stable offset and the active producers', async ({ page, topicPage }) => {
    await topicPage.goto(topic);
    await expect(topicPage.partitionRow(0).getByTestId('lso')).toHaveText('LSO 5');
    const producers = page.getByRole('table', { name: 'Active producers' });
    await expect(producers.getByRole('row')).toHaveCount(3);
    await expect(producers.getByText('since offset 5')).toBeVisible();
  });

  test('the Transactions page lists the open and the finished transaction', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transactions' }).click();
    await expect(page).toHaveURL(/\/transactions/);
    const table = page.getByRole('table', { name: 'Transactions' });
    const openRow = table.locator(`tr[data-transactional-id="${openId}"]`);
    await expect(openRow.getByText('Ongoing')).toBeVisible();
    await expect(openRow.getByRole('link', { name: topic })).toBeVisible();
    await expect(openRow).toContainText('/ 2 min 0 s');
    await expect(table.locator(`tr[data-transactional-id="${doneId}"]`).getByText('CompleteAbort')).toBeVisible();
  });
});
