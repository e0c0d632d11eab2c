/**
 * Supported topic-level configs (Kafka's LogConfig), with defaults and the broker-level keys each
 * inherits from. A topic override wins; otherwise the first broker synonym that is set; otherwise
 * the broker synonym's default; otherwise the default here.
 */
import { type ConfigDef, LONG_MAX } from './config-def.ts';

const throttledReplicas = (v: string): string | null =>
  /^\s*(\*|(\d+:\d+)(\s*,\s*\d+:\d+)*)?\s*$/.test(v)
    ? null
    : 'must be empty, "*", or a list of partitionId:brokerId pairs';

const DEFS: ConfigDef[] = [
  {
    name: 'cleanup.policy', type: 'list', default: 'delete', validValues: ['delete', 'compact'],
    doc: 'Retention policy for old segments: "delete" removes them by time/size, "compact" keeps the latest record per key.',
    synonyms: [{ name: 'log.cleanup.policy' }],
  },
  {
    name: 'compression.type', type: 'string', default: 'producer',
    validValues: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'],
    doc: 'Final compression type for the topic; "producer" keeps the codec the producer used.',
    synonyms: [{ name: 'compression.type' }],
  },
  {
    name: 'delete.retention.ms', type: 'long', default: '86400000', min: 0,
    doc: 'How long delete tombstones are kept for compacted topics.',
    synonyms: [{ name: 'log.cleaner.delete.retention.ms' }],
  },
  {
    name: 'file.delete.delay.ms', type: 'long', default: '60000', min: 0,
    doc: 'Time to wait before deleting a file from the filesystem.',
    synonyms: [{ name: 'log.segment.delete.delay.ms' }],
  },
  {
    name: 'flush.messages', type: 'long', default: LONG_MAX, min: 1,
    doc: 'Force an fsync of the log after this many messages (default: rely on the OS).',
    synonyms: [{ name: 'log.flush.interval.messages' }],
  },
  {
    name: 'flush.ms', type: 'long', default: LONG_MAX, min: 0,
    doc: 'Force an fsync of the log after this many milliseconds (default: rely on the OS).',
    synonyms: [{ name: 'log.flush.interval.ms' }, { name: 'log.flush.scheduler.interval.ms' }],
  },
  {
    name: 'follower.replication.throttled.replicas', type: 'list', default: '', check: throttledReplicas,
    doc: 'Replicas whose log replication is throttled on the follower side (accepted, no effect on a single node).',
  },
  {
    name: 'index.interval.bytes', type: 'int', default: '4096', min: 0,
    doc: 'How often (in bytes appended) an entry is added to the offset and time indexes.',
    synonyms: [{ name: 'log.index.interval.bytes' }],
  },
  {
    name: 'leader.replication.throttled.replicas', type: 'list', default: '', check: throttledReplicas,
    doc: 'Replicas whose log replication is throttled on the leader side (accepted, no effect on a single node).',
  },
  {
    name: 'max.compaction.lag.ms', type: 'long', default: LONG_MAX, min: 1,
    doc: 'Maximum time a message stays ineligible for compaction.',
    synonyms: [{ name: 'log.cleaner.max.compaction.lag.ms' }],
  },
  {
    name: 'max.message.bytes', type: 'int', default: '1048588', min: 0,
    doc: 'Largest record batch size allowed by this topic.',
    synonyms: [{ name: 'message.max.bytes' }],
  },
  {
    name: 'message.downconversion.enable', type: 'boolean', default: 'true',
    doc: 'Whether old consumers may receive down-converted batches (this broker only serves magic 2).',
    synonyms: [{ name: 'log.message.downconversion.enable' }],
  },
  {
    name: 'message.timestamp.after.max.ms', type: 'long', default: LONG_MAX, min: 0,
    doc: 'Largest allowed amount a CreateTime timestamp may be ahead of the broker clock.',
    synonyms: [{ name: 'log.message.timestamp.after.max.ms' }],
  },
  {
    name: 'message.timestamp.before.max.ms', type: 'long', default: LONG_MAX, min: 0,
    doc: 'Largest allowed amount a CreateTime timestamp may be behind the broker clock.',
    synonyms: [{ name: 'log.message.timestamp.before.max.ms' }],
  },
  {
    name: 'message.timestamp.difference.max.ms', type: 'long', default: LONG_MAX, min: 0,
    doc: 'Largest allowed difference between a CreateTime timestamp and the broker clock (deprecated).',
    synonyms: [{ name: 'log.message.timestamp.difference.max.ms' }],
  },
  {
    name: 'message.timestamp.type', type: 'string', default: 'CreateTime', validValues: ['CreateTime', 'LogAppendTime'],
    doc: 'Whether record timestamps are the producer create time or the broker append time.',
    synonyms: [{ name: 'log.message.timestamp.type' }],
  },
  {
    name: 'min.cleanable.dirty.ratio', type: 'double', default: '0.5', min: 0, max: 1,
    doc: 'Dirty-to-total ratio above which the log cleaner compacts a log.',
    synonyms: [{ name: 'log.cleaner.min.cleanable.ratio' }],
  },
  {
    name: 'min.compaction.lag.ms', type: 'long', default: '0', min: 0,
    doc: 'Minimum time a message stays uncompacted in the log.',
    synonyms: [{ name: 'log.cleaner.min.compaction.lag.ms' }],
  },
  {
    name: 'min.insync.replicas', type: 'int', default: '1', min: 1,
    doc: 'Minimum replicas that must acknowledge a write with acks=all.',
    synonyms: [{ name: 'min.insync.replicas' }],
  },
  {
    name: 'preallocate', type: 'boolean', default: 'false',
    doc: 'Whether to preallocate segment files (accepted; segments grow on demand here).',
    synonyms: [{ name: 'log.preallocate' }],
  },
  {
    name: 'retention.bytes', type: 'long', default: '-1', min: -1,
    doc: 'Maximum partition size before old segments are deleted; -1 means no size limit.',
    synonyms: [{ name: 'log.retention.bytes' }],
  },
  {
    name: 'retention.ms', type: 'long', default: '604800000', min: -1,
    doc: 'Maximum age of a segment (by its largest timestamp) before deletion; -1 means no time limit.',
    synonyms: [
      { name: 'log.retention.ms' },
      { name: 'log.retention.minutes', scale: 60_000 },
      { name: 'log.retention.hours', scale: 3_600_000 },
    ],
  },
  {
    name: 'segment.bytes', type: 'int', default: '1073741824', min: 14,
    doc: 'Segment file size; a new segment is rolled before a batch would exceed it.',
    synonyms: [{ name: 'log.segment.bytes' }],
  },
  {
    name: 'segment.index.bytes', type: 'int', default: '10485760', min: 4,
    doc: 'Maximum size of a segment offset index; a full index rolls the segment.',
    synonyms: [{ name: 'log.index.size.max.bytes' }],
  },
  {
    name: 'segment.jitter.ms', type: 'long', default: '0', min: 0,
    doc: 'Maximum random jitter subtracted from segment.ms (accepted, not applied).',
    synonyms: [{ name: 'log.roll.jitter.ms' }, { name: 'log.roll.jitter.hours', scale: 3_600_000 }],
  },
  {
    name: 'segment.ms', type: 'long', default: '604800000', min: 1,
    doc: 'Time after the first append after which the active segment is rolled.',
    synonyms: [{ name: 'log.roll.ms' }, { name: 'log.roll.hours', scale: 3_600_000 }],
  },
  {
    name: 'unclean.leader.election.enable', type: 'boolean', default: 'false',
    doc: 'Whether out-of-sync replicas may become leader (no effect on a single node).',
    synonyms: [{ name: 'unclean.leader.election.enable' }],
  },
];

export const TOPIC_CONFIGS: ReadonlyMap<string, ConfigDef> = new Map(DEFS.map((d) => [d.name, d]));
export const TOPIC_CONFIG_NAMES: readonly string[] = DEFS.map((d) => d.name);
