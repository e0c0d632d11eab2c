import type { Locator, Page } from '@playwright/test';

export class GroupsPage {
  readonly table: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Consumer groups' });
    this.alert = page.locator('[role=alert][data-error-code]');
  }

  async goto() {
    await this.page.goto('/consumers');
  }

  async openGroup(groupId: string) {
    await this.page.goto(`/consumer/${encodeURIComponent(groupId)}`);
  }
}
