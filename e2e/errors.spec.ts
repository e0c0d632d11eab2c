import { expect, test } from './fixtures';

test.describe('Errors are shown as errors', () => {
  test('an unreachable cluster shows an error page, not an empty list', async ({ page, topicsPage }) => {
    await topicsPage.goto('offline');
    const alert = page.locator('[role=alert][data-error-code]');
    await expect(alert).toContainText('Cluster unreachable');
    await expect(alert).toContainText(`127.0.0.1:${process.env.KAYAK_E2E_OFFLINE_PORT}`);
    await expect(topicsPage.table).toHaveCount(0);
    await expect(page.getByText('no topics')).toHaveCount(0);

    await page.goto('/?cluster=offline');
    await expect(page.locator('[role=alert][data-error-code]')).toContainText('Cluster unreachable');
    await page.goto('/consumers?cluster=offline');
    await expect(page.locator('[role=alert][data-error-code]')).toContainText('Cluster unreachable');
  });

  test('a failing API is an error even when its body is JSON', async ({ page, topicsPage }) => {
    await page.route('**/api/topics*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '[]' }));
    await topicsPage.goto();
    await expect(page.locator('[role=alert][data-error-code]')).toContainText('HTTP 500');
    await expect(topicsPage.table).toHaveCount(0);
  });

  test('an unknown topic is reported as not found', async ({ page, topicPage }) => {
    await topicPage.goto('does-not-exist-e2e');
    await expect(page.locator('[role=alert][data-error-code]')).toContainText('does not exist');
  });
});
