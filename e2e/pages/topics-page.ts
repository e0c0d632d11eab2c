import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  readonly table: Locator;
  readonly filter: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Topics' });
    this.filter = page.getByRole('textbox', { name: 'Filter topics' });
  }

  async goto(cluster?: string) {
    await this.page.goto(cluster ? `/topics?cluster=${cluster}` : '/topics');
  }

  async createTopic(name: string, partitions: number) {
    await this.page.getByRole('button', { name: 'New topic' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create topic' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Partitions').fill(String(partitions));
    await dialog.getByRole('button', { name: 'Create topic' }).click();
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async expectListed(name: string) {
    await this.filter.fill(name);
    await expect(this.row(name)).toBeVisible();
  }
}
