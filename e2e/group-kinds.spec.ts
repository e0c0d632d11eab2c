import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, randomName, test } from './fixtures';

/**
 * A KIP-848 consumer group (confluent-kafka 2.x from PyPI with group.protocol=consumer) in the
 * browser: the list names its type, its page shows the member's epoch and assignment, and the
 * offsets table names the member holding each partition.
 */
test('a consumer-protocol group shows its type, member epoch and partition owners', async ({ page, groupsPage, request, kafka }) => {
  const topic = randomName('e2e-kip848');
  const groupId = randomName('e2e-kip848-group');
  expect((await request.post('/api/topics', { data: { name: topic, partitions: 2, replicationFactor: 1 } })).status()).toBe(201);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `v${i}` })) });
  await producer.disconnect();

  const script = join(import.meta.dirname, '..', 'test', 'groups', 'python', 'kip848_member.py');
  const member = spawn('python3', [script, process.env.KAYAK_E2E_BROKER!, topic, groupId], { stdio: ['pipe', 'pipe', 'inherit'] });
  let records = 0;
  createInterface({ input: member.stdout! }).on('line', (line) => {
    if ((JSON.parse(line) as { event: string }).event === 'record') records++;
  });
  try {
    await expect.poll(() => records, { timeout: 60_000 }).toBe(10);
    await groupsPage.goto();
    await expect(page.getByRole('table', { name: 'Consumer groups' }).getByRole('row', { name: new RegExp(groupId) })).toContainText('consumer');

    await groupsPage.openGroup(groupId);
    await expect(page.getByText('Type', { exact: true }).locator('..')).toContainText('consumer (KIP-848)');
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('columnheader', { name: 'Member epoch' })).toBeVisible();
    await expect(members).toContainText(`${topic}: 0, 1`);
    const offsets = page.getByRole('table', { name: 'Committed offsets' });
    await expect(offsets.getByRole('columnheader', { name: 'Consumer' })).toBeVisible();
    // librdkafka's default client.id names the member holding both partitions.
    await expect(offsets.locator('tbody tr', { hasText: topic }).filter({ hasText: 'rdkafka' })).toHaveCount(2);
  } finally {
    member.stdin!.end('close\n');
    await new Promise((r) => member.once('exit', r));
    await request.delete(`/api/topics/${topic}`);
  }
});
