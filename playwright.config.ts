import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the stack the way `npm start` does (scripts/start.ts: build if needed, embedded broker,
 * `next start`) on free ports with a temp data dir, plus a configured cluster "offline" that
 * nothing listens on. Ports are fixed once in the runner's env so workers see the same values.
 */
const portNames = [
  'KAYAK_E2E_CONSOLE_PORT',
  'KAYAK_E2E_BROKER_PORT',
  'KAYAK_E2E_OFFLINE_PORT',
  'KAYAK_E2E_ACL_BROKER_PORT',
  'KAYAK_E2E_REGISTRY_PORT',
] as const;
if (portNames.some((n) => process.env[n] === undefined)) {
  // The kernel hands out ports that are free right now: bind all of them at once (so they are
  // distinct), then release them. The config is loaded synchronously, hence the child process.
  const probe = `const net=require('node:net');const s=[];let n=${portNames.length};for(let i=0;i<n;i++){const v=net.createServer();s.push(v);v.listen(0,'127.0.0.1',()=>{if(--n===0){console.log(s.map(x=>x.address().port).join(' '));s.forEach(x=>x.close());}});}`;
  const ports = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim().split(' ');
  portNames.forEach((name, i) => (process.env[name] ??= ports[i]));
}
const [consolePort, brokerPort, offlinePort, aclBrokerPort, registryPort] = portNames.map((n) => process.env[n]!) as [string, string, string, string, string];
// aclBrokerPort: a broker with ACLs enabled that e2e/acls.spec.ts starts and stops itself; offline otherwise.
process.env.KAYAK_E2E_DATA_DIR ??= join(tmpdir(), `kayak-e2e-${process.pid}-${Date.now()}`);
process.env.KAYAK_E2E_BROKER ??= `127.0.0.1:${brokerPort}`;
// KAYAK_E2E_TARGET=kafka: the specs run against Apache Kafka (test/reference/kafka-fixture.ts)
// started on the broker port by scripts/e2e-kafka-stack.ts, instead of the embedded broker.
const onKafka = process.env.KAYAK_E2E_TARGET === 'kafka';

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
      executablePath: process.env.KAYAK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: onKafka ? 'node --import tsx scripts/e2e-kafka-stack.ts' : 'node --import tsx scripts/start.ts',
    url: `http://127.0.0.1:${consolePort}/api/ping`,
    timeout: onKafka ? 420_000 : 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      SERVER_PORT: consolePort,
      HOST: '127.0.0.1',
      KAYAK_BROKER_PORT: brokerPort,
      // the bundled schema registry on a free port: the console's registry for the bundled cluster
      KAYAK_SCHEMA_REGISTRY_PORT: registryPort,
      KAYAK_DATA_DIR: process.env.KAYAK_E2E_DATA_DIR,
      KAYAK_CLUSTER_1_NAME: 'offline',
      KAYAK_CLUSTER_1_BROKERS: `127.0.0.1:${offlinePort}`,
      KAYAK_CLUSTER_2_NAME: 'acl',
      KAYAK_CLUSTER_2_BROKERS: `127.0.0.1:${aclBrokerPort}`,
      KAYAK_LAG_SAMPLE_MS: '2000',
    },
  },
});
