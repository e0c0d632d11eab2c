import { expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

/**
 * Message workflows against the bundled broker: replay with dry run, progress, cancel and
 * resume; dead-letter redrive from Spring Kafka's headers; lag in time with the chart ranges;
 * produce-rate sparklines and the topic list's lag column.
 */
test.describe('Replay and redrive', () => {
  const src = randomName('e2e-replay-src');
  const dst = randomName('e2e-replay-dst');
  const orders = randomName('e2e-orders');
  const dlt = `${orders}-dlt`;

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({
      topics: [
        { topic: src, numPartitions: 1 },
        { topic: dst, numPartitions: 1 },
        { topic: orders, numPartitions: 2 },
        { topic: dlt, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    await producer.send({ topic: src, messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `value ${i}` })) });
    const int32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    const int64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    await producer.send({
      topic: dlt,
      messages: [
        {
          key: 'order-1',
          value: '{"id":1}',
          headers: {
            'kafka_dlt-original-topic': orders,
            'kafka_dlt-original-partition': int32(1),
            'kafka_dlt-original-offset': int64(17n),
            'kafka_dlt-exception-message': 'price must be positive',
            'kafka_dlt-exception-fqcn': 'java.lang.IllegalArgumentException',
          },
        },
      ],
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  test('replays a range with a dry run, then cancels, resumes and finishes with every record once', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(src, 'partition=0&offset=0&count=5');
    await expect(mp.messages).toHaveCount(5);
    await page.getByRole('button', { name: 'Replay…' }).click();
    const dialog = page.getByRole('dialog', { name: `Replay records of ${src}` });
    await dialog.getByLabel('Target topic').fill(dst);
    await dialog.getByLabel('Rate limit (records/s)').fill('20');
    await expect(dialog.getByRole('button', { name: 'Start replay' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('replay-count')).toContainText('60 records would be produced');
    await expect(dialog.getByTestId('replay-preview').getByRole('row')).toHaveCount(11);
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    const job = dialog.getByTestId('replay-job');
    await expect(job).toHaveAttribute('data-state', 'running');
    await expect(job.getByTestId('replay-counts')).not.toContainText(/^0 produced/);
    await job.getByRole('button', { name: 'Cancel job' }).click();
    await expect(job).toHaveAttribute('data-state', 'cancelled');
    const stopped = Number((await job.getByTestId('replay-counts').textContent())!.split(' ')[0]);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(60);
    await job.getByRole('button', { name: 'Resume' }).click();
    await expect(job).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(job.getByTestId('replay-counts')).toContainText('60 produced');

    await mp.goto(dst, 'partition=0&offset=0&count=100');
    await expect(mp.messages).toHaveCount(60);
    await expect(mp.message(59)).toContainText('value 59');

    await page.getByRole('link', { name: 'Jobs' }).click();
    await expect(page.getByTestId('replay-job').filter({ hasText: dst }).first()).toHaveAttribute('data-state', 'done');
  });

  test('replays one record with an edited value', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(src, 'partition=0&offset=7&count=1');
    // The compact table keeps a record's replay actions in its open view.
    await mp.expand(7);
    await mp.message(7).getByRole('button', { name: 'Replay' }).click();
    const dialog = page.getByRole('dialog', { name: `Replay records of ${src}` });
    await expect(dialog).toContainText('1 selected record');
    await dialog.getByLabel('Target topic').fill(dst);
    await dialog.getByLabel('Replace value for every record').check();
    await dialog.getByLabel('Replace value text').fill('edited 7');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('replay-preview')).toContainText('edited 7');
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    await expect(dialog.getByTestId('replay-job')).toHaveAttribute('data-state', 'done');
    await mp.goto(dst, 'partition=0&offset=60&count=1');
    await expect(mp.message(60)).toContainText('edited 7');
    await expect(mp.message(60)).toContainText('k7');
  });

  test('shows a dead letter’s origin and error, and redrives it to its original partition', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(dlt, 'partition=0&offset=0&count=5');
    // The table's line marks the dead letter; its open view and the card show the origin and Redrive.
    await expect(mp.message(0).getByRole('row').first()).toContainText('DLT');
    await mp.viewToggle('Cards').click();
    await expect(mp.message(0).getByTestId('dlt-origin')).toContainText(`${orders} partition 1 offset 17`);
    await expect(mp.message(0).getByRole('button', { name: 'Redrive' })).toBeVisible();
    await mp.viewToggle('Table').click();
    await mp.expand(0);
    const origin = mp.message(0).getByTestId('dlt-origin');
    await expect(origin).toContainText(`${orders} partition 1 offset 17`);
    await expect(origin).toContainText('java.lang.IllegalArgumentException: price must be positive');
    await mp.message(0).getByRole('button', { name: 'Redrive' }).click();
    const dialog = page.getByRole('dialog', { name: `Redrive dead letters from ${dlt}` });
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('replay-preview')).toContainText(`${orders}/1`);
    await dialog.getByRole('button', { name: 'Start redrive' }).click();
    await expect(dialog.getByTestId('replay-job')).toHaveAttribute('data-state', 'done');
    await mp.goto(orders, 'partition=1&offset=0&count=5');
    await expect(mp.messages).toHaveCount(1);
    await expect(mp.message(0)).toContainText('order-1');
    await mp.expand(0, 1);
    await expect(mp.message(0).getByTestId('dlt-origin')).toHaveCount(0);
  });

  test('search results open the replay dialog with every match selected', async ({ page }) => {
    const mp = new MessagesPage(page);
    await mp.goto(src, 'tab=search');
    await page.getByLabel('Value', { exact: true }).fill('value 1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // value 1, value 10 … value 19
    await expect(mp.messages).toHaveCount(11);
    await page.getByRole('button', { name: 'Replay results…' }).click();
    const dialog = page.getByRole('dialog', { name: `Replay records of ${src}` });
    await expect(dialog).toContainText('11 selected records');
    await dialog.getByLabel('Target topic').fill(dst);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('replay-count')).toContainText('11 records would be produced');
  });
});

test.describe('Lag in time', () => {
  const topic = randomName('e2e-lagtime');
  const groupId = randomName('e2e-lagtime-group');

  test.beforeAll(async ({ kafka }) => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    // Records written "an hour ago" (CreateTime) that the group has not consumed yet.
    const hourAgo = String(Date.now() - 3600_000);
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: `m${i}`, timestamp: hourAgo })) });
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '2' },
        { partition: 1, offset: '10' },
      ],
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  test('shows how far behind in time each partition is, and the chart ranges', async ({ page }) => {
    await page.goto(`/consumer/${encodeURIComponent(groupId)}`);
    const rows = page.getByTestId('lag-time-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(/(59|60|61) min/);
    await expect(rows.nth(1)).toContainText('caught up');
    await expect(page.getByTestId('lag-time-summary')).toContainText(/behind by (59|60|61) min/);
    await page.getByRole('group', { name: 'Chart range' }).getByRole('button', { name: '24h' }).click();
    await expect(page.getByRole('group', { name: 'Chart range' }).getByRole('button', { name: '24h' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('the topic list shows the group’s lag and state; the topic page shows produce rates', async ({ page, kafka }) => {
    await page.goto('/topics');
    const row = page.getByRole('row').filter({ hasText: topic });
    await expect(row.getByTestId('topic-lag')).toContainText('8');
    await expect(row.getByTestId('topic-lag')).toContainText('Empty');
    await page.goto(`/topic/${encodeURIComponent(topic)}`);
    const producer = kafka.producer();
    await producer.connect();
    try {
      // Keep producing to partition 1 until a rate shows (samples every 2 s in e2e).
      await expect(async () => {
        await producer.send({ topic, messages: Array.from({ length: 50 }, () => ({ partition: 1, value: 'x' })) });
        await expect(page.locator('[data-testid="produce-rate"][data-partition="1"]')).toContainText(/(\b[1-9]\d*(\.\d)?|\b0\.[1-9])\/s/, { timeout: 1000 });
      }).toPass({ timeout: 30_000 });
    } finally {
      await producer.disconnect();
    }
  });
});
