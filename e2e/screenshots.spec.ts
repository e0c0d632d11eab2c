import { randomName, test, expect } from './fixtures';

/** Captures every page in light and dark mode into test-results/screenshots/ for a visual check. */
for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots in ${scheme} mode`, async ({ page, request, kafka }) => {
    // Sixteen full-page captures at 1440 px, five at 768 and five message views at both: more than the default minute on a busy machine.
    test.setTimeout(300_000);
    const topic = randomName('screens');
    expect(
      (await request.post('/api/topics', { data: { name: topic, partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '3600000' } } })).status(),
    ).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 25 }, (_, i) => ({ key: `k${i % 4}`, value: `v${i}` })) });
    await producer.disconnect();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 900 });
    const shots: [string, string, string][] = [
      ['overview', '/', topic],
      ['topics', '/topics?sort=size', topic],
      ['topic', `/topic/${topic}`, 'retention.ms'],
      ['brokers', '/brokers', 'Partitions led'],
      ['broker', '/broker/1', 'Only non-default'],
      ['messages', `/topic/${topic}/messages?partition=0&offset=0&count=5`, 'first offset'],
      ['messages-all', `/topic/${topic}/messages?partition=all&offset=newest&count=5`, 'All partitions, merged by time'],
      ['consumers', '/consumers', 'Consumer groups'],
      ['acls', '/acls', 'ACLs are not enabled on this cluster'],
      ['offline', '/topics?cluster=offline', 'Cluster unreachable'],
    ];
    for (const [name, url, waitFor] of shots) {
      await page.goto(url);
      await expect(page.getByText(waitFor).first()).toBeVisible();
      // The topic list shows its topics before their counts: shoot it with the counts in.
      await expect(page.getByTestId('counts-pending')).toHaveCount(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}.png`, fullPage: true });
    }
    // The pages with the widest tables, at a tablet's width too.
    await page.setViewportSize({ width: 768, height: 1000 });
    for (const [name, url, waitFor] of shots.filter(([n]) => ['overview', 'topics', 'topic', 'brokers', 'broker'].includes(n))) {
      await page.goto(url);
      await expect(page.getByText(waitFor).first()).toBeVisible();
      await expect(page.getByTestId('counts-pending')).toHaveCount(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/screenshots/${name}-768-${scheme}.png`, fullPage: true });
    }
    // The message views at a wide and a narrow width (the topic page is above at both).
    const views: [string, string, string][] = [
      ['messages-table', `/topic/${topic}/messages?partition=all&offset=newest&count=25`, 'All partitions, merged by time'],
      ['messages-cards', `/topic/${topic}/messages?partition=all&offset=newest&count=5&view=cards`, 'All partitions, merged by time'],
      ['messages-record-link', `/topic/${topic}/messages?partition=0&offset=2&count=1&hl=0:2`, 'first offset'],
      ['messages-search', `/topic/${topic}/messages?tab=search&partition=all&offset=oldest&limit=500&value=v1`, 'matched'],
      ['messages-tail-paused', `/topic/${topic}/messages?tab=tail&partition=all&tail=paused&cursor=0:9,1:8,2:8`, 'Paused'],
    ];
    for (const width of [1440, 768]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, url, waitFor] of views) {
        await page.goto(url);
        await expect(page.getByText(waitFor).first()).toBeVisible();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `test-results/screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await request.delete(`/api/topics/${topic}`);
  });
}
