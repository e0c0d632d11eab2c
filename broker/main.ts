/**
 * `npm run broker -- [flags]`: runs the bundled single-node Kafka broker until SIGINT/SIGTERM,
 * then flushes its logs and writes the clean-shutdown marker.
 */
import { parseArgs } from 'node:util';
import { Broker } from './broker.ts';

const USAGE = `Usage: npm run broker -- [options]
  --port <n>              listen port (default 9092)
  --host <addr>           listen address (default 127.0.0.1)
  --advertised-host <h>   host announced to clients in Metadata (default: --host)
  --data-dir <dir>        where logs and metadata live (default ./data)
  --node-id <n>           this broker's node id (default 1)
  --config key=value      broker config override, repeatable (num.partitions, log.retention.ms,
                          log.segment.bytes, auto.create.topics.enable, ...)
  --help                  show this help`;

function parseOverrides(values: string[]): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const item of values) {
    const at = item.indexOf('=');
    if (at <= 0) throw new Error(`--config expects key=value, got "${item}"`);
    overrides.set(item.slice(0, at).trim(), item.slice(at + 1).trim());
  }
  return overrides;
}

function parseInteger(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in [${min}, ${max}], got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9092' },
      host: { type: 'string', default: '127.0.0.1' },
      'advertised-host': { type: 'string' },
      'data-dir': { type: 'string', default: './data' },
      'node-id': { type: 'string', default: '1' },
      config: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const broker = await Broker.start({
    port: parseInteger('port', values.port, 0, 65535),
    host: values.host,
    advertisedHost: values['advertised-host'],
    dataDir: values['data-dir'],
    nodeId: parseInteger('node-id', values['node-id'], 0, 2 ** 31 - 1),
    overrides: parseOverrides(values.config),
  });
  const { host, port } = broker.advertised;
  console.log(`kayak broker ${broker.nodeId} listening on ${values.host}:${broker.port} (advertised ${host}:${port}, cluster ${broker.clusterId}, data ${values['data-dir']})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    broker
      .stop()
      .then(() => {
        console.log(`kayak broker stopped cleanly (${signal})`);
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error(`kayak broker failed to stop cleanly: ${(err as Error).message}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`kayak broker: ${(err as Error).message}`);
  console.error(USAGE);
  process.exit(1);
});
