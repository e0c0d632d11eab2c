/**
 * AdminClient calls the bundled broker must refuse: each fails with the exception Apache Kafka 4.1
 * gives for the same call (measured with test/reference/java/AdminErrors.java against both), and
 * the broker keeps serving.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeDir, startBroker, type BrokerProcess } from '../helpers/broker-process.ts';
import { compileJava, runJava } from './kafka-fixture.ts';

let broker: BrokerProcess;
let classes: string;

before(async () => {
  [broker, classes] = await Promise.all([startBroker(), compileJava([join(import.meta.dirname, 'java', 'AdminErrors.java')])]);
});
after(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
  if (classes) removeDir(classes);
});

/** What Apache Kafka 4.1 answers, call by call. */
const KAFKA: [string, string][] = [
  ['create-existing', 'TopicExistsException'],
  ['create-bad-name', 'InvalidTopicException'],
  ['create-replication-3', 'InvalidReplicationFactorException'],
  ['describe-missing', 'UnknownTopicOrPartitionException'],
  ['delete-missing', 'UnknownTopicOrPartitionException'],
  ['partitions-decrease', 'InvalidPartitionsException'],
  ['partitions-same', 'InvalidPartitionsException'],
  ['config-unknown-name', 'InvalidConfigurationException'],
  ['config-bad-value', 'InvalidConfigurationException'],
  ['config-missing-topic', 'UnknownTopicOrPartitionException'],
  ['describe-config-missing-topic', 'UnknownTopicOrPartitionException'],
  ['delete-records-past-end', 'OffsetOutOfRangeException'],
  ['group-offsets-unknown-group', 'none 0'],
  // Kafka 4.1 answers GroupIdNotFoundException here, from ConsumerGroupDescribe or DescribeGroups v6
  // (KIP-1043); the bundled broker speaks DescribeGroups up to v5, where Kafka too describes an
  // unknown group as Dead without an error. A listed deviation in the README.
  ['describe-unknown-group', 'none Dead'],
  ['alter-offsets-active-group', 'UnknownMemberIdException'],
  ['delete-offsets-subscribed', 'GroupSubscribedToTopicException'],
  ['delete-active-group', 'GroupNotEmptyException'],
  ['delete-empty-group', 'none'],
  ['delete-deleted-group', 'GroupIdNotFoundException'],
];

describe('Java AdminClient: refused calls', () => {
  test('each fails as on Apache Kafka, and the broker keeps serving', async () => {
    const res = await runJava('AdminErrors', [broker.bootstrap, 'java-admin-errors', 'java-admin-errors-group'], { extraClasspath: [classes], timeoutMs: 90_000 });
    const failure = `AdminErrors exited with ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr.slice(-6000)}\n--- broker\n${broker.output().slice(-3000)}`;
    assert.equal(res.code, 0, failure);
    const answers = res.stdout.trim().split('\n').filter((l) => l.startsWith('ERR ')).map((l) => {
      const [, name, ...rest] = l.split(' ');
      return [name, rest.join(' ')];
    });
    assert.deepEqual(answers, KAFKA);
    assert.ok(broker.running(), 'broker still up');
  });
});
