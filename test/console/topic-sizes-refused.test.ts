/**
 * A cluster whose ACLs refuse DescribeLogDirs to the console (DENY DESCRIBE on the cluster for
 * its principal): the topic list, the topic page and the brokers page still answer, with sizes
 * unknown (null and a reason), not 0 and not an error. The bundled broker with its standard
 * authorizer; the console connects as User:ANONYMOUS on a PLAINTEXT listener, an admin on a
 * SASL listener sets the ACL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';

let stack: Stack;
let admin: Kafka;
const topic = randomName('refused-sizes');

before(async () => {
  stack = await startStack({
    listeners: ['PLAINTEXT', 'SASL_PLAINTEXT'],
    brokerArgs: [
      '--sasl-users',
      'admin:admin-pw',
      '--config',
      'authorizer.class.name=standard',
      '--config',
      'super.users=User:admin',
      '--config',
      'allow.everyone.if.no.acl.found=true',
    ],
  });
  admin = new Kafka({
    clientId: 'refused-sizes',
    brokers: [`127.0.0.1:${stack.brokerPorts.SASL_PLAINTEXT}`],
    sasl: { mechanism: 'plain', username: 'admin', password: 'admin-pw' },
    logLevel: logLevel.NOTHING,
  });
  const a = admin.admin();
  await a.connect();
  await a.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  await a.disconnect();
  const producer = admin.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ partition: i % 2, value: `v${i}` })) });
  await producer.disconnect();
});
after(async () => {
  await stack?.stop();
});

async function denyClusterDescribe(): Promise<void> {
  const a = admin.admin();
  await a.connect();
  try {
    // CLUSTER kafka-cluster, LITERAL, User:ANONYMOUS, DESCRIBE, DENY (kafkajs's enum values).
    await a.createAcls({
      acl: [
        { resourceType: 4, resourceName: 'kafka-cluster', resourcePatternType: 3, principal: 'User:ANONYMOUS', host: '*', operation: 8, permissionType: 2 },
      ] as never,
    });
  } finally {
    await a.disconnect();
  }
}

describe('Console API > sizes on a cluster that refuses DescribeLogDirs', () => {
  test('before the refusal the sizes are known', async () => {
    const res = await stack.api('/api/topics');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const t = res.body.find((x: any) => x.name === topic);
    assert.ok(t.sizeBytes !== null && BigInt(t.sizeBytes) > 0n, JSON.stringify(t));
  });

  test('after it, the list, the topic and the brokers answer with sizes unknown', async () => {
    await denyClusterDescribe();
    const list = await stack.api('/api/topics');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const t = list.body.find((x: any) => x.name === topic);
    assert.deepEqual({ size: t.sizeBytes, messages: t.messages, partitions: t.partitions }, { size: null, messages: '5', partitions: 2 });

    const detail = await stack.api(`/api/topics/${topic}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.sizeBytes, null);
    assert.deepEqual(
      detail.body.partitions.map((p: any) => p.sizeBytes),
      [null, null],
    );
    assert.match(detail.body.sizeUnknownReason, /DescribeLogDirs/);

    const brokers = await stack.api('/api/brokers');
    assert.equal(brokers.status, 200, JSON.stringify(brokers.body));
    assert.equal(brokers.body.brokers[0].sizeBytes, null);
    assert.ok(brokers.body.brokers[0].leaderPartitions >= 2);
    assert.match(brokers.body.sizeUnknownReason, /DescribeLogDirs/);
  });
});
