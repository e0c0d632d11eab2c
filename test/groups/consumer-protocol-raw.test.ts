/**
 * KIP-848 consumer groups at the protocol level, for what real clients do not show on demand:
 * request validation, member epochs and fencing (FENCED_MEMBER_EPOCH, UNKNOWN_MEMBER_ID),
 * revocation before assignment step by step, commits and fetches checked against member epochs
 * (STALE_MEMBER_EPOCH), static members, leaving, classic/consumer coexistence, durability
 * across a restart and the session timeout.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { waitFor } from './group-helpers.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import {
  encodeConsumerGroupHeartbeatRequest,
  defaultConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatRequest,
} from '../../broker/protocol/messages/consumer-group-heartbeat-request.ts';
import { decodeConsumerGroupHeartbeatResponse, type ConsumerGroupHeartbeatResponse } from '../../broker/protocol/messages/consumer-group-heartbeat-response.ts';
import { encodeConsumerGroupDescribeRequest } from '../../broker/protocol/messages/consumer-group-describe-request.ts';
import { decodeConsumerGroupDescribeResponse } from '../../broker/protocol/messages/consumer-group-describe-response.ts';
import { encodeOffsetCommitRequest, defaultOffsetCommitRequest } from '../../broker/protocol/messages/offset-commit-request.ts';
import { decodeOffsetCommitResponse } from '../../broker/protocol/messages/offset-commit-response.ts';
import { encodeOffsetFetchRequest, defaultOffsetFetchRequest } from '../../broker/protocol/messages/offset-fetch-request.ts';
import { decodeOffsetFetchResponse } from '../../broker/protocol/messages/offset-fetch-response.ts';
import { encodeJoinGroupRequest, defaultJoinGroupRequest } from '../../broker/protocol/messages/join-group-request.ts';
import { decodeJoinGroupResponse } from '../../broker/protocol/messages/join-group-response.ts';
import { encodeDescribeGroupsRequest, defaultDescribeGroupsRequest } from '../../broker/protocol/messages/describe-groups-request.ts';
import { decodeDescribeGroupsResponse } from '../../broker/protocol/messages/describe-groups-response.ts';
import { encodeListGroupsRequest, defaultListGroupsRequest } from '../../broker/protocol/messages/list-groups-request.ts';
import { decodeListGroupsResponse } from '../../broker/protocol/messages/list-groups-response.ts';
import { encodeMetadataRequest, defaultMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchTopic, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';

const E = {
  NONE: 0,
  UNKNOWN_MEMBER_ID: 25,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  UNSUPPORTED_VERSION: 35,
  INVALID_REQUEST: 42,
  GROUP_ID_NOT_FOUND: 69,
  FENCED_MEMBER_EPOCH: 110,
  UNRELEASED_INSTANCE_ID: 111,
  UNSUPPORTED_ASSIGNOR: 112,
  STALE_MEMBER_EPOCH: 113,
  INVALID_REGULAR_EXPRESSION: 128,
  UNKNOWN_TOPIC_ID: 100,
};
const SESSION_MS = 4000;
let broker: BrokerProcess;
let client: RawClient;
let topicId: Buffer;

async function connect(): Promise<void> {
  client = await RawClient.connect(broker.port);
}

before(async () => {
  broker = await startBroker({
    config: { 'group.consumer.session.timeout.ms': String(SESSION_MS), 'group.consumer.heartbeat.interval.ms': '250', 'group.initial.rebalance.delay.ms': '0' },
  });
  await connect();
  const created = await client.request(
    19,
    7,
    encodeCreateTopicsRequest,
    { ...defaultCreateTopicsRequest(), timeoutMs: 5000, topics: [{ ...defaultCreatableTopic(), name: 'kip', numPartitions: 4, replicationFactor: 1 }] },
    decodeCreateTopicsResponse,
  );
  assert.equal(created.topics[0]?.errorCode, 0);
  topicId = created.topics[0]!.topicId;
});

after(async () => {
  client.close();
  await broker.stop();
  removeDir(broker.dataDir);
});

const hb = (fields: Partial<ConsumerGroupHeartbeatRequest>, version = 1): Promise<ConsumerGroupHeartbeatResponse> =>
  client.request(
    68,
    version,
    encodeConsumerGroupHeartbeatRequest,
    { ...defaultConsumerGroupHeartbeatRequest(), groupId: 'g', ...fields },
    decodeConsumerGroupHeartbeatResponse,
  );

const join = (memberId: string, extra: Partial<ConsumerGroupHeartbeatRequest> = {}) =>
  hb({ memberId, memberEpoch: 0, rebalanceTimeoutMs: 30_000, subscribedTopicNames: ['kip'], topicPartitions: [], ...extra });

const owned = (partitions: number[]) => [{ topicId, partitions }];
const parts = (res: ConsumerGroupHeartbeatResponse): number[] | null =>
  res.assignment === null ? null : res.assignment.topicPartitions.flatMap((t) => t.partitions).sort((a, b) => a - b);

const describe = async (groupId = 'g') =>
  (
    await client.request(
      69,
      0,
      encodeConsumerGroupDescribeRequest,
      { groupIds: [groupId], includeAuthorizedOperations: false },
      decodeConsumerGroupDescribeResponse,
    )
  ).groups[0]!;

const commit = (version: number, memberId: string, epoch: number, groupId = 'g') =>
  client
    .request(
      8,
      version,
      encodeOffsetCommitRequest,
      {
        ...defaultOffsetCommitRequest(),
        groupId,
        memberId,
        generationIdOrMemberEpoch: epoch,
        topics: [
          { name: 'kip', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] },
        ],
      },
      decodeOffsetCommitResponse,
    )
    .then((r) => r.topics[0]?.partitions[0]?.errorCode);

test('requests are validated as Kafka validates them', async () => {
  const cases: [Partial<ConsumerGroupHeartbeatRequest>, number, string][] = [
    [
      { memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['kip'], topicPartitions: [] },
      E.INVALID_REQUEST,
      "MemberId can't be empty.",
    ],
    [{ groupId: ' ', memberId: 'm', memberEpoch: 0 }, E.INVALID_REQUEST, "GroupId can't be empty."],
    [
      { memberId: 'm', memberEpoch: 0, subscribedTopicNames: ['kip'], topicPartitions: [] },
      E.INVALID_REQUEST,
      'RebalanceTimeoutMs must be provided in first request.',
    ],
    [
      { memberId: 'm', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['kip'] },
      E.INVALID_REQUEST,
      'TopicPartitions must be empty when (re-)joining.',
    ],
    [
      { memberId: 'm', memberEpoch: 0, rebalanceTimeoutMs: 1000, topicPartitions: [] },
      E.INVALID_REQUEST,
      'Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.',
    ],
    [{ memberId: 'm', memberEpoch: -2 }, E.INVALID_REQUEST, "InstanceId can't be null."],
    [{ memberId: 'm', memberEpoch: -3 }, E.INVALID_REQUEST, 'MemberEpoch is invalid.'],
    [
      { memberId: 'm', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['kip'], topicPartitions: [], serverAssignor: 'sticky' },
      E.UNSUPPORTED_ASSIGNOR,
      'ServerAssignor sticky is not supported. Supported assignors: uniform, range.',
    ],
    [{ memberId: 'm', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicRegex: 'kip(', topicPartitions: [] }, E.INVALID_REGULAR_EXPRESSION, ''],
    [{ groupId: 'nope', memberId: 'm', memberEpoch: 3 }, E.GROUP_ID_NOT_FOUND, 'Consumer group nope not found.'],
  ];
  for (const [req, code, message] of cases) {
    const res = await hb(req);
    assert.equal(res.errorCode, code, JSON.stringify(req));
    if (message) assert.equal(res.errorMessage, message);
  }
  // v0 lets the coordinator name the member.
  const v0 = await hb({ groupId: 'g-v0', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['kip'], topicPartitions: [] }, 0);
  assert.equal(v0.errorCode, 0);
  assert.match(v0.memberId ?? '', /^[0-9a-f-]{36}$/);
  assert.equal((await hb({ groupId: 'g-v0', memberId: v0.memberId!, memberEpoch: -1 }, 0)).memberEpoch, -1);
});

test('epochs, fencing and revocation before assignment', async () => {
  const a1 = await join('member-a');
  assert.equal(a1.errorCode, 0);
  assert.equal(a1.memberId, 'member-a');
  assert.equal(a1.memberEpoch, 1);
  assert.equal(a1.heartbeatIntervalMs, 250);
  assert.deepEqual(parts(a1), [0, 1, 2, 3]);
  assert.ok(a1.assignment?.topicPartitions[0]?.topicId.equals(topicId), 'assignments name topics by id');

  assert.equal((await hb({ memberId: 'member-a', memberEpoch: 2 })).errorCode, E.FENCED_MEMBER_EPOCH, 'an epoch ahead of the coordinator');
  assert.equal((await hb({ memberId: 'member-x', memberEpoch: 1 })).errorCode, E.UNKNOWN_MEMBER_ID);
  const same = await hb({ memberId: 'member-a', memberEpoch: 1 });
  assert.equal(same.errorCode, 0);
  assert.equal(same.assignment, null, 'nothing changed, nothing sent');

  // B joins: the group epoch moves to 2, B is at epoch 2 but gets nothing until A gives partitions up.
  const b1 = await join('member-b');
  assert.equal(b1.memberEpoch, 2);
  assert.deepEqual(parts(b1), []);
  const a2 = await hb({ memberId: 'member-a', memberEpoch: 1, topicPartitions: owned([0, 1, 2, 3]) });
  assert.equal(a2.memberEpoch, 1, 'A keeps its epoch while it revokes');
  const keep = parts(a2)!;
  assert.equal(keep.length, 2);
  let group = await describe();
  assert.equal(group.groupState, 'Reconciling');
  assert.equal(group.groupEpoch, 2);
  const b2 = await hb({ memberId: 'member-b', memberEpoch: 2, topicPartitions: owned([]) });
  assert.deepEqual(parts(b2), [], 'the partitions A still owns are not handed to B');
  assert.equal((await hb({ memberId: 'member-a', memberEpoch: 1, topicPartitions: owned([0, 1, 2, 3]) })).memberEpoch, 1, 'A still reports them');
  const a3 = await hb({ memberId: 'member-a', memberEpoch: 1, topicPartitions: owned(keep) });
  assert.equal(a3.memberEpoch, 2, 'A confirmed the revocation and moves to epoch 2');
  const b3 = await hb({ memberId: 'member-b', memberEpoch: 2, topicPartitions: owned([]) });
  assert.deepEqual(
    parts(b3),
    [0, 1, 2, 3].filter((p) => !keep.includes(p)),
    'B gets what A gave up',
  );
  group = await describe();
  assert.equal(group.groupState, 'Stable');
  assert.equal(group.assignorName, 'uniform');
  assert.deepEqual(group.members.map((m) => [m.memberId, m.memberEpoch]).sort(), [
    ['member-a', 2],
    ['member-b', 2],
  ]);

  // The previous epoch is accepted once, with a subset of the assignment (the bumping reply may be lost).
  assert.equal((await hb({ memberId: 'member-a', memberEpoch: 1, topicPartitions: owned(keep) })).errorCode, 0);
  assert.equal(
    (await hb({ memberId: 'member-a', memberEpoch: 1, topicPartitions: owned([0, 1, 2, 3]) })).errorCode,
    E.FENCED_MEMBER_EPOCH,
    'but not with partitions it does not own',
  );
});

test('commits and fetches carry the member epoch', async () => {
  assert.equal(await commit(9, 'member-a', 2), E.NONE);
  assert.equal(await commit(9, 'member-a', 1), E.STALE_MEMBER_EPOCH);
  assert.equal(await commit(8, 'member-a', 2), E.UNSUPPORTED_VERSION, 'members of consumer groups commit with v9+');
  assert.equal(await commit(9, 'ghost', 2), E.UNKNOWN_MEMBER_ID);
  assert.equal(await commit(9, '', -1), E.UNKNOWN_MEMBER_ID, 'an admin commit to a group with members is refused');
  const fetch = (memberId: string | null, memberEpoch: number) =>
    client.request(
      9,
      9,
      encodeOffsetFetchRequest,
      { ...defaultOffsetFetchRequest(), groups: [{ groupId: 'g', memberId, memberEpoch, topics: [{ name: 'kip', partitionIndexes: [0] }] }] },
      decodeOffsetFetchResponse,
    );
  const ok = await fetch('member-a', 2);
  assert.equal(ok.groups[0]?.errorCode, 0);
  assert.equal(ok.groups[0]?.topics[0]?.partitions[0]?.committedOffset, 5n);
  assert.equal((await fetch('member-a', 1)).groups[0]?.errorCode, E.STALE_MEMBER_EPOCH);
  assert.equal((await fetch('ghost', 2)).groups[0]?.errorCode, E.UNKNOWN_MEMBER_ID);
  assert.equal((await fetch(null, -1)).groups[0]?.errorCode, 0, 'an admin fetch needs no member');
});

test('classic and consumer groups share the id space', async () => {
  const joinClassic = (groupId: string) =>
    client.request(
      11,
      5,
      encodeJoinGroupRequest,
      {
        ...defaultJoinGroupRequest(),
        groupId,
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId: 'c-1',
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
      },
      decodeJoinGroupResponse,
    );
  assert.equal((await joinClassic('g')).errorCode, E.INCONSISTENT_GROUP_PROTOCOL, 'a classic member cannot join a consumer group with members');
  const dg = await client.request(15, 5, encodeDescribeGroupsRequest, { ...defaultDescribeGroupsRequest(), groups: ['g'] }, decodeDescribeGroupsResponse);
  assert.equal(dg.groups[0]?.errorCode, 0);
  assert.equal(dg.groups[0]?.groupState, 'Dead', 'DescribeGroups knows only classic groups, as Kafka');
  const listed = async (types: string[]) =>
    (await client.request(16, 5, encodeListGroupsRequest, { ...defaultListGroupsRequest(), typesFilter: types }, decodeListGroupsResponse)).groups
      .map((g) => `${g.groupId}:${g.groupType}:${g.groupState}`)
      .sort();
  assert.ok((await listed(['consumer'])).includes('g:consumer:Stable'), 'listed as a consumer group');
  assert.ok(!(await listed(['classic'])).some((g) => g.startsWith('g:')), 'not listed as a classic group');

  // A classic group in a rebalance keeps consumer members out; ConsumerGroupDescribe does not describe it.
  const first = await client.request(
    11,
    3,
    encodeJoinGroupRequest,
    {
      ...defaultJoinGroupRequest(),
      groupId: 'classic-g',
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      memberId: '',
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    },
    decodeJoinGroupResponse,
  );
  assert.equal(first.errorCode, 0);
  const refused = await hb({
    groupId: 'classic-g',
    memberId: 'm',
    memberEpoch: 0,
    rebalanceTimeoutMs: 1000,
    subscribedTopicNames: ['kip'],
    topicPartitions: [],
  });
  assert.equal(refused.errorCode, E.GROUP_ID_NOT_FOUND);
  assert.equal(refused.errorMessage, 'Group classic-g is not a consumer group.');
  const described = await describe('classic-g');
  assert.equal(described.errorCode, E.GROUP_ID_NOT_FOUND);
  assert.equal((await describe('no-such-group')).errorCode, E.GROUP_ID_NOT_FOUND);
});

test('static members: a temporary leave keeps the partitions for the next incarnation', async () => {
  const s1 = await join('static-1', { groupId: 'gs', instanceId: 'instance-1' });
  assert.deepEqual(parts(s1), [0, 1, 2, 3]);
  assert.equal((await join('static-2', { groupId: 'gs', instanceId: 'instance-1' })).errorCode, E.UNRELEASED_INSTANCE_ID);
  const left = await hb({ groupId: 'gs', memberId: 'static-1', memberEpoch: -2, instanceId: 'instance-1' });
  assert.equal(left.memberEpoch, -2);
  const s2 = await join('static-2', { groupId: 'gs', instanceId: 'instance-1' });
  assert.equal(s2.errorCode, 0);
  assert.equal(s2.memberEpoch, s1.memberEpoch, 'no rebalance: same epoch');
  assert.deepEqual(parts(s2), [0, 1, 2, 3]);
  const g = await describe('gs');
  assert.deepEqual(
    g.members.map((m) => [m.memberId, m.instanceId]),
    [['static-2', 'instance-1']],
  );
  assert.equal(g.groupEpoch, 1);
  assert.equal(
    (await hb({ groupId: 'gs', memberId: 'static-1', memberEpoch: 1, instanceId: 'instance-1' })).errorCode,
    82,
    'the old incarnation is fenced (FENCED_INSTANCE_ID)',
  );
  assert.equal((await hb({ groupId: 'gs', memberId: 'static-2', memberEpoch: -1, instanceId: 'instance-1' })).memberEpoch, -1);
  assert.equal((await describe('gs')).groupState, 'Empty');
});

test('regex subscriptions follow topics as they appear', async () => {
  const r1 = await join('rx', { groupId: 'gr', subscribedTopicNames: null, subscribedTopicRegex: 'kip|kip-more' });
  assert.deepEqual(parts(r1), [0, 1, 2, 3]);
  await client.request(
    19,
    5,
    encodeCreateTopicsRequest,
    { ...defaultCreateTopicsRequest(), timeoutMs: 5000, topics: [{ ...defaultCreatableTopic(), name: 'kip-more', numPartitions: 2, replicationFactor: 1 }] },
    decodeCreateTopicsResponse,
  );
  const r2 = await hb({ groupId: 'gr', memberId: 'rx', memberEpoch: r1.memberEpoch });
  assert.equal(r2.memberEpoch, r1.memberEpoch + 1, 'a new matching topic bumps the group epoch');
  assert.equal(r2.assignment?.topicPartitions.length, 2);
  // Metadata v12 resolves the assignment's topic ids, as KIP-848 clients do; an unknown id says so.
  const meta = await client.request(
    3,
    12,
    encodeMetadataRequest,
    {
      ...defaultMetadataRequest(),
      topics: [...r2.assignment!.topicPartitions.map((t) => ({ topicId: t.topicId, name: null })), { topicId: Buffer.alloc(16, 7), name: null }],
    },
    decodeMetadataResponse,
  );
  assert.deepEqual(
    meta.topics.map((t) => [t.name, t.errorCode]).sort(),
    [
      ['kip', 0],
      ['kip-more', 0],
      [null, E.UNKNOWN_TOPIC_ID],
    ].sort(),
  );
  // ...and Fetch v13 reads by topic id.
  const fetched = await client.request(
    1,
    13,
    encodeFetchRequest,
    {
      ...defaultFetchRequest(),
      maxWaitMs: 5000,
      minBytes: 1,
      maxBytes: 1 << 20,
      topics: [topicId, Buffer.alloc(16, 7)].map((id) => ({
        ...defaultFetchTopic(),
        topicId: id,
        partitions: [{ ...defaultFetchPartition(), partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }],
      })),
    },
    decodeFetchResponse,
  );
  assert.deepEqual(
    fetched.responses.map((t) => [t.topicId.equals(topicId), t.partitions[0]?.errorCode]),
    [
      [true, 0],
      [false, E.UNKNOWN_TOPIC_ID],
    ],
  );
  await hb({ groupId: 'gr', memberId: 'rx', memberEpoch: -1 });
});

test('the group survives a restart, and a silent member is removed after the session timeout', async () => {
  const before = await describe();
  client.close();
  await broker.stop();
  broker = await startBroker({
    dataDir: broker.dataDir,
    port: broker.port,
    config: { 'group.consumer.session.timeout.ms': String(SESSION_MS), 'group.consumer.heartbeat.interval.ms': '250' },
  });
  await connect();
  const after = await describe();
  assert.equal(after.groupEpoch, before.groupEpoch);
  assert.equal(after.assignmentEpoch, before.assignmentEpoch);
  assert.deepEqual(
    after.members.map((m) => [m.memberId, m.memberEpoch, m.assignment.topicPartitions]).sort(),
    before.members.map((m) => [m.memberId, m.memberEpoch, m.assignment.topicPartitions]).sort(),
  );
  const fetched = await client.request(
    9,
    8,
    encodeOffsetFetchRequest,
    { ...defaultOffsetFetchRequest(), groups: [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: [{ name: 'kip', partitionIndexes: [0] }] }] },
    decodeOffsetFetchResponse,
  );
  assert.equal(fetched.groups[0]?.topics[0]?.partitions[0]?.committedOffset, 5n);

  // A keeps heartbeating; B goes silent and is removed, and A is given B's partitions.
  let a = await hb({ memberId: 'member-a', memberEpoch: 2 });
  assert.equal(a.errorCode, 0);
  let epoch = a.memberEpoch;
  let ownedByA = (await describe()).members.find((m) => m.memberId === 'member-a')!.assignment.topicPartitions.flatMap((t) => t.partitions);
  await waitFor(
    'B to be removed and A to own all four partitions',
    async () => {
      a = await hb({ memberId: 'member-a', memberEpoch: epoch, topicPartitions: owned(ownedByA) });
      assert.equal(a.errorCode, 0);
      epoch = a.memberEpoch;
      if (a.assignment !== null) ownedByA = parts(a)!;
      return ownedByA.length === 4;
    },
    SESSION_MS * 5,
  );
  const group = await describe();
  assert.deepEqual(
    group.members.map((m) => m.memberId),
    ['member-a'],
  );
  assert.equal(group.groupState, 'Stable');
});
