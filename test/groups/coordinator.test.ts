/**
 * The group coordinator in-process: the rebalance state machine (member ids, generations,
 * fencing, protocol selection, static membership, session expiry) and its metadata log
 * (replay, torn tails, compaction, retention, topic deletion).
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GroupCoordinator } from '../../broker/group/group-coordinator.ts';
import type { JoinRequest } from '../../broker/group/consumer-group.ts';
import { BrokerConfig } from '../../broker/config/broker-config.ts';
import { ErrorCode } from '../../broker/protocol/error-codes.ts';
import { removeDir, tempDataDir } from '../helpers/broker-process.ts';

const open: { coordinator: GroupCoordinator; dir: string }[] = [];

function coordinator(dir = tempDataDir(), extra: Record<string, string> = {}): GroupCoordinator {
  const config = new BrokerConfig(new Map(Object.entries({ 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '10', ...extra })));
  const c = new GroupCoordinator({ dataDir: dir, config, log: () => {}, partitionExists: (t, p) => t.startsWith('t') && p < 4 });
  open.push({ coordinator: c, dir });
  return c;
}

// The coordinator's timers are unref'd (the broker's sockets keep it alive); keep the test alive.
let keepAlive: NodeJS.Timeout;
before(() => void (keepAlive = setInterval(() => {}, 1000)));
after(() => clearInterval(keepAlive));

afterEach(() => {
  for (const { coordinator: c, dir } of open.splice(0)) {
    try {
      c.close();
    } catch {
      // already closed by the test
    }
    removeDir(dir);
  }
});

const proto = (...names: string[]) => names.map((name) => ({ name, metadata: Buffer.from(name) }));
const joinReq = (memberId: string, overrides: Partial<JoinRequest> = {}): JoinRequest => ({
  memberId,
  groupInstanceId: null,
  clientId: 'c',
  clientHost: '/127.0.0.1',
  sessionTimeoutMs: 5000,
  rebalanceTimeoutMs: 5000,
  protocolType: 'consumer',
  protocols: proto('range'),
  requireKnownMemberId: true,
  ...overrides,
});
const sync = (c: GroupCoordinator, memberId: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[] = [], group = 'g') =>
  c.sync(group, { memberId, groupInstanceId: null, generationId, protocolType: 'consumer', protocolName: null, assignments });

test('MEMBER_ID_REQUIRED, generations, fencing of stale generations and unknown members', async () => {
  const c = coordinator();
  const first = await c.join('g', joinReq(''));
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
  assert.match(first.memberId, /^c-[0-9a-f-]{36}$/);
  const a = first.memberId;
  const joinedA = await c.join('g', joinReq(a));
  assert.deepEqual([joinedA.errorCode, joinedA.generationId, joinedA.leader, joinedA.protocolName], [0, 1, a, 'range']);
  assert.equal(joinedA.members.length, 1);
  assert.equal(c.heartbeat('g', a, null, 1), ErrorCode.NONE, 'CompletingRebalance accepts heartbeats');
  assert.equal((await sync(c, a, 1, [{ memberId: a, assignment: Buffer.from('A') }])).assignment.toString(), 'A');
  assert.equal(c.group('g')?.state, 'Stable');

  // A second member: the first learns of the rebalance from its heartbeat and rejoins.
  const b = (await c.join('g', joinReq(''))).memberId;
  const joiningB = c.join('g', joinReq(b));
  assert.equal(c.group('g')?.state, 'PreparingRebalance');
  assert.equal(c.heartbeat('g', a, null, 1), ErrorCode.REBALANCE_IN_PROGRESS);
  assert.deepEqual(
    c.commitOffsets('g', { memberId: a, groupInstanceId: null, generationId: 1, retentionTimeMs: -1n }, [
      { topic: 't', partition: 0, offset: 3n, leaderEpoch: -1, metadata: null },
    ]),
    [0],
    'old generation may commit while preparing',
  );
  const [rejoinedA, joinedB] = await Promise.all([c.join('g', joinReq(a)), joiningB]);
  assert.equal(rejoinedA.generationId, 2);
  assert.equal(joinedB.generationId, 2);
  assert.equal(rejoinedA.leader, a, 'the leader is kept');
  assert.equal(joinedB.members.length, 0, 'followers do not get the member list');

  // The follower's SyncGroup waits for the leader's.
  const followerSync = sync(c, b, 2);
  assert.equal((await sync(c, a, 1)).errorCode, ErrorCode.ILLEGAL_GENERATION);
  await sync(c, a, 2, [
    { memberId: a, assignment: Buffer.from('A2') },
    { memberId: b, assignment: Buffer.from('B2') },
  ]);
  assert.equal((await followerSync).assignment.toString(), 'B2');

  assert.equal(c.heartbeat('g', a, null, 1), ErrorCode.ILLEGAL_GENERATION);
  assert.equal(c.heartbeat('g', 'nobody', null, 2), ErrorCode.UNKNOWN_MEMBER_ID);
  assert.equal(c.heartbeat('other', a, null, 2), ErrorCode.UNKNOWN_MEMBER_ID);
  const commit = (memberId: string, generationId: number) =>
    c.commitOffsets('g', { memberId, groupInstanceId: null, generationId, retentionTimeMs: -1n }, [
      { topic: 't', partition: 0, offset: 5n, leaderEpoch: -1, metadata: null },
    ])[0];
  assert.equal(commit(a, 1), ErrorCode.ILLEGAL_GENERATION);
  assert.equal(commit('', -1), ErrorCode.UNKNOWN_MEMBER_ID, 'standalone commits only to an Empty group');
  assert.equal(commit(a, 2), ErrorCode.NONE);
  assert.equal(c.deleteGroup('g'), ErrorCode.NON_EMPTY_GROUP);

  assert.deepEqual(
    c.leave('g', [
      { memberId: a, groupInstanceId: null },
      { memberId: 'nobody', groupInstanceId: null },
    ]).members,
    [0, ErrorCode.UNKNOWN_MEMBER_ID],
  );
  assert.equal(c.heartbeat('g', b, null, 2), ErrorCode.REBALANCE_IN_PROGRESS);
  const alone = await c.join('g', joinReq(b));
  assert.deepEqual([alone.generationId, alone.leader], [3, b], 'leadership passes on');
  c.leave('g', [{ memberId: b, groupInstanceId: null }]);
  assert.equal(c.group('g')?.state, 'Empty');
  assert.equal(c.group('g')?.generationId, 4);
});

test('protocol selection across members and inconsistent protocols', async () => {
  const c = coordinator();
  const opts = { requireKnownMemberId: false };
  const one = c.join('g', joinReq('', { ...opts, protocols: proto('range', 'roundrobin') }));
  const two = c.join('g', joinReq('', { ...opts, protocols: proto('roundrobin', 'range') }));
  const three = c.join('g', joinReq('', { ...opts, protocols: proto('roundrobin', 'sticky') }));
  const results = await Promise.all([one, two, three]);
  assert.ok(results.every((r) => r.protocolName === 'roundrobin' && r.generationId === 1));
  const bad = await c.join('g', joinReq('', { ...opts, protocols: proto('cooperative') }));
  assert.equal(bad.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  assert.equal((await c.join('g', joinReq('', { ...opts, protocolType: 'connect' }))).errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  assert.equal((await c.join('g', joinReq('', { sessionTimeoutMs: 1 }))).errorCode, ErrorCode.INVALID_SESSION_TIMEOUT);
  assert.equal((await c.join('', joinReq(''))).errorCode, ErrorCode.INVALID_GROUP_ID);
});

test('a restarting static leader triggers a rebalance; its old member id is fenced', async () => {
  const c = coordinator();
  const staticReq = (memberId: string) => joinReq(memberId, { groupInstanceId: 'instance-1' });
  const joined = await c.join('g', staticReq(''));
  assert.deepEqual([joined.errorCode, joined.generationId], [0, 1], 'static members skip MEMBER_ID_REQUIRED');
  await sync(c, joined.memberId, 1, [{ memberId: joined.memberId, assignment: Buffer.from('S') }]);
  const restarted = await c.join('g', staticReq(''));
  assert.notEqual(restarted.memberId, joined.memberId);
  assert.deepEqual([restarted.generationId, restarted.leader], [2, restarted.memberId], 'the leader must reassign, so a new generation');
  assert.equal(c.heartbeat('g', joined.memberId, 'instance-1', 2), ErrorCode.FENCED_INSTANCE_ID);
  assert.equal(
    c.commitOffsets('g', { memberId: joined.memberId, groupInstanceId: 'instance-1', generationId: 2, retentionTimeMs: -1n }, [
      { topic: 't', partition: 0, offset: 1n, leaderEpoch: 0, metadata: null },
    ])[0],
    ErrorCode.FENCED_INSTANCE_ID,
  );
  assert.deepEqual(c.leave('g', [{ memberId: joined.memberId, groupInstanceId: 'instance-1' }]).members, [ErrorCode.FENCED_INSTANCE_ID]);
  assert.deepEqual(c.leave('g', [{ memberId: '', groupInstanceId: 'instance-1' }]).members, [ErrorCode.NONE]);
  assert.equal(c.group('g')?.state, 'Empty');
});

test('static follower restart during Stable: same generation, same assignment, old id fenced', async () => {
  const c = coordinator();
  const leader = (await c.join('g', joinReq('', { requireKnownMemberId: false }))).memberId;
  await sync(c, leader, 1, [{ memberId: leader, assignment: Buffer.from('L') }]);
  const joining = c.join('g', joinReq('', { groupInstanceId: 'follower' }));
  assert.equal(c.heartbeat('g', leader, null, 1), ErrorCode.REBALANCE_IN_PROGRESS);
  const [l2, f2] = await Promise.all([c.join('g', joinReq(leader)), joining]);
  await sync(c, leader, 2, [
    { memberId: leader, assignment: Buffer.from('L') },
    { memberId: f2.memberId, assignment: Buffer.from('F') },
  ]);
  void l2;
  const restarted = await c.join('g', joinReq('', { groupInstanceId: 'follower' }));
  assert.deepEqual([restarted.errorCode, restarted.generationId], [0, 2], 'no new generation');
  assert.notEqual(restarted.memberId, f2.memberId);
  assert.equal(c.group('g')?.state, 'Stable');
  assert.equal((await sync(c, restarted.memberId, 2)).assignment.toString(), 'F');
  assert.equal(c.heartbeat('g', f2.memberId, 'follower', 2), ErrorCode.FENCED_INSTANCE_ID);
});

test('a member that stops heartbeating is expired and the group rebalances to Empty', async () => {
  const c = coordinator();
  const a = await c.join('g', joinReq('', { requireKnownMemberId: false, sessionTimeoutMs: 100 }));
  await sync(c, a.memberId, 1, [{ memberId: a.memberId, assignment: Buffer.from('A') }]);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(c.heartbeat('g', a.memberId, null, 1), ErrorCode.NONE);
  assert.equal(c.group('g')?.state, 'Stable');
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(c.group('g')?.state, 'Empty');
  assert.equal(c.heartbeat('g', a.memberId, null, 1), ErrorCode.UNKNOWN_MEMBER_ID);
});

const commitAll = (c: GroupCoordinator, group: string, offset: bigint, retentionTimeMs = -1n) =>
  c.commitOffsets(
    group,
    { memberId: '', groupInstanceId: null, generationId: -1, retentionTimeMs },
    [0, 1].map((partition) => ({ topic: 't', partition, offset, leaderEpoch: 0, metadata: 'm' })),
  );

test('the metadata log replays commits and groups, and truncates a torn tail', async () => {
  const dir = tempDataDir();
  const c = coordinator(dir);
  commitAll(c, 'standalone', 7n);
  assert.deepEqual(commitAll(c, 'standalone', 1n).length, 2);
  assert.deepEqual(
    c.commitOffsets('standalone', { memberId: '', groupInstanceId: null, generationId: -1, retentionTimeMs: -1n }, [
      { topic: 'nope', partition: 0, offset: 1n, leaderEpoch: 0, metadata: null },
    ]),
    [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  );
  const member = await c.join('active', joinReq('', { requireKnownMemberId: false }));
  await sync(c, member.memberId, 1, [{ memberId: member.memberId, assignment: Buffer.from('A') }], 'active');
  // Simulate a crash mid-write: a partial entry after the last whole one.
  const file = path.join(dir, 'group-coordinator', 'group-metadata.log');
  fs.appendFileSync(file, Buffer.from([0, 0, 0, 40, 1, 2, 3]));

  const again = coordinator(dir);
  assert.deepEqual(again.fetchOffsets('standalone', null), [
    { name: 't', partitions: [0, 1].map((partition) => ({ partition, offset: 1n, leaderEpoch: 0, metadata: 'm', errorCode: 0 })) },
  ]);
  const restored = again.describe('active');
  assert.equal(restored.state, 'Stable');
  assert.equal(restored.members[0]?.assignment.toString(), 'A');
  assert.equal(again.heartbeat('active', member.memberId, null, 1), ErrorCode.NONE, 'a restored member keeps its generation');
  assert.deepEqual(
    again
      .listGroups()
      .map((g) => g.groupId)
      .sort(),
    ['active', 'standalone'],
  );
  commitAll(again, 'standalone', 9n);
  again.close();
  const third = coordinator(dir);
  assert.equal(third.fetchOffsets('standalone', [{ name: 't', partitions: [1] }])[0]?.partitions[0]?.offset, 9n, 'appends after a truncation replay too');
});

test('compaction keeps the log proportional to live offsets', () => {
  const dir = tempDataDir();
  const c = coordinator(dir);
  for (let i = 0; i < 5000; i++) commitAll(c, `g${i % 3}`, BigInt(i));
  const size = fs.statSync(path.join(dir, 'group-coordinator', 'group-metadata.log')).size;
  assert.ok(size < 200_000, `log is ${size} bytes after 10,000 commits of 6 keys`);
  c.close();
  const again = coordinator(dir);
  assert.equal(again.fetchOffsets('g1', [{ name: 't', partitions: [0] }])[0]?.partitions[0]?.offset, 4999n, 'g1 last committed at i = 4999');
});

test('retention expires offsets of empty groups; deleting a topic or group removes offsets', () => {
  const dir = tempDataDir();
  const c = coordinator(dir, { 'offsets.retention.minutes': '1' });
  commitAll(c, 'old', 1n);
  commitAll(c, 'short', 1n, 10n);
  commitAll(c, 'kept', 1n);
  const now = BigInt(Date.now());
  assert.equal(c.expireOffsets(now + 1000n), 3, 'the explicit 10 ms retention: two offsets and the group');
  assert.equal(c.group('short'), undefined);
  assert.equal(c.expireOffsets(now + 61_000n), 6);
  assert.deepEqual(c.listGroups(), []);

  commitAll(c, 'a', 2n);
  c.commitOffsets('a', { memberId: '', groupInstanceId: null, generationId: -1, retentionTimeMs: -1n }, [
    { topic: 'tother', partition: 0, offset: 4n, leaderEpoch: 0, metadata: null },
  ]);
  c.onTopicDeleted('t');
  assert.deepEqual(
    c.fetchOffsets('a', null).map((t) => t.name),
    ['tother'],
  );
  assert.equal(c.deleteGroup('a'), ErrorCode.NONE);
  assert.equal(c.deleteGroup('a'), ErrorCode.GROUP_ID_NOT_FOUND);
  c.close();
  const again = coordinator(dir);
  assert.deepEqual(again.listGroups(), []);
});

test('OffsetDelete refuses topics an active consumer group subscribes to', async () => {
  const c = coordinator();
  // ConsumerProtocolSubscription v0 with topics ["t1"].
  const subscription = Buffer.from([0, 0, 0, 0, 0, 1, 0, 2, 0x74, 0x31, 0xff, 0xff, 0xff, 0xff]);
  const m = await c.join('g', joinReq('', { requireKnownMemberId: false, protocols: [{ name: 'range', metadata: subscription }] }));
  await sync(c, m.memberId, 1, [{ memberId: m.memberId, assignment: Buffer.alloc(0) }]);
  c.commitOffsets('g', { memberId: m.memberId, groupInstanceId: null, generationId: 1, retentionTimeMs: -1n }, [
    { topic: 't1', partition: 0, offset: 1n, leaderEpoch: 0, metadata: null },
    { topic: 't2', partition: 0, offset: 1n, leaderEpoch: 0, metadata: null },
  ]);
  const result = c.deleteOffsets('g', [
    { name: 't1', partitions: [0] },
    { name: 't2', partitions: [0] },
  ]);
  assert.deepEqual(
    result.topics.map((t) => [t.name, t.partitions[0]?.errorCode]),
    [
      ['t1', ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC],
      ['t2', 0],
    ],
  );
  assert.deepEqual(
    c.fetchOffsets('g', null).map((t) => t.name),
    ['t1'],
  );
  assert.equal(c.deleteOffsets('missing', []).errorCode, ErrorCode.GROUP_ID_NOT_FOUND);
});
