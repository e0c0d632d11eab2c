/**
 * The console against the bundled broker's TLS and SASL listeners, with real certificates made
 * by openssl. Every way of configuring a cluster is used once: KAFKA_PROPERTIES_FILE (Java JAAS
 * style), KAYAK_CLUSTERS_FILE with inline properties and a propertiesFile, and numbered variables
 * with a properties file. Wrong passwords and a wrong CA must give clear errors, and no password
 * may show up in any API response, page or console log line.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type BrokerProcess } from '../helpers/broker-process.ts';
import { makeTestCerts, type TestCerts } from '../helpers/certs.ts';
import { randomName, startStack, type Stack } from '../console/stack.ts';

const ALICE_PW = 'alice-Secr3t-pw!';
const BOB_PW = 'bob-Secr3t-pw#';
const WRONG_PW = 'not-alices-Passw0rd';
const SECRETS = [ALICE_PW, BOB_PW, WRONG_PW];

let certs: TestCerts;
let stack: Stack;
/** A second broker whose TLS listener wants client certificates signed by the test CA. */
let mtls: BrokerProcess;
const seen: string[] = [];

async function api(path: string, init?: { method?: string; body?: unknown }) {
  const res = await stack.api(path, init);
  seen.push(JSON.stringify(res.body));
  return res;
}

