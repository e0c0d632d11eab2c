/** Conformance sequences: the classic group lifecycle, KIP-848 consumer groups, offsets, transactions, and their error cases. */
import { buildBatch } from '../../broker/log/batch-builder.ts';
import type { Target } from './conformance-client.ts';
import { createTopics, topic, type Sequence } from './conformance-topics.ts';
import { produce } from './conformance-records.ts';

/** FindCoordinator until the coordinator is ready (Kafka creates its internal topic on first use); the ready answer is recorded. */
async function findCoordinator(t: Target, label: string, key: string, keyType: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await t.send('FindCoordinator', { key: '', keyType, coordinatorKeys: [key] });
    if (res.coordinators[0].errorCode === 0) break;
    if (Date.now() > deadline) throw new Error(`${t.name}: no coordinator for ${key}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await t.call(label, 'FindCoordinator', { key: '', keyType, coordinatorKeys: [key] });
}

const METADATA = Buffer.from('000100000001000a636f6e662d746f7069630000000000000000', 'hex');

const join = (t: Target, label: string, groupId: string, memberId: string, sessionTimeoutMs = 30_000) =>
  t.call(label, 'JoinGroup', {
    groupId,
    sessionTimeoutMs,
    rebalanceTimeoutMs: 30_000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: METADATA }],
    reason: null,
  });

const commit = (t: Target, label: string, groupId: string, generation: number, memberId: string, name: string, offsets: [number, bigint][]) =>
  t.call(label, 'OffsetCommit', {
    groupId,
    generationIdOrMemberEpoch: generation,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1n,
    topics: [
      {
        name,
        partitions: offsets.map(([partitionIndex, committedOffset]) => ({
          partitionIndex,
          committedOffset,
          committedLeaderEpoch: -1,
          commitTimestamp: -1n,
          committedMetadata: 'meta',
        })),
      },
    ],
  });

const fetchOffsets = (t: Target, label: string, groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null) =>
  t.call(label, 'OffsetFetch', { groupId: '', topics: null, groups: [{ groupId, memberId: null, memberEpoch: -1, topics }], requireStable: false });

const describe = (t: Target, label: string, groupId: string) => t.call(label, 'DescribeGroups', { groups: [groupId], includeAuthorizedOperations: false });

export const groupSequences: Record<string, Sequence> = {
  async 'classic group: join (member id required), sync, heartbeat, commit, fetch, describe, leave, delete'(t) {
    await createTopics(t, 'create', [topic('conf-topic', 2)]);
    await findCoordinator(t, 'coordinator', 'conf-classic', 0);
    const first = await join(t, 'join without a member id', 'conf-classic', '');
    const joined = await join(t, 'join with the assigned id', 'conf-classic', first.memberId);
    const me = joined.memberId as string;
    await t.call('sync as leader', 'SyncGroup', {
      groupId: 'conf-classic',
      generationId: joined.generationId,
      memberId: me,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: me, assignment: Buffer.from('0001000000010000000a636f6e662d746f706963', 'hex') }],
    });
    await t.call('heartbeat', 'Heartbeat', { groupId: 'conf-classic', generationId: joined.generationId, memberId: me, groupInstanceId: null });
    await t.call('heartbeat, wrong generation', 'Heartbeat', {
      groupId: 'conf-classic',
      generationId: joined.generationId + 5,
      memberId: me,
      groupInstanceId: null,
    });
    await t.call('heartbeat, unknown member', 'Heartbeat', {
      groupId: 'conf-classic',
      generationId: joined.generationId,
      memberId: 'nobody',
      groupInstanceId: null,
    });
    await commit(t, 'commit', 'conf-classic', joined.generationId, me, 'conf-topic', [
      [0, 5n],
      [1, 7n],
    ]);
    await commit(t, 'commit, wrong generation', 'conf-classic', joined.generationId + 1, me, 'conf-topic', [[0, 6n]]);
    await fetchOffsets(t, 'fetch all', 'conf-classic', null);
    await fetchOffsets(t, 'fetch one committed and one never committed', 'conf-classic', [{ name: 'conf-topic', partitionIndexes: [1, 5] }]);
    await describe(t, 'describe stable', 'conf-classic');
    await t.call('list stable groups', 'ListGroups', { statesFilter: ['Stable'], typesFilter: [] });
    await t.call('delete a non-empty group', 'DeleteGroups', { groupsNames: ['conf-classic'] });
    await t.call('leave', 'LeaveGroup', { groupId: 'conf-classic', memberId: '', members: [{ memberId: me, groupInstanceId: null, reason: 'done' }] });
    await describe(t, 'describe empty', 'conf-classic');
    await t.call('delete offsets of one partition', 'OffsetDelete', {
      groupId: 'conf-classic',
      topics: [{ name: 'conf-topic', partitions: [{ partitionIndex: 0 }] }],
    });
    await fetchOffsets(t, 'fetch after offset delete', 'conf-classic', null);
    await t.call('delete the empty group', 'DeleteGroups', { groupsNames: ['conf-classic'] });
    await describe(t, 'describe deleted', 'conf-classic');
    await fetchOffsets(t, 'fetch after group delete', 'conf-classic', null);
  },

  async 'group errors: bad session timeout, empty group id, unknown groups, simple-group commits'(t) {
    await createTopics(t, 'create', [topic('conf-simple', 1)]);
    await findCoordinator(t, 'coordinator', 'conf-errors', 0);
    await join(t, 'session timeout below the minimum', 'conf-errors', '', 1);
    await join(t, 'empty group id', '', '');
    await t.call('heartbeat to an unknown group', 'Heartbeat', { groupId: 'conf-never', generationId: 1, memberId: 'm', groupInstanceId: null });
    await t.call('sync to an unknown group', 'SyncGroup', {
      groupId: 'conf-never',
      generationId: 1,
      memberId: 'm',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [],
    });
    await t.call('leave an unknown group', 'LeaveGroup', {
      groupId: 'conf-never',
      memberId: '',
      members: [{ memberId: 'm', groupInstanceId: null, reason: null }],
    });
    await t.call('delete an unknown group', 'DeleteGroups', { groupsNames: ['conf-never'] });
    await t.call('offset delete on an unknown group', 'OffsetDelete', {
      groupId: 'conf-never',
      topics: [{ name: 'conf-simple', partitions: [{ partitionIndex: 0 }] }],
    });
    await describe(t, 'describe an unknown group', 'conf-never');
    await fetchOffsets(t, 'fetch offsets of an unknown group', 'conf-never', null);
    await findCoordinator(t, 'simple group coordinator', 'conf-simple-group', 0);
    await commit(t, 'simple-group commit (no generation, no member)', 'conf-simple-group', -1, '', 'conf-simple', [[0, 3n]]);
    await commit(t, 'commit to an unknown partition', 'conf-simple-group', -1, '', 'conf-simple', [[9, 3n]]);
    await fetchOffsets(t, 'fetch the simple group', 'conf-simple-group', [{ name: 'conf-simple', partitionIndexes: [0] }]);
    await describe(t, 'describe the simple group', 'conf-simple-group');
  },

  async 'consumer group (KIP-848): join, assignment, describe, leave'(t) {
    await createTopics(t, 'create', [topic('conf-848', 3)]);
    await findCoordinator(t, 'coordinator', 'conf-848-group', 0);
    // Kafka's group coordinator sees a new topic once the metadata image reaches it, a moment after Metadata does.
    await new Promise((r) => setTimeout(r, 1500));
    const memberId = 'conf848memberAAAAAAAAAA';
    const heartbeat = (label: string, memberEpoch: number) =>
      t.call(label, 'ConsumerGroupHeartbeat', {
        groupId: 'conf-848-group',
        memberId,
        memberEpoch,
        instanceId: null,
        rackId: null,
        rebalanceTimeoutMs: 30_000,
        subscribedTopicNames: memberEpoch === 0 ? ['conf-848'] : null,
        subscribedTopicRegex: null,
        serverAssignor: memberEpoch === 0 ? 'uniform' : null,
        topicPartitions: memberEpoch === 0 ? [] : null,
      });
    const joined = await heartbeat('join', 0);
    await heartbeat('heartbeat at the member epoch', joined.memberEpoch);
    await heartbeat('heartbeat at a fenced epoch', joined.memberEpoch + 10);
    await t.call('describe', 'ConsumerGroupDescribe', { groupIds: ['conf-848-group', 'conf-848-never'], includeAuthorizedOperations: false });
    await t.call('list consumer groups', 'ListGroups', { statesFilter: [], typesFilter: ['consumer'] });
    await heartbeat('leave', -1);
    await t.call('describe after leaving', 'ConsumerGroupDescribe', { groupIds: ['conf-848-group'], includeAuthorizedOperations: false });
  },

  async 'transactions: init, add partitions, produce, add offsets, commit offsets, end, list, describe'(t) {
    await createTopics(t, 'create', [topic('conf-txn', 1)]);
    await t.call('idempotent producer id', 'InitProducerId', { transactionalId: null, transactionTimeoutMs: -1, producerId: -1n, producerEpoch: -1 });
    await findCoordinator(t, 'coordinator', 'conf-txn-id', 1);
    const init = await t.call('init transactional id', 'InitProducerId', {
      transactionalId: 'conf-txn-id',
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1,
    });
    const { producerId, producerEpoch } = init;
    await t.call('add partition', 'AddPartitionsToTxn', {
      transactions: [],
      v3AndBelowTransactionalId: 'conf-txn-id',
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: [{ name: 'conf-txn', partitions: [0] }],
    });
    const records = buildBatch([{ key: 'k', value: 'in-txn', timestamp: BigInt(Date.now()) }], {
      producerId,
      producerEpoch,
      baseSequence: 0,
      attributes: 0x10,
    });
    await t.call('transactional produce', 'Produce', {
      transactionalId: 'conf-txn-id',
      acks: -1,
      timeoutMs: 30_000,
      topicData: [{ name: 'conf-txn', partitionData: [{ index: 0, records }] }],
    });
    await t.call('add offsets', 'AddOffsetsToTxn', { transactionalId: 'conf-txn-id', producerId, producerEpoch, groupId: 'conf-txn-group' });
    await findCoordinator(t, 'group coordinator', 'conf-txn-group', 0);
    await t.call('txn offset commit', 'TxnOffsetCommit', {
      transactionalId: 'conf-txn-id',
      groupId: 'conf-txn-group',
      producerId,
      producerEpoch,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: 'conf-txn', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] }],
    });
    await t.call('describe ongoing', 'DescribeTransactions', { transactionalIds: ['conf-txn-id', 'conf-txn-unknown'] });
    await t.call('describe producers', 'DescribeProducers', { topics: [{ name: 'conf-txn', partitionIndexes: [0] }] });
    await t.call('end with the wrong epoch', 'EndTxn', { transactionalId: 'conf-txn-id', producerId, producerEpoch: producerEpoch + 1, committed: true });
    await t.call('commit', 'EndTxn', { transactionalId: 'conf-txn-id', producerId, producerEpoch, committed: true });
    // Kafka writes the commit markers asynchronously (PrepareCommit until they are written).
    await new Promise((r) => setTimeout(r, 1000));
    await t.call('list', 'ListTransactions', { stateFilters: [], producerIdFilters: [], durationFilter: -1n });
    await produce(t, 'non-transactional produce after the marker', 'conf-txn', 0, buildBatch([{ key: 'k', value: 'after', timestamp: BigInt(Date.now()) }]));
    // A completed transaction keeps its start time; an id that never began one has none.
    await t.call('describe completed', 'DescribeTransactions', { transactionalIds: ['conf-txn-id'] });
    await findCoordinator(t, 'coordinator of an id without a transaction', 'conf-txn-empty', 1);
    await t.call('init an id without a transaction', 'InitProducerId', {
      transactionalId: 'conf-txn-empty',
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1,
    });
    await t.call('describe an id without a transaction', 'DescribeTransactions', { transactionalIds: ['conf-txn-empty'] });
    const byDuration = (label: string, durationFilter: bigint) =>
      t.call(label, 'ListTransactions', { stateFilters: [], producerIdFilters: [], durationFilter });
    await byDuration('list those started over an hour ago', 3_600_000n);
    await byDuration('list those started over 0 ms ago', 0n);
  },
};
