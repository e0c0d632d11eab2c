import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CLEAN_SHUTDOWN_FILE, LogManager } from '../../broker/log/log-manager.ts';
import { LogError } from '../../broker/log/errors.ts';
import { validateTopicName } from '../../broker/log/topic-name.ts';
import { ConfigSource } from '../../broker/config/config-def.ts';
import { makeSimpleBatch, splitBatches, tempDir } from './make-batch.ts';

const quiet = { info: () => {}, warn: () => {} };
const NOW = 1_700_000_000_000n;
const open = (dir: string, broker: Record<string, string> = {}): LogManager =>
  LogManager.open(dir, new Map(Object.entries(broker)), { logger: quiet, now: () => NOW });
const code = (c: number) => (e: unknown) => e instanceof LogError && e.errorCode === c;

test('topic names follow Kafka rules', () => {
  for (const ok of ['a', 'my.topic', 'my_topic-1', '__consumer_offsets', 'x'.repeat(249), '...']) assert.equal(validateTopicName(ok), null, ok);
  for (const bad of ['', '.', '..', 'x'.repeat(250), 'a b', 'ü', 'a/b', 'a:b']) assert.notEqual(validateTopicName(bad), null, bad);
});

test('create, produce, reopen cleanly: topics, ids, configs and data persist; cluster id is stable', () => {
  const dir = tempDir();
  const lm = open(dir);
  assert.match(lm.clusterId, /^[A-Za-z0-9_-]{22}$/);
  const t = lm.createTopic('orders.v1', 3, { 'retention.ms': '1000', 'cleanup.policy': 'delete' });
  assert.equal(t.topicId.length, 16);
  lm.createTopic('__consumer_offsets', 2);
  lm.partition('orders.v1', 2)!.append(makeSimpleBatch(4), NOW);
  assert.equal(lm.partition('orders.v1', 3), undefined);
  assert.ok(fs.existsSync(path.join(dir, 'orders.v1-2', '00000000000000000000.log')));
  lm.close();
  assert.ok(fs.existsSync(path.join(dir, CLEAN_SHUTDOWN_FILE)));

  const again = open(dir);
  assert.ok(again.openedClean);
  assert.ok(!fs.existsSync(path.join(dir, CLEAN_SHUTDOWN_FILE)), 'marker removed while running');
  assert.equal(again.clusterId, lm.clusterId);
  assert.deepEqual(
    again.topics().map((x) => x.name),
    ['__consumer_offsets', 'orders.v1'],
  );
  assert.ok(again.topic('__consumer_offsets')!.internal);
  const t2 = again.topic('orders.v1')!;
  assert.deepEqual(t2.topicId, t.topicId);
  assert.equal(again.topicById(t.topicId)?.name, 'orders.v1');
  assert.equal(t2.configs.get('retention.ms'), '1000');
  assert.equal(again.partition('orders.v1', 2)!.logEndOffset, 4n);
  assert.equal(splitBatches(again.partition('orders.v1', 2)!.read(0n, 1 << 20)).length, 1);
  again.close();
});

test('create errors: duplicate, bad name, bad partitions, bad configs; validateOnly writes nothing', () => {
  const lm = open(tempDir(), { 'num.partitions': '4' });
  lm.createTopic('a', 1);
  assert.throws(() => lm.createTopic('a', 1), code(36));
  assert.throws(() => lm.createTopic('bad name', 1), code(17));
  assert.throws(() => lm.createTopic('b', 0), code(37));
  assert.throws(() => lm.createTopic('b', 1, { 'retention.ms': 'soon' }), code(40));
  assert.throws(() => lm.createTopic('b', 1, { 'no.such.config': '1' }), code(40));
  assert.throws(() => lm.createTopic('b', 1, { 'cleanup.policy': 'delete,shred' }), code(40));
  lm.createTopic('c', 1, {}, true);
  assert.equal(lm.topic('c'), undefined);
  assert.equal(lm.createTopic('d', -1).partitions, 4);
  lm.close();
});

test('delete topic removes its directories; recreating gives a fresh log and id', () => {
  const dir = tempDir();
  const lm = open(dir);
  const first = lm.createTopic('t', 2);
  lm.partition('t', 0)!.append(makeSimpleBatch(3), NOW);
  lm.deleteTopic('t');
  assert.throws(() => lm.deleteTopic('t'), code(3));
  assert.equal(lm.topic('t'), undefined);
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.startsWith('t-')),
    [],
  );
  const second = lm.createTopic('t', 1);
  assert.ok(!second.topicId.equals(first.topicId));
  assert.equal(lm.partition('t', 0)!.logEndOffset, 0n);
  lm.close();
  const again = open(dir);
  assert.equal(again.topic('t')!.partitions, 1);
  again.close();
});

test('leftover partition dirs without metadata (interrupted create/delete) are swept at open', () => {
  const dir = tempDir();
  const lm = open(dir);
  lm.createTopic('keep', 1);
  lm.close();
  fs.mkdirSync(path.join(dir, 'ghost-0'));
  fs.mkdirSync(path.join(dir, 'keep-5'));
  fs.mkdirSync(path.join(dir, 'keep-0.abc-delete'));
  const again = open(dir);
  assert.deepEqual(
    fs
      .readdirSync(dir)
      .filter((f) => /-\d+$|-delete$/.test(f))
      .sort(),
    ['keep-0'],
  );
  again.close();
});