before(async () => {
  certs = makeTestCerts();
  const d = certs.dir;
  mtls = await startBroker({ args: ['--listeners', 'SSL://127.0.0.1:0', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--tls-ca', certs.caFile] });
  writeFileSync(
    join(d, 'scram-512.properties'),
    [
      '# Kafdrop-style client properties for the first cluster',
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\`,
      `    username="alice" password="${ALICE_PW}";`,
      `ssl.ca.location=${certs.caFile}`,
    ].join('\n'),
  );
  writeFileSync(
    join(d, 'scram-256.properties'),
    `security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\nsasl.username=alice\nsasl.password=\${env:TEST_ALICE_PW}\nssl.ca.location=${certs.caFile}\n`,
  );
  writeFileSync(join(d, 'numbered.properties'), `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.username=bob\nsasl.password=${BOB_PW}\n`);
  stack = await startStack({
    listeners: ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'],
    brokerArgs: ['--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--sasl-users', `alice:${ALICE_PW},bob:${BOB_PW}`],
    consoleEnv: (ports) => {
      const at = (p: string) => `127.0.0.1:${ports[p]}`;
      writeFileSync(
        join(d, 'clusters.yaml'),
        [
          `- name: ssl-only`,
          `  brokers: ${at('SSL')}`,
          `  properties: { security.protocol: SSL, ssl.ca.location: ${certs.caFile} }`,
          `- name: sasl-plain`,
          `  brokers: ${at('SASL_PLAINTEXT')}`,
          `  properties:`,
          `    security.protocol: SASL_PLAINTEXT`,
          `    sasl.mechanism: PLAIN`,
          `    sasl.username: bob`,
          `    sasl.password: \${env:TEST_BOB_PW}`,
          `- name: scram-256`,
          `  brokers: [${at('SASL_SSL')}]`,
          `  propertiesFile: scram-256.properties`,
          `- name: skip-verify`,
          `  brokers: ${at('SSL')}`,
          `  properties: { security.protocol: SSL, enable.ssl.certificate.verification: false }`,
          `- name: wrong-password`,
          `  brokers: ${at('SASL_SSL')}`,
          `  properties: { security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512, sasl.username: alice, sasl.password: "${WRONG_PW}", ssl.ca.location: ${certs.caFile} }`,
          `- name: wrong-plain-password`,
          `  brokers: ${at('SASL_PLAINTEXT')}`,
          `  properties: { security.protocol: SASL_PLAINTEXT, sasl.mechanism: PLAIN, sasl.username: bob, sasl.password: "${WRONG_PW}" }`,
          `- name: wrong-ca`,
          `  brokers: ${at('SASL_SSL')}`,
          `  properties: { security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512, sasl.username: alice, sasl.password: "${ALICE_PW}", ssl.ca.location: ${certs.otherCaFile} }`,
          `- name: plaintext-to-sasl`,
          `  brokers: ${at('SASL_PLAINTEXT')}`,
          // The server's certificate doubles as a client certificate: the test CA signed it.
          `- name: mtls`,
          `  brokers: 127.0.0.1:${mtls.ports.SSL}`,
          `  properties: { ssl.ca.location: ${certs.caFile}, ssl.certificate.location: ${certs.certFile}, ssl.key.location: ${certs.keyFile} }`,
          `- name: mtls-no-cert`,
          `  brokers: 127.0.0.1:${mtls.ports.SSL}`,
          `  properties: { ssl.ca.location: ${certs.caFile} }`,
        ].join('\n'),
      );
      return {
        KAFKA_BROKERCONNECT: at('SASL_SSL'),
        KAYAK_CLUSTER_NAME: 'scram-512',
        KAFKA_PROPERTIES_FILE: join(d, 'scram-512.properties'),
        KAYAK_CLUSTERS_FILE: join(d, 'clusters.yaml'),
        KAYAK_CLUSTER_1_NAME: 'numbered',
        KAYAK_CLUSTER_1_BROKERS: at('SASL_PLAINTEXT'),
        KAYAK_CLUSTER_1_PROPERTIES_FILE: join(d, 'numbered.properties'),
        TEST_ALICE_PW: ALICE_PW,
        TEST_BOB_PW: BOB_PW,
      };
    },
  });
});

after(async () => {
  await stack?.stop();
  await mtls?.stop();
  if (certs) rmSync(certs.dir, { recursive: true, force: true });
});

function assertNoSecrets(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} contains a password`);
}

describe('Console > secure clusters', () => {
  test('GET /api/clusters lists every cluster with its protocol and no credentials', async () => {
    const res = await api('/api/clusters');
    assert.equal(res.status, 200);
    const byId = Object.fromEntries(res.body.map((c: any) => [c.id, c]));
    assert.deepEqual(Object.keys(byId), [
      'scram-512',
      'ssl-only',
      'sasl-plain',
      'scram-256',
      'skip-verify',
      'wrong-password',
      'wrong-plain-password',
      'wrong-ca',
      'plaintext-to-sasl',
      'mtls',
      'mtls-no-cert',
      'numbered',
    ]);
    assert.equal(byId['scram-512'].security, 'SASL_SSL, SCRAM-SHA-512');
    assert.equal(byId['ssl-only'].security, 'SSL');
    assert.equal(byId['sasl-plain'].security, 'SASL_PLAINTEXT, PLAIN');
    assert.equal(byId['skip-verify'].security, 'SSL, certificate verification off');
    assert.equal(byId['plaintext-to-sasl'].security, undefined);
    for (const c of res.body) assert.deepEqual(Object.keys(c).sort(), c.security ? ['brokers', 'id', 'name', 'security'] : ['brokers', 'id', 'name']);
  });

  for (const id of ['scram-512', 'ssl-only', 'sasl-plain', 'scram-256', 'skip-verify', 'mtls', 'numbered']) {
    test(`${id}: overview, topic create and list work`, async () => {
      const overview = await api(`/api/cluster?cluster=${id}`);
      assert.equal(overview.status, 200, JSON.stringify(overview.body));
      assert.equal(overview.body.brokers.length, 1);
      const topic = randomName(`sec-${id}`);
      const created = await api(`/api/topics?cluster=${id}`, { method: 'POST', body: { name: topic, partitions: 2, replicationFactor: 1 } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const list = await api(`/api/topics?cluster=${id}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.some((t: any) => t.name === topic));
    });
  }

  for (const id of ['scram-512', 'ssl-only', 'sasl-plain', 'mtls']) {
    test(`${id}: log dirs, config edits, transactions and producers (sent over kafkajs's secured connections)`, async () => {
      const topic = randomName(`sec-wire-${id}`);
      assert.equal((await api(`/api/topics?cluster=${id}`, { method: 'POST', body: { name: topic, partitions: 1, replicationFactor: 1 } })).status, 201);
      const brokers = await api(`/api/brokers?cluster=${id}`);
      assert.equal(brokers.status, 200, JSON.stringify(brokers.body));
      assert.equal(brokers.body.sizeUnknownReason, undefined, JSON.stringify(brokers.body));
      assert.match(brokers.body.brokers[0].sizeBytes, /^\d+$/);
      const edited = await api(`/api/topics/${topic}/configs?cluster=${id}`, { method: 'PATCH', body: { set: { 'retention.ms': '3600000' } } });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.find((c: any) => c.name === 'retention.ms').value, '3600000');
      const transactions = await api(`/api/transactions?cluster=${id}`);
      assert.equal(transactions.status, 200, JSON.stringify(transactions.body));
      assert.ok(Array.isArray(transactions.body.transactions));
      const producers = await api(`/api/topics/${topic}/producers?cluster=${id}`);
      assert.equal(producers.status, 200, JSON.stringify(producers.body));
      assert.deepEqual(producers.body, [{ partition: 0, producers: [] }]);
    });
  }

  test('group offsets are reset over SASL_SSL (the requests sent with the generated codecs connect securely too)', async () => {
    const topic = randomName('sec-group');
    const groupId = randomName('sec-group');
    assert.equal((await api('/api/topics', { method: 'POST', body: { name: topic, partitions: 1, replicationFactor: 1 } })).status, 201);
    const kafka = new Kafka({
      clientId: 'secure-test',
      brokers: [`127.0.0.1:${stack.brokerPorts.SASL_SSL}`],
      ssl: { ca: [certs.ca] },
      sasl: { mechanism: 'scram-sha-512', username: 'alice', password: ALICE_PW },
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    await admin.disconnect();

    const applied = await api(`/api/groups/${groupId}/reset-offsets`, { method: 'POST', body: { offsets: [{ topic, partition: 0, offset: '1' }] } });
    assert.ok(applied.status < 300, JSON.stringify(applied.body));
    const detail = await api(`/api/groups/${groupId}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.offsets[0].committedOffset, '1');
    assert.equal(detail.body.totalLag, '2');
  });

  for (const [id, mechanism] of [
    ['wrong-password', 'SCRAM-SHA-512'],
    ['wrong-plain-password', 'PLAIN'],
  ]) {
    test(`${id}: a wrong password answers 502 cluster_auth_failed, saying so`, async () => {
      for (const path of [`/api/cluster?cluster=${id}`, `/api/topics?cluster=${id}`, `/api/groups?cluster=${id}`, `/api/transactions?cluster=${id}`]) {
        const res = await api(path);
        assert.equal(res.status, 502, `${path}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'cluster_auth_failed');
        assert.match(res.body.error.message, /^Authentication failed for cluster "[\w-]+"/);
        assert.match(res.body.error.message, new RegExp(`SASL ${mechanism} as user "(alice|bob)"`));
        assert.match(res.body.error.message, /Check the user name, password and sasl\.mechanism/);
      }
    });
  }

  test('a broker certificate from another CA answers 502 cluster_tls_error, saying so', async () => {
    const res = await api('/api/cluster?cluster=wrong-ca');
    assert.equal(res.status, 502, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'cluster_tls_error');
    assert.match(res.body.error.message, /^TLS certificate error for cluster "wrong-ca": .*certificate/);
    assert.match(res.body.error.message, /ssl\.ca\.location/);
  });

  test('a broker that wants a client certificate, without one configured, answers 502 cluster_tls_error', async () => {
    const res = await api('/api/cluster?cluster=mtls-no-cert');
    assert.equal(res.status, 502, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'cluster_tls_error');
    assert.match(res.body.error.message, /certificate required/);
    assert.match(res.body.error.message, /ssl\.certificate\.location and ssl\.key\.location/);
  });

  test('a plaintext client on a SASL listener is told to check security.protocol', async () => {
    const res = await api('/api/cluster?cluster=plaintext-to-sasl');
    assert.equal(res.status, 502, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'cluster_unreachable');
    assert.match(res.body.error.message, /connects with PLAINTEXT; .*security\.protocol/);
  });

  test('pages render for secure and failing clusters without any password', async () => {
    for (const id of ['scram-512', 'wrong-password', 'wrong-ca']) {
      for (const page of ['/', '/topics', '/consumers']) {
        const res = await fetch(`${stack.url}${page}?cluster=${id}`);
        const html = await res.text();
        assert.ok(res.status < 500, `${page}?cluster=${id} → ${res.status}`);
        assertNoSecrets(html, `${page}?cluster=${id}`);
      }
    }
  });

  test('no password in any API response or console log line', () => {
    assert.ok(seen.length > 20);
    for (const body of seen) assertNoSecrets(body, 'an API response');
    assertNoSecrets(stack.consoleOutput(), 'the console output');
  });
});
