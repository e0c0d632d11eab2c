/**
 * ACLs with real clients against a broker process started with the standard authorizer:
 * kafkajs admin creates, describes (filters, prefixed, wildcard) and deletes ACLs, and SASL/PLAIN
 * users are held to them (WRITE to produce, DENY over ALLOW, prefixed grants, Metadata hiding
 * undescribable topics, group READ to join and commit, CLUSTER for the ACL APIs).
 * @platformatic/kafka speaks the flexible versions (v2-3); ACLs survive a restart; a broker
 * without an authorizer answers SECURITY_DISABLED.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import kafkajs from 'kafkajs';
import { Admin as PlatformaticAdmin } from '@platformatic/kafka';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeConsumerGroupHeartbeatRequest, defaultConsumerGroupHeartbeatRequest } from '../../broker/protocol/messages/consumer-group-heartbeat-request.ts';
import { decodeConsumerGroupHeartbeatResponse } from '../../broker/protocol/messages/consumer-group-heartbeat-response.ts';
import { encodeConsumerGroupDescribeRequest } from '../../broker/protocol/messages/consumer-group-describe-request.ts';
import { decodeConsumerGroupDescribeResponse } from '../../broker/protocol/messages/consumer-group-describe-response.ts';
import { encodeDescribeLogDirsRequest } from '../../broker/protocol/messages/describe-log-dirs-request.ts';
import { decodeDescribeLogDirsResponse } from '../../broker/protocol/messages/describe-log-dirs-response.ts';

const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;

const USERS = 'admin:admin-pw,alice:alice-pw,bob:bob-pw';
const AUTHZ = {
  'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'super.users': 'User:admin;User:nobody',
  'group.initial.rebalance.delay.ms': '0',
};
let broker: BrokerProcess;

async function start(dataDir?: string): Promise<BrokerProcess> {
  return startBroker({ dataDir, config: AUTHZ, args: ['--listeners', 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0', '--sasl-users', USERS] });
}

before(async () => {
  broker = await start();
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

function client(user: string | null, clientId = `acl-${user ?? 'anonymous'}`): InstanceType<typeof Kafka> {
  const port = user === null ? broker.ports.PLAINTEXT : broker.ports.SASL_PLAINTEXT;
  return new Kafka({
    clientId,
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...(user === null ? {} : { sasl: { mechanism: 'plain' as const, username: user, password: `${user}-pw` } }),
  });
}

async function withAdmin<T>(user: string | null, fn: (admin: ReturnType<InstanceType<typeof Kafka>['admin']>) => Promise<T>): Promise<T> {
  const admin = client(user).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The kafkajs error type anywhere in a (possibly wrapped) error. */
function errorTypes(err: unknown): string {
  const seen: string[] = [];
  const walk = (e: unknown): void => {
    if (e === null || typeof e !== 'object') return;
    const o = e as { name?: string; type?: string; message?: string; originalError?: unknown; errors?: unknown[]; cause?: unknown };
    seen.push(`${o.name ?? ''} ${o.type ?? ''} ${o.message ?? ''}`);
    walk(o.originalError);
    walk(o.cause);
    for (const inner of o.errors ?? []) walk(inner);
  };
  walk(err);
  return seen.join(' | ');
}

async function produce(user: string | null, topic: string): Promise<void> {
  const producer = client(user).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value: `from ${user}` }], acks: 1 });
  } finally {
    await producer.disconnect();
  }
}

const acl = (
  resourceType: number,
  resourceName: string,
  principal: string,
  operation: number,
  extra: Partial<{ permissionType: number; resourcePatternType: number; host: string }> = {},
) => ({
  resourceType,
  resourceName,
  resourcePatternType: extra.resourcePatternType ?? ResourcePatternTypes.LITERAL,
  principal,
  host: extra.host ?? '*',
  operation,
  permissionType: extra.permissionType ?? AclPermissionTypes.ALLOW,
});

const TOPICS = ['orders', 'secret', 'hidden', 'team-a.open', 'team-a.locked', 'team-b.other'];

