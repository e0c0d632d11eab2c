/**
 * Playwright's web server for the specs run against Apache Kafka (KAYAK_E2E_TARGET=kafka): a
 * single-node KRaft Kafka from test/reference/kafka-fixture.ts on KAYAK_BROKER_PORT, then the
 * console as `npm start` runs it, pointed at that Kafka (KAFKA_BROKERCONNECT, so no embedded
 * broker). SIGTERM stops both; Kafka's log is printed when it fails to start.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startKafka } from '../test/reference/kafka-fixture.ts';

const port = Number(process.env.KAYAK_BROKER_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('KAYAK_BROKER_PORT must name the port Kafka listens on');
const kafka = await startKafka({ port, timeoutMs: 180_000 });
console.log(`[e2e] Apache Kafka ${kafka.version} on ${kafka.bootstrap} (pid ${kafka.pid})`);

const console_ = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'start.ts')], {
  env: { ...process.env, KAFKA_BROKERCONNECT: kafka.bootstrap, KAYAK_CLUSTER_NAME: 'kafka' },
  stdio: 'inherit',
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console_.kill('SIGTERM');
  await kafka.stop();
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
console_.on('exit', (code) => void stop(code ?? 1));
