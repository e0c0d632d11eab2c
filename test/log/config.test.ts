import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBrokerConfig, validateTopicConfig, parseBrokerOverrides } from '../../broker/config/validate-config.ts';
import { describeTopicConfig, describeTopicConfigs, effectiveTopicConfig } from '../../broker/config/resolve-config.ts';
import { ConfigSource } from '../../broker/config/config-def.ts';
import { TOPIC_CONFIGS } from '../../broker/config/topic-configs.ts';
import { resolveBrokerConfig } from '../../broker/config/broker-configs.ts';
import { resolveLogConfig } from '../../broker/log/log-config.ts';

test('topic config validation accepts good values and rejects bad ones with messages', () => {
  for (const [k, v] of [
    ['cleanup.policy', 'compact,delete'],
    ['retention.ms', '-1'],
    ['segment.bytes', '14'],
    ['min.cleanable.dirty.ratio', '0.1'],
    ['message.timestamp.type', 'LogAppendTime'],
    ['preallocate', 'TRUE'],
    ['flush.messages', '9223372036854775807'],
    ['leader.replication.throttled.replicas', '0:1,1:1'],
    ['follower.replication.throttled.replicas', '*'],
    ['compression.type', 'zstd'],
  ] as const) {
    assert.equal(validateTopicConfig(k, v), null, `${k}=${v}`);
  }
  for (const [k, v] of [
    ['cleanup.policy', ''],
    ['retention.ms', '-2'],
    ['segment.bytes', '13'],
    ['segment.bytes', '1e9'],
    ['min.cleanable.dirty.ratio', '1.5'],
    ['message.timestamp.type', 'createtime'],
    ['preallocate', 'yes'],
    ['flush.messages', '9223372036854775808'],
    ['max.message.bytes', '2147483648'],
    ['leader.replication.throttled.replicas', 'all'],
    ['compression.type', 'brotli'],
    ['bogus.key', '1'],
  ] as const) {
    const err = validateTopicConfig(k, v);
    assert.equal(typeof err, 'string', `${k}=${v}`);
    assert.ok(err!.includes(k), err!);
  }
  assert.equal(validateTopicConfig('retention.ms', null), null);
  assert.match(validateTopicConfig('nope', null)!, /Unknown/);
});

test('broker config validation and aliases', () => {
  assert.equal(validateBrokerConfig('allow.auto.create.topics', 'false'), null);
  assert.equal(validateBrokerConfig('num.partitions', '3'), null);
  assert.notEqual(validateBrokerConfig('num.partitions', '0'), null);
  assert.notEqual(validateBrokerConfig('made.up', '0'), null);
  assert.deepEqual(
    [...parseBrokerOverrides(['broker.id=2', 'allow.auto.create.topics=false'])],
    [
      ['node.id', '2'],
      ['auto.create.topics.enable', 'false'],
    ],
  );
  assert.throws(() => parseBrokerOverrides(['num.partitions']), /key=value/);
  assert.throws(() => resolveBrokerConfig(new Map([['message.max.bytes', 'big']])), /message.max.bytes/);
});

test('every topic config has a valid default', () => {
  for (const def of TOPIC_CONFIGS.values()) {
    if (def.default !== null) assert.equal(validateTopicConfig(def.name, def.default), null, def.name);
  }
  const all = effectiveTopicConfig(new Map(), { static: new Map() });
  assert.equal(all.get('retention.ms'), '604800000');
  assert.equal(all.get('max.message.bytes'), '1048588');
  assert.equal(all.get('index.interval.bytes'), '4096');
});

test('resolution precedence and sources: topic > dynamic default > static > default', () => {
  const broker = {
    static: new Map([
      ['log.retention.minutes', '10'],
      ['log.segment.bytes', '5000'],
    ]),
    dynamicDefault: new Map([['log.segment.bytes', '7000']]),
  };
  const r = describeTopicConfig('retention.ms', new Map(), broker);
  assert.equal(r.value, '600000');
  assert.equal(r.source, ConfigSource.STATIC_BROKER_CONFIG);
  // Kafka lists synonyms from the primary broker key (log.retention.ms) on; it is unset here.
  assert.deepEqual(
    r.synonyms.map((s) => s.name),
    [],
  );
  const seg = describeTopicConfig('segment.bytes', new Map(), broker);
  assert.deepEqual([seg.value, seg.source], ['7000', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]);
  const own = describeTopicConfig('segment.bytes', new Map([['segment.bytes', '9000']]), broker);
  assert.deepEqual([own.value, own.source, own.isDefault, own.synonyms.length], ['9000', ConfigSource.DYNAMIC_TOPIC_CONFIG, false, 4]);
  const def = describeTopicConfig('follower.replication.throttled.replicas', new Map(), broker);
  assert.deepEqual([def.value, def.source, def.isDefault, def.readOnly, def.isSensitive, def.typeCode], ['', 5, true, false, false, 7]);
  assert.ok(def.documentation.length > 0);
  const infinite = describeTopicConfig('retention.ms', new Map(), { static: new Map([['log.retention.hours', '-1']]) });
  assert.equal(infinite.value, '-1');
  assert.equal(describeTopicConfigs(new Map(), broker, ['retention.ms', 'not.a.config']).length, 1);
  const lc = resolveLogConfig(
    new Map([
      ['cleanup.policy', 'compact,delete'],
      ['message.timestamp.type', 'LogAppendTime'],
    ]),
    broker,
  );
  assert.deepEqual([lc.cleanupCompact, lc.cleanupDelete, lc.logAppendTime, lc.segmentBytes, lc.retentionMs], [true, true, true, 7000, 600000n]);
});
