import { expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

test.describe('Message browser', () => {
  const topic = randomName('e2e-messages');

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: 45 }, (_, i) => ({ partition: 0, key: `k-${i}`, value: JSON.stringify({ n: i, name: `item ${i}` }) })),
        { partition: 0, key: 'xss', value: '<script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">' },
        { partition: 0, key: 'needle', value: 'find the needle here' },
      ],
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  test('opens a partition from the topic page and pages with Next/Prev and the keyboard', async ({ page, topicPage }) => {
    await topicPage.goto(topic);
    await topicPage
      .partitionRow(0)
      .getByRole('link', { name: /Messages/ })
      .click();
    const mp = new MessagesPage(page);
    await expect(mp.messages).toHaveCount(47);
    await mp.goto(topic, 'partition=0&offset=0&count=20');
    await mp.expectOffsets(0, 19);
    await mp.pagerButton('Next').click();
    await mp.expectOffsets(20, 39);
    await mp.pagerButton('Prev').click();
    await mp.expectOffsets(0, 19);
    await page.keyboard.press('ArrowRight');
    await mp.expectOffsets(20, 39);
    await page.keyboard.press('End');
    await mp.expectOffsets(27, 46);
    await expect(page).toHaveURL(/offset=27/);
  });

  test('switches the value format and shows JSON as a tree', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=3&count=1');
    await mp.expand(3);
    await expect(mp.message(3).getByTestId('value-view')).toHaveAttribute('data-format', 'json');
    await expect(mp.message(3)).toContainText('"item 3"');
    await page.getByLabel('Value format').selectOption('hex');
    await page.getByRole('button', { name: 'View' }).click();
    await expect(page).toHaveURL(/format=hex/);
    // A new page of records opens collapsed.
    await mp.expand(3);
    await expect(mp.message(3).getByTestId('value-view')).toHaveAttribute('data-format', 'hex');
    await expect(mp.message(3)).toContainText('00000000  7b 22 6e 22');
  });

  test('an HTML/script value is shown literally and never runs', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=45&count=1');
    await expect(mp.message(45)).toContainText('<script>window.__pwned = true</script><img src=x');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await expect(mp.message(45).locator('script, img')).toHaveCount(0);
  });

  test('an offset past the end and an empty partition say so', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=999&count=10');
    await expect(page.getByRole('status').filter({ hasText: 'past the end' })).toBeVisible();
    await mp.goto(topic, 'partition=1&offset=0');
    await expect(page.getByRole('status').filter({ hasText: 'is empty' })).toBeVisible();
  });

  test('searches on the server with progress and results', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0');
    await mp.selectTab('Search');
    await page.getByLabel('Value', { exact: true }).fill('needle');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByLabel('Search progress')).toContainText('Reached the end after scanning 47 records; 1 matched.');
    await expect(mp.messages).toHaveCount(1);
    await expect(mp.message(46)).toContainText('find the needle here');
  });

  test('live tail shows a record produced while it runs, and produce works from the UI', async ({ page, kafka }) => {
    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0');
    await mp.selectTab('Live tail');
    await page.getByRole('button', { name: 'Start tail' }).click();
    await expect(page.getByLabel('Tail status')).toContainText('Live');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ partition: 1, value: 'tailed record' }] });
    await producer.disconnect();
    await expect(mp.messages.filter({ hasText: 'tailed record' })).toHaveCount(1);

    await page.getByRole('button', { name: 'Produce message' }).click();
    const dialog = page.getByRole('dialog', { name: `Produce to ${topic}` });
    await dialog.getByLabel('Produce key', { exact: true }).fill('from-ui');
    await dialog.getByLabel('Produce value', { exact: true }).fill('hello from the UI');
    await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Written to partition');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(mp.messages.filter({ hasText: 'hello from the UI' })).toHaveCount(1);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByLabel('Tail status')).toContainText('Paused');
  });
});
