import { expect, type Locator, type Page } from '@playwright/test';

export class MessagesPage {
  readonly messages: Locator;

  constructor(readonly page: Page) {
    // The compact table and the card list are both labelled "Messages"; each record is one testid=message element.
    this.messages = page.locator('[aria-label="Messages"]').getByTestId('message');
  }

  async goto(topic: string, query = '') {
    await this.page.goto(`/topic/${encodeURIComponent(topic)}/messages${query ? `?${query}` : ''}`);
  }

  message(offset: string | number): Locator {
    return this.page.locator(`[data-testid="message"][data-offset="${offset}"]`).first();
  }

  async expectOffsets(first: number, last: number) {
    await expect(this.messages.first()).toHaveAttribute('data-offset', String(first));
    await expect(this.messages.last()).toHaveAttribute('data-offset', String(last));
  }

  /** Opens a record's full view in the table (cards are always open). */
  async expand(offset: string | number, partition = 0) {
    const toggle = this.message(offset).getByRole('button', { name: `Show record ${partition}:${offset}` });
    await toggle.click();
    await expect(this.message(offset).getByTestId('record-detail')).toBeVisible();
  }

  viewToggle(name: 'Table' | 'Cards'): Locator {
    return this.page.getByRole('radiogroup', { name: 'Record view' }).getByRole('radio', { name });
  }

  pagerButton(name: 'First' | 'Prev' | 'Next' | 'Last'): Locator {
    return this.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name });
  }

  /** Transaction markers, shown as gap lines between the records. */
  get markers(): Locator {
    return this.page.locator('[aria-label="Messages"]').getByTestId('marker');
  }

  get readUncommitted(): Locator {
    return this.page.getByRole('checkbox', { name: /Read uncommitted/ });
  }

  tab(name: 'Browse' | 'Search' | 'Live tail'): Locator {
    return this.page.getByRole('tab', { name });
  }

  /**
   * Clicks a tab until it is selected: a click that lands before React has hydrated the
   * server-rendered tabs does nothing (seen once on a loaded machine).
   */
  async selectTab(name: 'Browse' | 'Search' | 'Live tail') {
    const tab = this.tab(name);
    await expect(async () => {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 1000 });
    }).toPass();
  }
}
