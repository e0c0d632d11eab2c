import { test as base, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { GroupsPage } from './pages/groups-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

interface Fixtures {
  topicsPage: TopicsPage;
  topicPage: TopicPage;
  groupsPage: GroupsPage;
  kafka: Kafka;
}

export const test = base.extend<Fixtures>({
  topicsPage: async ({ page }, use) => use(new TopicsPage(page)),
  topicPage: async ({ page }, use) => use(new TopicPage(page)),
  groupsPage: async ({ page }, use) => use(new GroupsPage(page)),
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  kafka: async ({}, use) => use(new Kafka({ clientId: 'kayak-e2e', brokers: [process.env.KAYAK_E2E_BROKER!], logLevel: logLevel.NOTHING })),
});

export { expect } from '@playwright/test';

export function randomName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Collects uncaught page errors and console errors (React reports hydration failures there). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The console has no favicon; the browser's request for one is not the page's error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
  });
  return errors;
}
