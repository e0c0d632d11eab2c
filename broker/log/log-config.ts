/**
 * The typed subset of topic configs a PartitionLog acts on, built from the effective string
 * values computed by broker/config (topic override > broker setting > default).
 */
import type { TimestampBounds } from './timestamp-check.ts';
import { type BrokerConfigLayers, effectiveTopicConfig } from '../config/resolve-config.ts';

export interface LogConfig {
  segmentBytes: number;
  segmentMs: bigint;
  segmentIndexBytes: number;
  indexIntervalBytes: number;
  retentionMs: bigint;
  retentionBytes: bigint;
  maxMessageBytes: number;
  logAppendTime: boolean;
  /** CreateTime bounds, checked on client appends unless logAppendTime. */
  timestampBounds: TimestampBounds;
  cleanupDelete: boolean;
  cleanupCompact: boolean;
  flushMessages: bigint;
  flushMs: bigint;
  deleteRetentionMs: bigint;
  minCompactionLagMs: bigint;
  minCleanableDirtyRatio: number;
}

export function logConfigFrom(values: ReadonlyMap<string, string | null>): LogConfig {
  const str = (k: string): string => {
    const v = values.get(k);
    if (v == null) throw new Error(`missing effective value for ${k}`);
    return v.trim();
  };
  const policies = str('cleanup.policy')
    .split(',')
    .map((s) => s.trim());
  return {
    segmentBytes: Number(str('segment.bytes')),
    segmentMs: BigInt(str('segment.ms')),
    segmentIndexBytes: Number(str('segment.index.bytes')),
    indexIntervalBytes: Number(str('index.interval.bytes')),
    retentionMs: BigInt(str('retention.ms')),
    retentionBytes: BigInt(str('retention.bytes')),
    maxMessageBytes: Number(str('max.message.bytes')),
    logAppendTime: str('message.timestamp.type') === 'LogAppendTime',
    timestampBounds: { beforeMaxMs: BigInt(str('message.timestamp.before.max.ms')), afterMaxMs: BigInt(str('message.timestamp.after.max.ms')) },
    cleanupDelete: policies.includes('delete'),
    cleanupCompact: policies.includes('compact'),
    flushMessages: BigInt(str('flush.messages')),
    flushMs: BigInt(str('flush.ms')),
    deleteRetentionMs: BigInt(str('delete.retention.ms')),
    minCompactionLagMs: BigInt(str('min.compaction.lag.ms')),
    minCleanableDirtyRatio: Number(str('min.cleanable.dirty.ratio')),
  };
}

/** Effective LogConfig for a topic given its overrides and the broker's settings. */
export function resolveLogConfig(topicOverrides: ReadonlyMap<string, string> = new Map(), broker: BrokerConfigLayers = { static: new Map() }): LogConfig {
  return logConfigFrom(effectiveTopicConfig(topicOverrides, broker));
}
