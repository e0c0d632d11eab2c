import { expect, type Locator, type Page } from '@playwright/test';

export class TopicPage {
  readonly partitions: Locator;
  readonly configs: Locator;

  constructor(readonly page: Page) {
    this.partitions = page.getByRole('table', { name: 'Partitions' });
    this.configs = page.getByRole('table', { name: 'Configs' });
  }

  async goto(name: string) {
    await this.page.goto(`/topic/${encodeURIComponent(name)}`);
  }

  partitionRow(partition: number): Locator {
    return this.partitions.locator(`tr[data-partition="${partition}"]`);
  }

  async expectPartitionCount(n: number) {
    await expect(this.partitions.locator('tbody tr')).toHaveCount(n);
  }

  async deleteByTypingName(name: string) {
    await this.page.getByRole('button', { name: 'Delete topic' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete topic ${name}` });
    const confirm = dialog.getByRole('button', { name: 'Delete topic' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Topic name').fill(name.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Topic name').fill(name);
    await confirm.click();
  }
}