test('a super user creates topics and ACLs; filters find them by principal, MATCH, prefix and wildcard', async () => {
  await withAdmin('admin', async (admin) => {
    await admin.createTopics({ topics: TOPICS.map((topic) => ({ topic, numPartitions: 1 })) });
    await admin.createAcls({
      acl: [
        acl(AclResourceTypes.TOPIC, 'orders', 'User:alice', AclOperationTypes.WRITE),
        acl(AclResourceTypes.TOPIC, 'orders', 'User:alice', AclOperationTypes.READ),
        acl(AclResourceTypes.TOPIC, 'secret', 'User:alice', AclOperationTypes.DESCRIBE),
        acl(AclResourceTypes.TOPIC, 'team-a.', 'User:alice', AclOperationTypes.ALL, { resourcePatternType: ResourcePatternTypes.PREFIXED }),
        acl(AclResourceTypes.TOPIC, 'team-a.locked', 'User:alice', AclOperationTypes.WRITE, { permissionType: AclPermissionTypes.DENY }),
        acl(AclResourceTypes.GROUP, 'alice-group', 'User:alice', AclOperationTypes.READ),
        acl(AclResourceTypes.GROUP, 'look-only-group', 'User:alice', AclOperationTypes.DESCRIBE),
        acl(AclResourceTypes.TOPIC, '*', 'User:bob', AclOperationTypes.DESCRIBE),
      ],
    });
    const byAlice = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: 'User:alice',
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const count = byAlice.resources.reduce((n, r) => n + r.acls.length, 0);
    assert.equal(count, 7);
    const orders = byAlice.resources.find((r) => r.resourceName === 'orders');
    assert.deepEqual(orders?.acls.map((a) => a.operation).sort(), [AclOperationTypes.READ, AclOperationTypes.WRITE]);

    // MATCH: every pattern that applies to team-a.locked: the prefix, the literal and nothing else.
    const applying = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'team-a.locked',
      resourcePatternType: ResourcePatternTypes.MATCH,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    assert.deepEqual(applying.resources.map((r) => `${r.resourceName}/${r.resourcePatternType}`).sort(), ['*/3', 'team-a./4', 'team-a.locked/3']);

    const prefixed = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    assert.deepEqual(
      prefixed.resources.map((r) => r.resourceName),
      ['team-a.'],
    );
  });
});

test('WRITE is needed to produce; a super user may; DENY beats ALLOW; a prefix grants a family of topics', async () => {
  await produce('alice', 'orders');
  await assert.rejects(produce('alice', 'secret'), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
  await produce('admin', 'secret');
  await produce('alice', 'team-a.open');
  await assert.rejects(produce('alice', 'team-a.locked'), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
  await assert.rejects(produce('alice', 'team-b.other'), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
  await assert.rejects(produce(null, 'orders'), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
});

test('Metadata lists only topics the caller may DESCRIBE; an ACL-less user sees none', async () => {
  const alice = await withAdmin('alice', (admin) => admin.listTopics());
  assert.deepEqual(alice.sort(), ['orders', 'secret', 'team-a.locked', 'team-a.open']);
  const bob = await withAdmin('bob', (admin) => admin.listTopics());
  assert.deepEqual(bob.sort(), [...TOPICS].sort());
  assert.deepEqual(await withAdmin(null, (admin) => admin.listTopics()), []);
  const admin = await withAdmin('admin', (a) => a.listTopics());
  assert.ok(TOPICS.every((t) => admin.includes(t)));
});

test('CreateTopics and the ACL APIs need cluster or topic rights', async () => {
  await withAdmin('alice', async (admin) => {
    await assert.rejects(admin.createTopics({ topics: [{ topic: 'not-allowed', numPartitions: 1 }] }), (err) =>
      /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)),
    );
    // The prefixed ALL includes CREATE.
    assert.equal(await admin.createTopics({ topics: [{ topic: 'team-a.new', numPartitions: 1 }] }), true);
    await assert.rejects(
      admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      }),
      (err) => /CLUSTER_AUTHORIZATION_FAILED/.test(errorTypes(err)),
    );
    await assert.rejects(admin.createAcls({ acl: [acl(AclResourceTypes.TOPIC, 'secret', 'User:alice', AclOperationTypes.ALL)] }), (err) =>
      /CLUSTER_AUTHORIZATION_FAILED/.test(errorTypes(err)),
    );
    await assert.rejects(admin.deleteTopics({ topics: ['orders'], timeout: 2000 }), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
  });
});

test('a consumer needs READ on its group and the topic to join and commit', { timeout: 60_000 }, async () => {
  await produce('admin', 'orders');
  const consume = async (groupId: string): Promise<string> => {
    const consumer = client('alice', `acl-consumer-${groupId}`).consumer({ groupId, sessionTimeout: 6000, retry: { retries: 0 } });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      const first = new Promise<string>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error));
        void consumer.run({ autoCommit: false, eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }).catch(reject);
      });
      const value = await first;
      return value;
    } finally {
      await consumer.disconnect();
    }
  };
  assert.match(await consume('alice-group'), /^from /);
  // DESCRIBE lets FindCoordinator answer; JoinGroup still needs READ.
  await assert.rejects(consume('look-only-group'), (err) => /GROUP_AUTHORIZATION_FAILED/.test(errorTypes(err)));
  // Without even DESCRIBE, FindCoordinator is refused (kafkajs reports that as no coordinator).
  await assert.rejects(consume('other-group'), (err) => /GROUP_AUTHORIZATION_FAILED|GroupCoordinatorNotFound/.test(errorTypes(err)));

  await withAdmin('alice', async (admin) => {
    await admin.setOffsets({ groupId: 'alice-group', topic: 'orders', partitions: [{ partition: 0, offset: '1' }] });
    const committed = await admin.fetchOffsets({ groupId: 'alice-group', topics: ['orders'] });
    assert.equal(committed[0]?.partitions[0]?.offset, '1');
    // DESCRIBE on a group is enough to read its offsets.
    assert.equal((await admin.fetchOffsets({ groupId: 'look-only-group', topics: ['orders'] }))[0]?.partitions[0]?.offset, '-1');
  });
});

