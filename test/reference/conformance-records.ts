/** Conformance sequences: produce and fetch edge cases, list offsets, delete records, leader epochs, log dirs, the cluster. */
import { buildBatch } from '../../broker/log/batch-builder.ts';
import type { Target } from './conformance-client.ts';
import { createTopics, topic, type Sequence } from './conformance-topics.ts';

const ZERO_UUID = Buffer.alloc(16);
/** Fixed record timestamps, an hour back so Kafka 4's message.timestamp.after.max.ms never applies. */
const T0 = BigInt(Math.floor((Date.now() - 3_600_000) / 1000) * 1000);

const batch = (from: number, n: number): Buffer =>
  buildBatch(Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}`, timestamp: T0 + BigInt((from + i) * 1000) })));

export const produce = (t: Target, label: string, name: string, partition: number, records: Buffer | null, acks = -1) =>
  t.call(label, 'Produce', { transactionalId: null, acks, timeoutMs: 30_000, topicData: [{ name, partitionData: [{ index: partition, records }] }] });

const fetch = (t: Target, label: string, name: string, partition: number, fetchOffset: bigint, partitionMaxBytes = 1 << 20, isolationLevel = 0) =>
  t.call(
    label,
    'Fetch',
    {
      clusterId: null,
      replicaId: -1,
      replicaState: { replicaId: -1, replicaEpoch: -1n },
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 24,
      isolationLevel,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topic: name,
          topicId: ZERO_UUID,
          partitions: [
            { partition, currentLeaderEpoch: -1, fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes, replicaDirectoryId: ZERO_UUID },
          ],
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    },
    12,
  );

const listOffsets = (t: Target, label: string, name: string, partition: number, timestamp: bigint, isolationLevel = 0) =>
  t.call(label, 'ListOffsets', {
    replicaId: -1,
    isolationLevel,
    topics: [{ name, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }] }],
    timeoutMs: 30_000,
  });

const deleteRecords = (t: Target, label: string, name: string, partition: number, offset: bigint) =>
  t.call(label, 'DeleteRecords', { topics: [{ name, partitions: [{ partitionIndex: partition, offset }] }], timeoutMs: 30_000 });

export const recordSequences: Record<string, Sequence> = {
  async 'produce batches and fetch them back from the start, a batch boundary, mid-batch, the end and beyond'(t) {
    await createTopics(t, 'create', [topic('rec-fetch', 2)]);
    await produce(t, 'first batch', 'rec-fetch', 0, batch(0, 3));
    await produce(t, 'second batch', 'rec-fetch', 0, batch(3, 2));
    await produce(t, 'other partition, acks=1', 'rec-fetch', 1, batch(0, 1), 1);
    await fetch(t, 'from 0', 'rec-fetch', 0, 0n);
    await fetch(t, 'from the second batch', 'rec-fetch', 0, 3n);
    await fetch(t, 'from inside the second batch', 'rec-fetch', 0, 4n);
    await fetch(t, 'at the high watermark', 'rec-fetch', 0, 5n);
    await fetch(t, 'beyond the high watermark', 'rec-fetch', 0, 6n);
    await fetch(t, 'negative offset', 'rec-fetch', 0, -1n);
    await fetch(t, 'partition limit below one batch still returns it', 'rec-fetch', 0, 0n, 1);
    await fetch(t, 'read_committed', 'rec-fetch', 1, 0n, 1 << 20, 1);
    await fetch(t, 'unknown partition', 'rec-fetch', 7, 0n);
    await fetch(t, 'unknown topic', 'rec-no-such-topic', 0, 0n);
  },

  async 'produce errors: unknown topic and partition, corrupt batch, too large, bad acks, LogAppendTime'(t) {
    await createTopics(t, 'create', [
      topic('rec-errors', 1, { 'max.message.bytes': '200' }),
      topic('rec-append-time', 1, { 'message.timestamp.type': 'LogAppendTime' }),
    ]);
    await produce(t, 'unknown topic', 'rec-no-such-topic', 0, batch(0, 1));
    await produce(t, 'unknown partition', 'rec-errors', 5, batch(0, 1));
    const corrupt = Buffer.from(batch(0, 2));
    corrupt[corrupt.length - 2] = (corrupt[corrupt.length - 2] as number) ^ 0xff;
    await produce(t, 'CRC mismatch', 'rec-errors', 0, corrupt);
    await produce(t, 'larger than max.message.bytes', 'rec-errors', 0, buildBatch([{ key: 'k', value: 'x'.repeat(500), timestamp: T0 }]));
    await produce(t, 'acks=2', 'rec-errors', 0, batch(0, 1), 2);
    await produce(t, 'a good batch after all that', 'rec-errors', 0, batch(0, 2));
    await produce(t, 'LogAppendTime topic', 'rec-append-time', 0, batch(0, 2));
    await listOffsets(t, 'end offsets', 'rec-errors', 0, -1n);
  },

  async 'record timestamps: too far in the future, too old for the topic, allowed by the topic, LogAppendTime'(t) {
    const now = BigInt(Date.now());
    const hours = (h: number): bigint => now + BigInt(h * 3_600_000);
    const stamped = (...ts: bigint[]): Buffer => buildBatch(ts.map((timestamp, i) => ({ key: `k${i}`, value: `v${i}`, timestamp })));
    await createTopics(t, 'create', [
      topic('rec-ts', 1),
      topic('rec-ts-recent', 1, { 'message.timestamp.before.max.ms': '600000' }),
      topic('rec-ts-future', 1, { 'message.timestamp.after.max.ms': '9223372036854775807' }),
      topic('rec-ts-append', 1, { 'message.timestamp.type': 'LogAppendTime' }),
    ]);
    await produce(t, 'second record two hours ahead', 'rec-ts', 0, stamped(now, hours(2), now));
    await produce(t, 'two records ahead', 'rec-ts', 0, stamped(hours(3), now, hours(5)));
    await produce(t, 'within the hour ahead', 'rec-ts', 0, stamped(hours(0.5)));
    await produce(t, 'a year back (no lower bound by default)', 'rec-ts', 0, stamped(hours(-24 * 365)));
    await produce(t, 'an hour back on a topic allowing ten minutes', 'rec-ts-recent', 0, stamped(now, hours(-1)));
    await produce(t, 'a year ahead on a topic allowing any future', 'rec-ts-future', 0, stamped(hours(24 * 365)));
    await produce(t, 'a year ahead on a LogAppendTime topic', 'rec-ts-append', 0, stamped(hours(24 * 365)));
    await listOffsets(t, 'nothing refused was stored', 'rec-ts', 0, -1n);
  },

  async 'list offsets: earliest, latest, max timestamp, by timestamp, unknown partition, read_committed'(t) {
    await createTopics(t, 'create', [topic('rec-offsets', 1)]);
    await listOffsets(t, 'latest of an empty partition', 'rec-offsets', 0, -1n);
    await listOffsets(t, 'max timestamp of an empty partition', 'rec-offsets', 0, -3n);
    await produce(t, 'records', 'rec-offsets', 0, batch(0, 5));
    await listOffsets(t, 'earliest', 'rec-offsets', 0, -2n);
    await listOffsets(t, 'latest', 'rec-offsets', 0, -1n);
    await listOffsets(t, 'max timestamp', 'rec-offsets', 0, -3n);
    await listOffsets(t, 'exact timestamp', 'rec-offsets', 0, T0 + 2000n);
    await listOffsets(t, 'between timestamps', 'rec-offsets', 0, T0 + 2500n);
    await listOffsets(t, 'before all', 'rec-offsets', 0, T0 - 10_000n);
    await listOffsets(t, 'after all', 'rec-offsets', 0, T0 + 60_000n);
    await listOffsets(t, 'latest, read_committed', 'rec-offsets', 0, -1n, 1);
    await listOffsets(t, 'unknown partition', 'rec-offsets', 3, -1n);
    await listOffsets(t, 'unknown topic', 'rec-no-such-topic', 0, -1n);
  },

  async 'delete records: to an offset, to the high watermark, beyond it; fetch and list offsets afterwards'(t) {
    await createTopics(t, 'create', [topic('rec-delete', 1)]);
    await produce(t, 'records', 'rec-delete', 0, batch(0, 6));
    await deleteRecords(t, 'to offset 2', 'rec-delete', 0, 2n);
    await listOffsets(t, 'earliest is 2', 'rec-delete', 0, -2n);
    await fetch(t, 'fetch below the log start', 'rec-delete', 0, 0n);
    await fetch(t, 'fetch at the log start', 'rec-delete', 0, 2n);
    await deleteRecords(t, 'backwards is a no-op', 'rec-delete', 0, 1n);
    await deleteRecords(t, 'beyond the high watermark', 'rec-delete', 0, 99n);
    await deleteRecords(t, 'to the high watermark (-1)', 'rec-delete', 0, -1n);
    await listOffsets(t, 'earliest is the end', 'rec-delete', 0, -2n);
    await deleteRecords(t, 'unknown partition', 'rec-delete', 4, 0n);
    await deleteRecords(t, 'unknown topic', 'rec-no-such-topic', 0, 0n);
  },

  async 'offset for leader epoch, log dirs and the cluster'(t) {
    await createTopics(t, 'create', [topic('rec-epochs', 1)]);
    await produce(t, 'records', 'rec-epochs', 0, batch(0, 4));
    const epoch = (label: string, partition: number, leaderEpoch: number) =>
      t.call(label, 'OffsetForLeaderEpoch', {
        replicaId: -1,
        topics: [{ topic: 'rec-epochs', partitions: [{ partition, currentLeaderEpoch: -1, leaderEpoch }] }],
      });
    await epoch('epoch 0', 0, 0);
    await epoch('a later epoch', 0, 3);
    await epoch('unknown partition', 2, 0);
    await t.call('log dirs of the topic', 'DescribeLogDirs', { topics: [{ topic: 'rec-epochs', partitions: [0] }] });
    await t.call('describe cluster', 'DescribeCluster', { includeClusterAuthorizedOperations: false, endpointType: 1 });
  },
};
