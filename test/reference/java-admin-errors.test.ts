/**
 * AdminClient calls the bundled broker must refuse: each fails with the exception Apache Kafka 4.1
 * gives for the same call (measured with test/reference/java/AdminErrors.java against both), and
 * the broker keeps serving.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useJavaPrograms } from './java-programs.ts';

const java = useJavaPrograms(['AdminCalls.java', 'AdminErrors.java']);

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
    const res = await java.run('AdminErrors', [java.broker().bootstrap, 'java-admin-errors', 'java-admin-errors-group']);
    assert.equal(res.code, 0, res.failure);
    const answers = res.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('ERR '))
      .map((l) => {
        const [, name, ...rest] = l.split(' ');
        return [name, rest.join(' ')];
      });
    assert.deepEqual(answers, KAFKA);
    assert.ok(java.broker().running(), 'broker still up');
  });
});
