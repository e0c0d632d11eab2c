/**
 * Broker-level configs this broker understands (set with `--config key=value`, reported by
 * DescribeConfigs on the BROKER resource). Several are the defaults topic configs inherit.
 * `readOnly` is what Kafka reports for the key (true where Kafka cannot change it at runtime);
 * it only shapes DescribeConfigs.
 */
import { type ConfigDef, LONG_MAX } from './config-def.ts';
import { parseIpOverrides } from '../connection-quotas.ts';

function ipOverridesError(value: string): string | null {
  try {
    parseIpOverrides(value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Accepted `authorizer.class.name` values: Kafka's class names and a short alias (one authorizer). */
export const AUTHORIZER_NAMES: readonly string[] = [
  '',
  'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'kafka.security.authorizer.AclAuthorizer',
  'standard',
];

const DEFS: ConfigDef[] = [
  { name: 'node.id', type: 'int', default: '1', min: 0, readOnly: true, doc: 'Id of this broker (also its controller id).' },
  { name: 'log.dirs', type: 'string', default: null, readOnly: true, doc: 'Directory holding the log data.' },
  { name: 'num.partitions', type: 'int', default: '1', min: 1, readOnly: true, doc: 'Default partition count for auto-created topics.' },
  { name: 'default.replication.factor', type: 'int', default: '1', min: 1, readOnly: true, doc: 'Default replication factor for auto-created topics.' },
  { name: 'auto.create.topics.enable', type: 'boolean', default: 'true', readOnly: true, doc: 'Create unknown topics on Metadata/Produce requests.' },
  { name: 'delete.topic.enable', type: 'boolean', default: 'true', readOnly: true, doc: 'Whether DeleteTopics is allowed.' },
  {
    name: 'log.retention.hours',
    type: 'int',
    default: '168',
    min: -1,
    readOnly: true,
    doc: 'Hours to keep a segment (lowest precedence of the three retention keys).',
  },
  { name: 'log.retention.minutes', type: 'int', default: null, min: -1, readOnly: true, doc: 'Minutes to keep a segment; overrides log.retention.hours.' },
  { name: 'log.retention.ms', type: 'long', default: null, min: -1, doc: 'Milliseconds to keep a segment; overrides minutes and hours. -1 = forever.' },
  { name: 'log.retention.bytes', type: 'long', default: '-1', min: -1, doc: 'Maximum partition size before deleting old segments; -1 = unlimited.' },
  { name: 'log.retention.check.interval.ms', type: 'long', default: '300000', min: 1, readOnly: true, doc: 'How often retention is enforced.' },
  { name: 'log.segment.bytes', type: 'int', default: '1073741824', min: 14, doc: 'Maximum size of a segment file.' },
  { name: 'log.roll.hours', type: 'int', default: '168', min: 1, readOnly: true, doc: 'Hours after which a new segment is rolled.' },
  { name: 'log.roll.ms', type: 'long', default: null, min: 1, doc: 'Milliseconds after which a new segment is rolled; overrides log.roll.hours.' },
  { name: 'log.roll.jitter.hours', type: 'int', default: '0', min: 0, readOnly: true, doc: 'Maximum roll jitter in hours.' },
  { name: 'log.roll.jitter.ms', type: 'long', default: null, min: 0, doc: 'Maximum roll jitter in ms; overrides hours.' },
  { name: 'log.index.interval.bytes', type: 'int', default: '4096', min: 0, doc: 'Bytes appended between two index entries.' },
  { name: 'log.index.size.max.bytes', type: 'int', default: '10485760', min: 4, doc: 'Maximum offset index size per segment.' },
  { name: 'log.cleanup.policy', type: 'list', default: 'delete', validValues: ['delete', 'compact'], doc: 'Default cleanup policy for topics.' },
  { name: 'log.cleaner.enable', type: 'boolean', default: 'true', readOnly: true, doc: 'Whether compaction runs for compacted topics.' },
  { name: 'log.cleaner.backoff.ms', type: 'long', default: '15000', min: 1, doc: 'How often the cleaner looks for compacted partitions to clean.' },
  { name: 'log.cleaner.delete.retention.ms', type: 'long', default: '86400000', min: 0, doc: 'How long tombstones are kept in compacted topics.' },
  { name: 'log.cleaner.min.cleanable.ratio', type: 'double', default: '0.5', min: 0, max: 1, doc: 'Minimum dirty ratio before compacting.' },
  { name: 'log.cleaner.min.compaction.lag.ms', type: 'long', default: '0', min: 0, doc: 'Minimum age of a record before it may be compacted.' },
  { name: 'log.cleaner.max.compaction.lag.ms', type: 'long', default: LONG_MAX, min: 1, doc: 'Maximum age of an uncompacted record.' },
  { name: 'log.segment.delete.delay.ms', type: 'long', default: '60000', min: 0, doc: 'Delay before a deleted segment file is removed.' },
  {
    name: 'log.flush.interval.messages',
    type: 'long',
    default: LONG_MAX,
    min: 1,
    doc: 'fsync after this many messages (default: off, rely on the page cache).',
  },
  { name: 'log.flush.interval.ms', type: 'long', default: null, min: 0, doc: 'fsync after this many ms; falls back to log.flush.scheduler.interval.ms.' },
  {
    name: 'log.flush.scheduler.interval.ms',
    type: 'long',
    default: LONG_MAX,
    min: 0,
    readOnly: true,
    doc: 'How often the flusher checks whether a log needs an fsync.',
  },
  { name: 'log.preallocate', type: 'boolean', default: 'false', doc: 'Preallocate segment files.' },
  {
    name: 'log.message.timestamp.type',
    type: 'string',
    default: 'CreateTime',
    validValues: ['CreateTime', 'LogAppendTime'],
    doc: 'Default timestamp type for topics.',
  },
  { name: 'log.message.timestamp.before.max.ms', type: 'long', default: LONG_MAX, min: 0, doc: 'Maximum CreateTime lag behind the broker clock.' },
  { name: 'log.message.timestamp.after.max.ms', type: 'long', default: '3600000', min: 0, doc: 'Maximum CreateTime lead over the broker clock.' },
  { name: 'log.local.retention.bytes', type: 'long', default: '-2', min: -2, doc: 'Default local.retention.bytes (tiered storage; no effect here).' },
  { name: 'log.local.retention.ms', type: 'long', default: '-2', min: -2, doc: 'Default local.retention.ms (tiered storage; no effect here).' },
  { name: 'compression.gzip.level', type: 'int', default: '-1', doc: 'Default gzip level.' },
  { name: 'compression.lz4.level', type: 'int', default: '9', min: 1, max: 17, doc: 'Default lz4 level.' },
  { name: 'compression.zstd.level', type: 'int', default: '3', min: -131072, max: 22, doc: 'Default zstd level.' },
  { name: 'message.max.bytes', type: 'int', default: '1048588', min: 0, doc: 'Largest record batch size the broker accepts.' },
  {
    name: 'compression.type',
    type: 'string',
    default: 'producer',
    validValues: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'],
    doc: 'Default final compression type.',
  },
  { name: 'min.insync.replicas', type: 'int', default: '1', min: 1, doc: 'Default minimum in-sync replicas.' },
  { name: 'unclean.leader.election.enable', type: 'boolean', default: 'false', doc: 'Allow unclean leader election.' },
  {
    name: 'socket.request.max.bytes',
    type: 'int',
    default: '104857600',
    min: 1,
    readOnly: true,
    doc: 'Largest request frame accepted; bigger frames close the connection.',
  },
  {
    name: 'sasl.server.max.receive.size',
    type: 'int',
    default: '524288',
    min: 1,
    readOnly: true,
    doc: 'Largest frame accepted on a SASL listener before authentication; bigger frames close the connection.',
  },
  {
    name: 'connections.max.idle.ms',
    type: 'long',
    default: '600000',
    readOnly: true,
    doc: 'Close connections with no reads or writes (or an unfinished frame) for this long; -1 = never.',
  },
  {
    name: 'connection.failed.authentication.delay.ms',
    type: 'int',
    default: '100',
    min: 0,
    readOnly: true,
    doc: 'Delay before the error reply and close after a failed SASL login.',
  },
  {
    name: 'max.connections',
    type: 'int',
    default: '2147483647',
    min: 0,
    doc: 'Most connections the broker accepts across listeners; beyond it new connections are closed at once.',
  },
  {
    name: 'max.connections.per.ip',
    type: 'int',
    default: '2147483647',
    min: 0,
    doc: 'Most connections from one IP address; beyond it new connections are closed at once.',
  },
  {
    name: 'max.connections.per.ip.overrides',
    type: 'string',
    default: '',
    check: ipOverridesError,
    doc: 'Per-IP or per-host limits as host:count[,host:count], replacing max.connections.per.ip for those addresses.',
  },
  {
    name: 'kayak.max.partitions.per.request',
    type: 'int',
    default: '10000',
    min: 1,
    doc: 'Most partitions one CreateTopics or CreatePartitions request may create (POLICY_VIOLATION beyond).',
  },
  {
    name: 'kayak.max.partitions',
    type: 'int',
    default: '100000',
    min: 1,
    doc: 'Most partitions the broker holds in total; creations beyond fail with POLICY_VIOLATION.',
  },
  { name: 'offsets.retention.minutes', type: 'int', default: '10080', min: 1, readOnly: true, doc: 'How long committed offsets of an empty group are kept.' },
  {
    name: 'offsets.retention.check.interval.ms',
    type: 'long',
    default: '600000',
    min: 1,
    readOnly: true,
    doc: 'How often expired committed offsets are removed.',
  },
  { name: 'offset.metadata.max.bytes', type: 'int', default: '4096', min: 0, readOnly: true, doc: 'Largest metadata string an offset commit may carry.' },
  { name: 'offsets.topic.num.partitions', type: 'int', default: '50', min: 1, readOnly: true, doc: 'Partitions of the offsets topic.' },
  {
    name: 'offsets.topic.replication.factor',
    type: 'short',
    default: '1',
    min: 1,
    readOnly: true,
    doc: 'Replication factor of the offsets topic (single node).',
  },
  {
    name: 'group.initial.rebalance.delay.ms',
    type: 'int',
    default: '3000',
    min: 0,
    readOnly: true,
    doc: 'Delay before the first rebalance of an empty group.',
  },
  { name: 'group.min.session.timeout.ms', type: 'int', default: '6000', min: 0, readOnly: true, doc: 'Smallest session timeout a member may request.' },
  { name: 'group.max.session.timeout.ms', type: 'int', default: '1800000', min: 0, readOnly: true, doc: 'Largest session timeout a member may request.' },
  {
    name: 'group.consumer.session.timeout.ms',
    type: 'int',
    default: '45000',
    min: 1,
    readOnly: true,
    doc: 'Session timeout of consumer-protocol (KIP-848) group members: a member that does not heartbeat for this long is removed.',
  },
  {
    name: 'group.consumer.heartbeat.interval.ms',
    type: 'int',
    default: '5000',
    min: 1,
    readOnly: true,
    doc: 'Heartbeat interval the coordinator gives consumer-protocol (KIP-848) group members.',
  },
  {
    name: 'transactional.id.expiration.ms',
    type: 'int',
    default: '604800000',
    min: 1,
    readOnly: true,
    doc: 'Idle time after which a transactional id expires.',
  },
  { name: 'transaction.max.timeout.ms', type: 'int', default: '900000', min: 1, readOnly: true, doc: 'Largest transaction timeout a producer may ask for.' },
  {
    name: 'transaction.abort.timed.out.transaction.cleanup.interval.ms',
    type: 'int',
    default: '10000',
    min: 1,
    readOnly: true,
    doc: 'How often transactions past their timeout are aborted.',
  },
  {
    name: 'transaction.remove.expired.transaction.cleanup.interval.ms',
    type: 'int',
    default: '3600000',
    min: 1,
    readOnly: true,
    doc: 'How often expired transactional ids are removed.',
  },
  {
    name: 'transaction.state.log.replication.factor',
    type: 'short',
    default: '1',
    min: 1,
    readOnly: true,
    doc: 'Replication factor of the transaction state topic (single node).',
  },
  { name: 'transaction.state.log.min.isr', type: 'int', default: '1', min: 1, readOnly: true, doc: 'min.insync.replicas of the transaction state topic.' },
  { name: 'producer.id.expiration.ms', type: 'int', default: '86400000', min: 1, doc: 'Idle time after which producer id state expires.' },
  {
    name: 'authorizer.class.name',
    type: 'string', // Kafka declares it a STRING, not a CLASS
    default: '',
    readOnly: true,
    check: (v) => (AUTHORIZER_NAMES.includes(v) ? null : `Only ${AUTHORIZER_NAMES.filter(Boolean).join(', ')} (or empty for none) are available`),
    doc: 'The authorizer: StandardAuthorizer (alias "standard") enables ACLs; empty allows every request.',
  },
  { name: 'super.users', type: 'string', default: null, readOnly: true, doc: 'Principals allowed everything, separated by semicolons (User:admin;User:ops).' },
  {
    name: 'allow.everyone.if.no.acl.found',
    type: 'boolean',
    default: 'false',
    readOnly: true,
    doc: 'Allow access to resources no ACL applies to (with an authorizer).',
  },
  {
    name: 'producer.id.expiration.check.interval.ms',
    type: 'int',
    default: '600000',
    min: 1,
    readOnly: true,
    doc: 'How often expired producer id state is removed.',
  },
  { name: 'fetch.max.bytes', type: 'int', default: '57671680', min: 1024, readOnly: true, doc: 'Largest response a Fetch request may return.' },
];

export const BROKER_CONFIGS: ReadonlyMap<string, ConfigDef> = new Map(DEFS.map((d) => [d.name, d]));
export const BROKER_CONFIG_NAMES: readonly string[] = DEFS.map((d) => d.name);

/** Accepted spellings mapped to Kafka's key (`allow.auto.create.topics` is a client-side name). */
export const BROKER_CONFIG_ALIASES: ReadonlyMap<string, string> = new Map([
  ['allow.auto.create.topics', 'auto.create.topics.enable'],
  ['broker.id', 'node.id'],
  ['log.dir', 'log.dirs'],
]);

export const canonicalBrokerKey = (name: string): string => BROKER_CONFIG_ALIASES.get(name) ?? name;

// Typed view of the effective broker config; re-exported here so callers need one import.
export { BrokerConfig, resolveBrokerConfig } from './broker-config.ts';