/** kcat as alice over SASL/PLAIN: exit code and everything it printed. */
function kcatAsAlice(args: string[], input: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const sasl = ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', 'sasl.username=alice', '-X', 'sasl.password=alice-pw'];
    const child = execFile('kcat', ['-b', `127.0.0.1:${broker.ports.SASL_PLAINTEXT}`, ...sasl, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
    child.stdin?.end(input);
  });
}

test('kcat (librdkafka) is held to the same ACLs', async () => {
  const ok = await kcatAsAlice(['-P', '-t', 'orders'], 'via kcat\n');
  assert.equal(ok.code, 0, ok.output);
  const refused = await kcatAsAlice(['-P', '-t', 'secret'], 'not allowed\n');
  assert.notEqual(refused.code, 0);
  assert.match(refused.output, /authoriz/i);
  const listed = await kcatAsAlice(['-L'], '');
  assert.match(listed.output, /topic "orders"/);
  assert.doesNotMatch(listed.output, /topic "hidden"/);
});

test('@platformatic/kafka (flexible versions) describes, creates and deletes ACLs', async () => {
  const admin = new PlatformaticAdmin({
    clientId: 'acl-pk',
    bootstrapBrokers: [`127.0.0.1:${broker.ports.SASL_PLAINTEXT}`],
    sasl: { mechanism: 'PLAIN', username: 'admin', password: 'admin-pw' },
  });
  try {
    const entry = {
      resourceType: 3,
      resourceName: 'pk-group',
      resourcePatternType: 3,
      principal: 'User:bob',
      host: '10.0.0.1',
      operation: 3,
      permissionType: 3,
    } as const;
    await admin.createAcls({ creations: [entry] });
    const filter = { resourceType: 3, resourceName: null, resourcePatternType: 1, principal: 'User:bob', host: null, operation: 1, permissionType: 1 } as const;
    const found = await admin.describeAcls({ filter });
    assert.deepEqual(
      found.map((r) => [r.resourceName, r.acls[0]?.host]),
      [['pk-group', '10.0.0.1']],
    );
    const deleted = await admin.deleteAcls({ filters: [filter] });
    assert.equal(deleted.length, 1);
    assert.deepEqual(await admin.describeAcls({ filter }), []);
  } finally {
    await admin.close();
  }
});