test('create partitions grows the topic and persists', () => {
  const dir = tempDir();
  const lm = open(dir);
  lm.createTopic('g', 1);
  assert.throws(() => lm.createPartitions('g', 1), code(37));
  assert.throws(() => lm.createPartitions('nope', 3), code(3));
  lm.createPartitions('g', 3);
  lm.partition('g', 2)!.append(makeSimpleBatch(1), NOW);
  lm.close();
  const again = open(dir);
  assert.equal(again.topic('g')!.partitions, 3);
  assert.equal(again.partition('g', 2)!.logEndOffset, 1n);
  again.close();
});

test('alter configs (replace and incremental) persist, apply to logs, and report sources', () => {
  const dir = tempDir();
  const lm = open(dir, { 'log.retention.hours': '24', 'message.max.bytes': '2000' });
  lm.createTopic('c', 1, { 'segment.bytes': '100000' });
  const entry = (name: string) => lm.describeTopicConfigs('c', [name])[0]!;
  assert.deepEqual([entry('segment.bytes').value, entry('segment.bytes').source], ['100000', ConfigSource.DYNAMIC_TOPIC_CONFIG]);
  assert.deepEqual([entry('retention.ms').value, entry('retention.ms').source], ['86400000', ConfigSource.STATIC_BROKER_CONFIG]);
  assert.deepEqual([entry('retention.bytes').value, entry('retention.bytes').isDefault], ['-1', true]);
  assert.throws(() => lm.partition('c', 0)!.append(makeSimpleBatch(2, { valueSize: 1000 }), NOW), code(10));

  lm.alterTopicConfig('c', new Map([['max.message.bytes', '100000']]));
  assert.equal(entry('segment.bytes').source, ConfigSource.DEFAULT_CONFIG, 'replace semantics dropped segment.bytes');
  lm.partition('c', 0)!.append(makeSimpleBatch(2, { valueSize: 1000 }), NOW);
  assert.throws(() => lm.alterTopicConfig('c', new Map([['max.message.bytes', '-5']])), code(40));

  lm.incrementalAlterTopicConfig('c', [
    { name: 'cleanup.policy', op: 'APPEND', value: 'compact' },
    { name: 'max.message.bytes', op: 'DELETE', value: null },
    { name: 'retention.ms', op: 'SET', value: '-1' },
  ]);
  assert.equal(entry('cleanup.policy').value, 'delete,compact');
  lm.incrementalAlterTopicConfig('c', [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }]);
  lm.close();
  const again = open(dir, { 'log.retention.hours': '24', 'message.max.bytes': '2000' });
  assert.deepEqual(Object.fromEntries(again.topic('c')!.configs), { 'cleanup.policy': 'compact', 'retention.ms': '-1' });
  again.close();
});

test('dynamic broker defaults override static ones and persist', () => {
  const dir = tempDir();
  const lm = open(dir, { 'allow.auto.create.topics': 'false', 'log.retention.ms': '5000' });
  assert.equal(lm.brokerConfig('auto.create.topics.enable'), 'false');
  lm.createTopic('x', 1);
  lm.alterBrokerDefaults(new Map([['log.retention.ms', '7000']]));
  const e = lm.describeTopicConfigs('x', ['retention.ms'])[0]!;
  assert.equal(e.value, '7000');
  assert.equal(e.source, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
  assert.deepEqual(
    e.synonyms.map((s) => [s.name, s.source]),
    [
      ['log.retention.ms', 3],
      ['log.retention.ms', 4],
      ['log.retention.hours', 5],
    ],
  );
  assert.throws(() => lm.alterBrokerDefaults(new Map([['log.retention.ms', 'x']])), code(40));
  lm.close();
  const again = open(dir);
  assert.equal(again.brokerConfig('log.retention.ms'), '7000');
  again.close();
});

test('unclean open (no marker) recovers torn partition tails', () => {
  const dir = tempDir();
  const lm = open(dir);
  lm.createTopic('u', 1);
  for (let i = 0; i < 5; i++) lm.partition('u', 0)!.append(makeSimpleBatch(2), NOW);
  // no close(): simulate kill -9, then a torn write
  fs.appendFileSync(path.join(dir, 'u-0', '00000000000000000000.log'), Buffer.alloc(70, 7));
  const again = open(dir);
  assert.equal(again.openedClean, false);
  assert.equal(again.partition('u', 0)!.logEndOffset, 10n);
  assert.equal(again.partition('u', 0)!.truncatedBytes, 70);
  again.close();
});

test('retention runs across all partitions', () => {
  const lm = open(tempDir());
  lm.createTopic('r', 2, { 'segment.bytes': '300', 'retention.bytes': '0' });
  for (let i = 0; i < 5; i++) lm.partition('r', 1)!.append(makeSimpleBatch(1, { valueSize: 100 }), NOW);
  assert.ok(lm.enforceRetention() > 0);
  assert.equal(lm.partition('r', 1)!.logStartOffset, 5n);
  lm.close();
});
