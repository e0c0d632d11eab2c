/**
 * docker-compose.yml (one Kafka node) and docker-compose.cluster.yml (three) validate with
 * `docker-compose config`, and their Kafka listeners, controller quorum and the console's
 * KAFKA_BROKERCONNECT agree. There is no Docker engine here, so the console is then started the
 * way the image starts it (scripts/docker-entry.mjs, standalone server) with the environment
 * compose gives the container, against the bundled broker standing in for Kafka.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composeConfig, env, listeners, publishedPorts, root, type Service } from './compose-config.ts';
import { randomName, startStack, type Stack } from '../console/stack.ts';
import { DEFAULT_KAFKA_VERSION } from '../reference/kafka-fixture.ts';

function kafkaServices(services: Record<string, Service>): [string, Service][] {
  return Object.entries(services).filter(([, s]) => s.image?.startsWith('apache/kafka'));
}

function checkKafka(name: string, s: Service, all: [string, Service][]): void {
  assert.equal(s.image, `apache/kafka:${DEFAULT_KAFKA_VERSION}`, `${name}: the Apache Kafka version the console's tests run against`);
  assert.equal(s.hostname ?? name, name, `${name}: hostname is the service name`);
  assert.deepEqual(env(s, 'KAFKA_PROCESS_ROLES').split(',').sort(), ['broker', 'controller'], `${name}: KRaft combined mode`);
  assert.match(env(s, 'CLUSTER_ID'), /^[A-Za-z0-9_-]{22}$/, `${name}: CLUSTER_ID is a base64url UUID`);

  const listen = listeners(env(s, 'KAFKA_LISTENERS'));
  const advertised = listeners(env(s, 'KAFKA_ADVERTISED_LISTENERS'));
  const protocolMap = new Map(
    env(s, 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP')
      .split(',')
      .map((p) => p.split(':') as [string, string]),
  );
  const controllerNames = env(s, 'KAFKA_CONTROLLER_LISTENER_NAMES').split(',');
  const interBroker = env(s, 'KAFKA_INTER_BROKER_LISTENER_NAME');

  for (const l of listen) assert.ok(protocolMap.has(l.name), `${name}: listener ${l.name} has a security protocol`);
  for (const a of advertised) {
    const l = listen.find((x) => x.name === a.name);
    assert.ok(l, `${name}: advertised ${a.name} is a listener`);
    assert.equal(a.port, l.port, `${name}: ${a.name} is advertised on the port it listens on`);
  }
  for (const c of controllerNames) {
    assert.ok(
      listen.some((l) => l.name === c),
      `${name}: controller listener ${c} exists`,
    );
    assert.ok(!advertised.some((a) => a.name === c), `${name}: controller listener ${c} is not advertised to clients`);
  }
  const internal = advertised.find((a) => a.name === interBroker);
  assert.equal(internal?.host, name, `${name}: the inter-broker listener is advertised by service name`);

  // The external listener: advertised as localhost and published on the same host port.
  const external = advertised.filter((a) => a.host === 'localhost');
  assert.equal(external.length, 1, `${name}: one listener for host clients`);
  assert.ok(
    publishedPorts(s).some((p) => p.published === external[0]!.port && p.target === external[0]!.port),
    `${name}: localhost:${external[0]!.port} is published`,
  );

  const voters = env(s, 'KAFKA_CONTROLLER_QUORUM_VOTERS').split(',');
  assert.equal(voters.length, all.length, `${name}: every Kafka node votes`);
  for (const v of voters) {
    const m = /^(\d+)@([\w-]+):(\d+)$/.exec(v);
    assert.ok(m, `${name}: voter ${v}`);
    const target = all.find(([n]) => n === m[2]);
    assert.ok(target, `${name}: voter ${v} names a Kafka service`);
    assert.equal(env(target[1], 'KAFKA_NODE_ID'), m[1], `${name}: voter ${v} has that service's node id`);
    const controller = listeners(env(target[1], 'KAFKA_LISTENERS')).find((l) => controllerNames.includes(l.name));
    assert.equal(controller?.port, Number(m[3]), `${name}: voter ${v} uses the controller port`);
  }
}

function checkConsole(services: Record<string, Service>): Service {
  const kayak = services.kayak;
  assert.ok(kayak, 'a kayak service');
  assert.ok(kayak.build, 'kayak is built from this repository');
  assert.ok(existsSync(join(root, 'Dockerfile')));
  const port = Number(env(kayak, 'SERVER_PORT'));
  assert.equal(port, 9000);
  assert.ok(
    publishedPorts(kayak).some((p) => p.published === 9000 && p.target === port),
    'console published on 9000',
  );
  assert.equal(env(kayak, 'HOST'), '0.0.0.0', 'the console listens on all interfaces so the published port reaches it');

  const kafkas = kafkaServices(services);
  const bootstrap = env(kayak, 'KAFKA_BROKERCONNECT').split(',');
  assert.equal(bootstrap.length, kafkas.length, 'KAFKA_BROKERCONNECT lists every broker');
  for (const b of bootstrap) {
    const [host, port] = b.split(':');
    const kafka = kafkas.find(([n]) => n === host);
    assert.ok(kafka, `${b} names a Kafka service`);
    const match = listeners(env(kafka[1], 'KAFKA_ADVERTISED_LISTENERS')).find((a) => a.host === host && a.port === Number(port));
    assert.ok(match, `${b} is an internal listener Kafka advertises (so metadata answers keep the console inside the network)`);
  }
  const deps = kayak.depends_on && !Array.isArray(kayak.depends_on) ? kayak.depends_on : {};
  for (const [n, s] of kafkas) {
    assert.equal(deps[n]?.condition, 'service_healthy', `kayak waits for ${n} to be healthy`);
    assert.ok(s.healthcheck?.test, `${n} has a health check`);
  }
  return kayak;
}

describe('docker-compose.yml', () => {
  test('validates, and Kafka (one KRaft node) and the console agree on addresses', () => {
    const { services } = composeConfig('docker-compose.yml');
    const kafkas = kafkaServices(services);
    assert.equal(kafkas.length, 1);
    for (const [name, s] of kafkas) checkKafka(name, s, kafkas);
    assert.equal(env(kafkas[0]![1], 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR'), '1');
    checkConsole(services);
  });
});

describe('docker-compose.cluster.yml', () => {
  test('validates, with three KRaft nodes, replication factor 3 defaults and the console on all of them', () => {
    const { services } = composeConfig('docker-compose.cluster.yml');
    const kafkas = kafkaServices(services);
    assert.equal(kafkas.length, 3);
    for (const [name, s] of kafkas) checkKafka(name, s, kafkas);
    assert.deepEqual(kafkas.map(([, s]) => env(s, 'KAFKA_NODE_ID')).sort(), ['1', '2', '3']);
    assert.equal(new Set(kafkas.map(([, s]) => env(s, 'CLUSTER_ID'))).size, 1, 'one cluster id');
    const hostPorts = kafkas.flatMap(([, s]) => publishedPorts(s).map((p) => p.published));
    assert.equal(new Set(hostPorts).size, 3, 'each broker has its own host port');
    for (const [, s] of kafkas) {
      assert.equal(env(s, 'KAFKA_DEFAULT_REPLICATION_FACTOR'), '3');
      assert.equal(env(s, 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR'), '3');
      assert.equal(env(s, 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR'), '3');
      assert.ok(Number(env(s, 'KAFKA_MIN_INSYNC_REPLICAS')) < 3, 'one broker may be down without blocking acks=all');
    }
    checkConsole(services);
  });
});

describe('the console configured as docker-compose.yml configures its container', () => {
  let stack: Stack;
  let kayak: Service;

  before(async () => {
    kayak = composeConfig('docker-compose.yml').services.kayak!;
    stack = await startStack({
      imageEntry: true,
      consoleEnv: (ports) => {
        const vars = Object.fromEntries(Object.entries(kayak.environment ?? {}).map(([k, v]) => [k, String(v ?? '')]));
        // The only change: Kafka's in-network address becomes the bundled broker's.
        vars.KAFKA_BROKERCONNECT = vars
          .KAFKA_BROKERCONNECT!.split(',')
          .map(() => `127.0.0.1:${ports.PLAINTEXT}`)
          .join(',');
        return vars;
      },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  test('the cluster is the one KAFKA_BROKERCONNECT names, under KAYAK_CLUSTER_NAME', async () => {
    const res = await stack.api('/api/clusters');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [{ id: env(kayak, 'KAYAK_CLUSTER_NAME'), name: env(kayak, 'KAYAK_CLUSTER_NAME'), brokers: [stack.broker] }]);
  });

  test('overview and topics work', async () => {
    const overview = await stack.api('/api/cluster');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.equal(overview.body.brokers.length, 1);
    const topic = randomName('compose');
    assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 3, replicationFactor: 1 } })).status, 201);
    const list = await stack.api('/api/topics');
    assert.equal(list.status, 200);
    assert.equal(list.body.find((t: any) => t.name === topic)?.partitions, 3);
    const detail = await stack.api(`/api/topics/${topic}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.partitions.length, 3);
  });

  test('pages are served by the standalone server', async () => {
    for (const page of ['/', '/topics', '/consumers']) {
      const res = await fetch(`${stack.url}${page}`);
      assert.equal(res.status, 200, page);
      assert.match(await res.text(), /<html/);
    }
  });
});
