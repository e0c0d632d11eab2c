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
  // Kafka 4's compression levels (KIP-390): accepted and reported; batches are stored as the producer compressed them.
  {
    name: 'compression.gzip.level', type: 'int', default: '-1', check: (v) => (v === '-1' || (Number(v) >= 1 && Number(v) <= 9) ? null : 'must be -1 or between 1 and 9'),
    doc: 'Compression level for gzip when compression.type is gzip.',
    synonyms: [{ name: 'compression.gzip.level' }],
  },
  {
    name: 'compression.lz4.level', type: 'int', default: '9', min: 1, max: 17,
    doc: 'Compression level for lz4 when compression.type is lz4.',
    synonyms: [{ name: 'compression.lz4.level' }],
  },
  {
    name: 'compression.zstd.level', type: 'int', default: '3', min: -131072, max: 22,
    doc: 'Compression level for zstd when compression.type is zstd.',
    synonyms: [{ name: 'compression.zstd.level' }],
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
  // Tiered storage (KIP-405) keys, as Kafka 4 lists them; there is no remote storage here.
  {
    name: 'local.retention.bytes', type: 'long', default: '-2', min: -2,
    doc: 'Local log size to keep with tiered storage (-2: retention.bytes); no effect without remote storage.',
    synonyms: [{ name: 'log.local.retention.bytes' }],
  },
  {
    name: 'local.retention.ms', type: 'long', default: '-2', min: -2,
    doc: 'Local log age to keep with tiered storage (-2: retention.ms); no effect without remote storage.',
    synonyms: [{ name: 'log.local.retention.ms' }],
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
    name: 'message.timestamp.after.max.ms', type: 'long', default: '3600000', min: 0,
    doc: 'Largest allowed amount a CreateTime timestamp may be ahead of the broker clock.',
    synonyms: [{ name: 'log.message.timestamp.after.max.ms' }],
  },
  {
    name: 'message.timestamp.before.max.ms', type: 'long', default: LONG_MAX, min: 0,
    doc: 'Largest allowed amount a CreateTime timestamp may be behind the broker clock.',
    synonyms: [{ name: 'log.message.timestamp.before.max.ms' }],
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
    name: 'remote.log.copy.disable', type: 'boolean', default: 'false',
    doc: 'Stop copying segments to remote storage (no remote storage here).',
  },
  {
    name: 'remote.log.delete.on.disable', type: 'boolean', default: 'false',
    doc: 'Delete remote segments when tiered storage is disabled (no remote storage here).',
  },
  {
    name: 'remote.storage.enable', type: 'boolean', default: 'false',
    check: (v) => (v.trim().toLowerCase() === 'true' ? 'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.' : null),
    doc: 'Tiered storage for the topic; refused, as on a Kafka without a remote storage system.',
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
