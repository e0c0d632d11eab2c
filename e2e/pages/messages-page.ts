import { expect, type Locator, type Page } from '@playwright/test';

export class MessagesPage {
  readonly messages: Locator;

  constructor(readonly page: Page) {
    this.messages = page.getByRole('list', { name: 'Messages' }).getByTestId('message');
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

  pagerButton(name: 'First' | 'Prev' | 'Next' | 'Last'): Locator {
    return this.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name });
  }

  /** Transaction markers, shown as gap lines between the records. */
  get markers(): Locator {
    return this.page.getByRole('list', { name: 'Messages' }).getByTestId('marker');
  }

  get readUncommitted(): Locator {
    return this.page.getByRole('checkbox', { name: /Read uncommitted/ });
  }

  tab(name: 'Browse' | 'Search' | 'Live tail'): Locator {
    return this.page.getByRole('tab', { name });
  }
}
