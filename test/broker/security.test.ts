/**
 * TLS and SASL listeners with real certificates and real clients: kafkajs (PLAIN, SCRAM-SHA-256,
 * SCRAM-SHA-512, TLS), kcat (SASL_SSL) and kafka-python (SaslHandshake v0 with bare tokens).
 * Wrong passwords fail with SASL_AUTHENTICATION_FAILED; a wrong CA fails the handshake; nothing
 * is served on a SASL listener before login.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { makeTestCerts, type TestCerts } from '../helpers/certs.ts';

const { Kafka, logLevel } = kafkajs;
const run = promisify(execFile);
let broker: BrokerProcess;
let certs: TestCerts;

before(async () => {
  certs = makeTestCerts();
  broker = await startBroker({
    args: [
      '--listeners',
      'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0',
      '--tls-cert',
      certs.certFile,
      '--tls-key',
      certs.keyFile,
      '--sasl-users',
      'alice:alice-secret,bob:p@ss:word',
    ],
  });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
  removeDir(certs.dir);
});

type Mechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

async function listTopicsWith(
  port: number,
  options: { sasl?: { mechanism: Mechanism; username: string; password: string }; ssl?: { ca: string[] } },
): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'security-test',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000,
    ...(options.sasl ? { sasl: options.sasl as never } : {}),
    ...(options.ssl ? { ssl: options.ssl } : {}),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: 'secured', numPartitions: 1 }] });
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
  test(`kafkajs logs in with ${mechanism} and is refused with a wrong password`, async () => {
    const sasl = broker.ports.SASL_PLAINTEXT as number;
    assert.ok((await listTopicsWith(sasl, { sasl: { mechanism, username: 'bob', password: 'p@ss:word' } })).includes('secured'));
    await assert.rejects(listTopicsWith(sasl, { sasl: { mechanism, username: 'bob', password: 'wrong' } }), (err: Error) => {
      assert.match(`${err.name} ${err.message}`, /SASL|[Aa]uthentication/);
      return true;
    });
  });
}

test('kafkajs over TLS trusts the right CA and rejects another', async () => {
  assert.ok((await listTopicsWith(broker.ports.SSL as number, { ssl: { ca: [certs.ca] } })).includes('secured'));
  await assert.rejects(listTopicsWith(broker.ports.SSL as number, { ssl: { ca: [certs.otherCa] } }), /certificate|self.signed|verify/i);
  const both = { ssl: { ca: [certs.ca] }, sasl: { mechanism: 'scram-sha-512' as const, username: 'alice', password: 'alice-secret' } };
  assert.ok((await listTopicsWith(broker.ports.SASL_SSL as number, both)).includes('secured'));
});

test('nothing but ApiVersions and SASL is served before login', async () => {
  const socket = net.connect(broker.ports.SASL_PLAINTEXT as number, '127.0.0.1');
  const closed = new Promise<boolean>((resolve) => {
    socket.on('close', () => resolve(true));
    setTimeout(() => resolve(false), 2000);
  });
  const header = Buffer.from('000300010000000700047261770000000000', 'hex'); // Metadata v1, no topics... then an empty array
  const frame = Buffer.alloc(4);
  frame.writeInt32BE(header.length);
  socket.write(Buffer.concat([frame, header]));
  assert.equal(await closed, true);
});

test('kcat over SASL_SSL with SCRAM-SHA-256', async () => {
  const common = [
    '-b',
    `127.0.0.1:${broker.ports.SASL_SSL}`,
    '-X',
    'security.protocol=SASL_SSL',
    '-X',
    'sasl.mechanisms=SCRAM-SHA-256',
    '-X',
    `ssl.ca.location=${certs.caFile}`,
    '-X',
    'sasl.username=alice',
  ];
  const { stdout } = await run('kcat', [...common, '-X', 'sasl.password=alice-secret', '-L'], { timeout: 20_000 });
  assert.match(stdout, /topic "secured"/);
  await assert.rejects(run('kcat', [...common, '-X', 'sasl.password=nope', '-L', '-m', '3'], { timeout: 20_000 }), /Authentication|SASL|failed/i);
});

for (const mechanism of ['PLAIN', 'SCRAM-SHA-256'] as const) {
  test(`kafka-python logs in with ${mechanism} using bare SASL tokens`, async () => {
    const script = join(import.meta.dirname, 'python', 'kafka_python_sasl.py');
    const bootstrap = `127.0.0.1:${broker.ports.SASL_PLAINTEXT}`;
    const good = JSON.parse((await run('/usr/bin/python3', [script, bootstrap, mechanism, 'alice', 'alice-secret'], { timeout: 30_000 })).stdout) as {
      ok: boolean;
      topics: string[];
    };
    assert.equal(good.ok, true);
    assert.ok(good.topics.includes('py-sasl'));
    const bad = JSON.parse((await run('/usr/bin/python3', [script, bootstrap, mechanism, 'alice', 'bad'], { timeout: 30_000 })).stdout) as { ok: boolean };
    assert.equal(bad.ok, false);
  });
}