test('bad ACLs are refused with INVALID_REQUEST and nothing is stored', async () => {
  await withAdmin('admin', async (admin) => {
    for (const bad of [
      acl(AclResourceTypes.CLUSTER, 'not-the-cluster', 'User:alice', AclOperationTypes.ALTER),
      acl(AclResourceTypes.TOPIC, 'x', 'alice', AclOperationTypes.READ),
    ]) {
      await assert.rejects(admin.createAcls({ acl: [bad] }), (err) => /INVALID_REQUEST|invalid/i.test(errorTypes(err)));
    }
    const all = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    assert.ok(!all.resources.some((r) => r.resourceName === 'not-the-cluster' || r.resourceName === 'x'));
  });
});

test('ACLs survive a restart; deleting one takes the right away', async () => {
  await broker.stop();
  broker = await start(broker.dataDir);
  await produce('alice', 'orders');
  await withAdmin('admin', async (admin) => {
    const result = await admin.deleteAcls({
      filters: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: 'orders',
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:alice',
          operation: AclOperationTypes.WRITE,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
    assert.equal(result.filterResponses[0]?.matchingAcls.length, 1);
  });
  await assert.rejects(produce('alice', 'orders'), (err) => /TOPIC_AUTHORIZATION_FAILED/.test(errorTypes(err)));
});

test('KIP-848 heartbeats need READ on the group and DESCRIBE on each topic; DescribeLogDirs DESCRIBE on the cluster', async () => {
  const anonymous = (resourceType: number, resourceName: string, operation: number) => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: 'User:ANONYMOUS',
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  await withAdmin('admin', async (admin) => {
    await admin.createTopics({ topics: [{ topic: 'kip848-acl', numPartitions: 2 }] });
    await admin.createAcls({ acl: [anonymous(AclResourceTypes.GROUP, 'anon-kip848', AclOperationTypes.READ)] });
  });
  const raw = await RawClient.connect(broker.ports.PLAINTEXT as number);
  try {
    const heartbeat = (groupId: string) =>
      raw.request(
        68,
        1,
        encodeConsumerGroupHeartbeatRequest,
        {
          ...defaultConsumerGroupHeartbeatRequest(),
          groupId,
          memberId: 'anon-member',
          memberEpoch: 0,
          rebalanceTimeoutMs: 5000,
          subscribedTopicNames: ['kip848-acl'],
          topicPartitions: [],
        },
        decodeConsumerGroupHeartbeatResponse,
      );
    assert.equal((await heartbeat('other-kip848')).errorCode, 30, 'GROUP_AUTHORIZATION_FAILED without READ on the group');
    assert.equal((await heartbeat('anon-kip848')).errorCode, 29, 'TOPIC_AUTHORIZATION_FAILED without DESCRIBE on the subscribed topic');
    await withAdmin('admin', (admin) => admin.createAcls({ acl: [anonymous(AclResourceTypes.TOPIC, 'kip848-acl', AclOperationTypes.DESCRIBE)] }));
    const joined = await heartbeat('anon-kip848');
    assert.equal(joined.errorCode, 0);
    assert.equal(joined.assignment?.topicPartitions[0]?.partitions.length, 2);
    const described = await raw.request(
      69,
      0,
      encodeConsumerGroupDescribeRequest,
      { groupIds: ['anon-kip848', 'other-kip848'], includeAuthorizedOperations: false },
      decodeConsumerGroupDescribeResponse,
    );
    assert.deepEqual(
      described.groups.map((g) => g.errorCode),
      [0, 30],
      'READ implies DESCRIBE on the group; none on the other',
    );
    const logDirs = await raw.request(35, 4, encodeDescribeLogDirsRequest, { topics: null }, decodeDescribeLogDirsResponse);
    assert.equal(logDirs.errorCode, 31, 'CLUSTER_AUTHORIZATION_FAILED');
    assert.deepEqual(logDirs.results, []);
  } finally {
    raw.close();
  }
});

test('without an authorizer the ACL APIs answer SECURITY_DISABLED and everything is allowed', async () => {
  const plain = await startBroker();
  try {
    const kafka = new Kafka({ clientId: 'acl-none', brokers: [plain.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await assert.rejects(
        admin.describeAcls({
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        }),
        (err) => /SECURITY_DISABLED/.test(errorTypes(err)),
      );
      assert.equal(await admin.createTopics({ topics: [{ topic: 'open', numPartitions: 1 }] }), true);
    } finally {
      await admin.disconnect();
    }
  } finally {
    await plain.stop();
    removeDir(plain.dataDir);
  }
});
