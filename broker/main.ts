/**
 * `npm run broker -- [flags]`: runs the bundled single-node Kafka broker until SIGINT/SIGTERM,
 * then flushes its logs and writes the clean-shutdown marker.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { Broker, type SaslOptions } from './broker.ts';
import { parseListeners, usesSasl } from './listeners.ts';
import { loadSaslUsers } from './sasl/users.ts';
import { isMechanism, SUPPORTED_MECHANISMS, type Mechanism } from './sasl/mechanism.ts';

const USAGE = `Usage: npm run broker -- [options]
  --port <n>              listen port (default 9092)
  --host <addr>           listen address (default 127.0.0.1)
  --advertised-host <h>   host announced to clients in Metadata (default: --host)
  --data-dir <dir>        where logs and metadata live (default ./data)
  --node-id <n>           this broker's node id (default 1)
  --config key=value      broker config override, repeatable (num.partitions, log.retention.ms,
                          log.segment.bytes, auto.create.topics.enable, ...)
  --listeners <list>      PROTOCOL://host:port[,...] with PLAINTEXT, SSL, SASL_PLAINTEXT or
                          SASL_SSL (replaces --host/--port), e.g.
                          PLAINTEXT://127.0.0.1:9092,SASL_SSL://127.0.0.1:9094
  --tls-cert <file>       PEM certificate (chain) for SSL and SASL_SSL listeners
  --tls-key <file>        PEM private key for that certificate
  --tls-ca <file>         PEM CA: when given, TLS clients must present a certificate it signed
  --sasl-users <list>     SASL users as user:password[,user:password]
  --sasl-users-file <f>   SASL users, one user:password per line
  --sasl-mechanisms <l>   enabled mechanisms (default PLAIN,SCRAM-SHA-256,SCRAM-SHA-512)
  --schema-registry-port <n>  serve the Confluent-compatible schema registry on this HTTP port
                          (0 picks a free one; off when not given, or given as "off")
  --schema-registry-host <a>  its listen address (default: --host)
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

function saslOptions(inline: string | undefined, file: string | undefined, mechanisms: string, needed: boolean): SaslOptions | undefined {
  if (!needed) {
    if (inline || file) throw new Error('SASL users were given but no SASL_PLAINTEXT or SASL_SSL listener (use --listeners)');
    return undefined;
  }
  const enabled = mechanisms.split(',').map((m) => m.trim().toUpperCase());
  const unknown = enabled.filter((m) => !isMechanism(m));
  if (unknown.length > 0) throw new Error(`unsupported SASL mechanism(s) ${unknown.join(', ')}; choose from ${SUPPORTED_MECHANISMS.join(', ')}`);
  return { users: loadSaslUsers(inline, file), mechanisms: enabled as Mechanism[] };
}

/** --schema-registry-port: a port turns the registry on; absent or "off" leaves it off. */
function registryOptions(port: string | undefined, host: string): { host: string; port: number } | undefined {
  if (port === undefined || port.toLowerCase() === 'off') return undefined;
  return { host, port: parseInteger('schema-registry-port', port, 0, 65535) };
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
      listeners: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      'sasl-users': { type: 'string' },
      'sasl-users-file': { type: 'string' },
      'sasl-mechanisms': { type: 'string', default: SUPPORTED_MECHANISMS.join(',') },
      'schema-registry-port': { type: 'string' },
      'schema-registry-host': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const listeners = values.listeners ? parseListeners(values.listeners) : undefined;
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
  const broker = await Broker.start({
    port: parseInteger('port', values.port, 0, 65535),
    host: values.host,
    listeners,
    advertisedHost: values['advertised-host'],
    dataDir: values['data-dir'],
    nodeId: parseInteger('node-id', values['node-id'], 0, 2 ** 31 - 1),
    overrides: parseOverrides(values.config),
    tls:
      tlsCert && tlsKey
        ? { cert: readFileSync(tlsCert, 'utf8'), key: readFileSync(tlsKey, 'utf8'), ca: values['tls-ca'] ? readFileSync(values['tls-ca'], 'utf8') : undefined }
        : undefined,
    sasl: saslOptions(values['sasl-users'], values['sasl-users-file'], values['sasl-mechanisms'], listeners?.some((l) => usesSasl(l.protocol)) ?? false),
    schemaRegistry: registryOptions(values['schema-registry-port'], values['schema-registry-host'] ?? values.host),
  });
  if (broker.schemaRegistry) {
    const r = broker.schemaRegistry;
    // Printed before the broker's line, which tools wait for: by then both are listening.
    console.log(`kayak schema registry on http://${r.host}:${r.port} (stored in topic ${r.topic})`);
  }
  const bound = broker.boundListeners.map((l) => `${l.host}:${l.port}${l.protocol === 'PLAINTEXT' ? '' : ` (${l.protocol})`}`).join(', ');
  const { host } = broker.advertised;
  console.log(`kayak broker ${broker.nodeId} listening on ${bound} (advertised host ${host}, cluster ${broker.clusterId}, data ${values['data-dir']})`);

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
