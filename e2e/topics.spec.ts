import { expect, randomName, test } from './fixtures';

test.describe('Topics', () => {
  test('create a topic, see its partitions and configs, find it in the list, delete it by typing its name', async ({ page, topicsPage, topicPage, kafka }) => {
    const name = randomName('e2e-topic');
    await topicsPage.goto();
    await topicsPage.createTopic(name, 3);
    await expect(page).toHaveURL(new RegExp(`/topic/${name}`));
    await topicPage.expectPartitionCount(3);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: name, messages: Array.from({ length: 30 }, (_, i) => ({ key: `user-${i % 6}`, value: JSON.stringify({ n: i }) })) });
    await producer.disconnect();

    await page.reload();
    await topicPage.expectPartitionCount(3);
    await expect(async () => {
      const counts = await topicPage.partitions.locator('tbody tr td:nth-child(4)').allTextContents();
      expect(counts.reduce((s, c) => s + Number(c.replace(/,/g, '')), 0)).toBe(30);
    }).toPass();
    const lastOffsets = await topicPage.partitions.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(lastOffsets.some((o) => Number(o) > 0)).toBe(true);
    await expect(topicPage.partitionRow(0).getByRole('link', { name: /Messages/ })).toHaveAttribute(
      'href',
      new RegExp(`/topic/${name}/messages\\?partition=0&offset=\\d+&count=100`),
    );

    const retention = topicPage.configs.locator('tr[data-config="retention.ms"]');
    await expect(retention).toBeVisible();
    const cleanup = topicPage.configs.locator('tr[data-config="cleanup.policy"]');
    await cleanup.getByRole('button', { name: 'Edit' }).click();
    await cleanup.getByRole('textbox').fill('compact');
    await cleanup.getByRole('button', { name: 'Save' }).click();
    await expect(topicPage.configs.locator('tr[data-config="cleanup.policy"]')).toContainText('compact');
    await expect(topicPage.configs.locator('tr[data-config="cleanup.policy"]')).toContainText('topic');

    await topicsPage.goto();
    await topicsPage.expectListed(name);
    await expect(topicsPage.row(name)).toContainText('30');

    await topicPage.goto(name);
    await topicPage.deleteByTypingName(name);
    await expect(page).toHaveURL(/\/topics/);
    await topicsPage.filter.fill(name);
    await expect(topicsPage.row(name)).toHaveCount(0);
    await expect(topicsPage.table).toContainText(/No topic matches the filter|no topics yet/);
  });

  test('the create form rejects an invalid name without calling the cluster', async ({ page, topicsPage }) => {
    await topicsPage.goto();
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/topics')) posted = true;
    });
    await topicsPage.createTopic('bad name!', 1);
    await expect(page.getByRole('dialog', { name: 'Create topic' })).toContainText('may only contain');
    expect(posted).toBe(false);
  });

  test('adding partitions grows the partition table', async ({ page, topicPage, request }) => {
    const name = randomName('e2e-grow');
    expect((await request.post('/api/topics', { data: { name, partitions: 1, replicationFactor: 1 } })).status()).toBe(201);
    await topicPage.goto(name);
    await topicPage.expectPartitionCount(1);
    await page.getByRole('button', { name: 'Add partitions' }).click();
    const dialog = page.getByRole('dialog', { name: `Add partitions to ${name}` });
    await dialog.getByLabel('New total partition count').fill('4');
    await dialog.getByRole('button', { name: 'Add partitions' }).click();
    await topicPage.expectPartitionCount(4);
    await request.delete(`/api/topics/${name}`);
  });
});
