/**
 * kafkajs helpers for the bench: topic setup, end offsets (the correctness check), and a
 * group-less reader: test/helpers/kafkajs-reader.ts, over the console's own kafkajs Cluster
 * module (lib/server/kafka/kafkajs-cluster.ts, the free consumer's path).
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { openPartitionReader } from '../../test/helpers/kafkajs-reader.ts';

export function kafka(bootstrap: string, clientId = 'kayak-bench'): Kafka {
  return new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}

export async function withAdmin<T>(bootstrap: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(bootstrap: string, topic: string, config: Record<string, string> = {}): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: Object.entries(config).map(([name, value]) => ({ name, value })) }],
    });
  });
}

/** Log end offset of partition 0: the number of records stored when the log started at 0. */
export async function endOffset(bootstrap: string, topic: string): Promise<number> {
  return withAdmin(bootstrap, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return Number(offsets.find((o) => o.partition === 0)?.high ?? -1);
  });
}

export interface FreeReader {
  /** Reads from `from` until `count` records were seen; returns records seen and value bytes. */
  read(from: bigint, count: number, onMessage?: (m: { offset: string; value: Buffer | null }) => void): Promise<{ records: number; bytes: number }>;
  close(): Promise<void>;
}

/** The tests' group-less partition reader on partition 0, with larger fetches for throughput. */
export async function openFreeReader(bootstrap: string, topic: string, maxWaitTime = 100): Promise<FreeReader> {
  const reader = await openPartitionReader(bootstrap, topic, 0, { clientId: 'kayak-bench-reader', maxWaitTime, partitionMaxBytes: 4 * 1024 * 1024 });
  return {
    async read(from, count, onMessage) {
      let bytes = 0;
      const records = await reader.read(from, count, (m) => {
        bytes += m.value?.length ?? 0;
        onMessage?.(m);
      });
      return { records, bytes };
    },
    close: () => reader.close(),
  };
}
