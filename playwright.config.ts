import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the stack the way `npm start` does (scripts/start.ts: build if needed, embedded broker,
 * `next start`) on random ports with a temp data dir, plus a configured cluster "offline" that
 * nothing listens on. Ports are fixed once in the runner's env so workers see the same values.
 */
function pick(name: string, base: number): string {
  process.env[name] ??= String(base + Math.floor(Math.random() * 10000));
  return process.env[name]!;
}
const consolePort = pick('KAYAK_E2E_CONSOLE_PORT', 30000);
const brokerPort = pick('KAYAK_E2E_BROKER_PORT', 40000);
const offlinePort = pick('KAYAK_E2E_OFFLINE_PORT', 50000);
// A broker with ACLs enabled that e2e/acls.spec.ts starts and stops itself; offline otherwise.
const aclBrokerPort = pick('KAYAK_E2E_ACL_BROKER_PORT', 20000);
process.env.KAYAK_E2E_DATA_DIR ??= join(tmpdir(), `kayak-e2e-${process.pid}-${Date.now()}`);
process.env.KAYAK_E2E_BROKER ??= `127.0.0.1:${brokerPort}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${consolePort}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    url: `http://127.0.0.1:${consolePort}/api/ping`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      SERVER_PORT: consolePort,
      HOST: '127.0.0.1',
      KAYAK_BROKER_PORT: brokerPort,
      KAYAK_DATA_DIR: process.env.KAYAK_E2E_DATA_DIR,
      KAYAK_CLUSTER_1_NAME: 'offline',
      KAYAK_CLUSTER_1_BROKERS: `127.0.0.1:${offlinePort}`,
      KAYAK_CLUSTER_2_NAME: 'acl',
      KAYAK_CLUSTER_2_BROKERS: `127.0.0.1:${aclBrokerPort}`,
      KAYAK_LAG_SAMPLE_MS: '2000',
    },
  },
});
