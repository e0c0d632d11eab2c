/**
 * kafkajs helpers for the bench: topic setup, end offsets (the correctness check), and a
 * group-less reader through kafkajs internals (Cluster + broker.fetch + consumer/batch), the
 * same path the console's free consumer and test/helpers/kafkajs-reader.ts use.
 */
import { createRequire } from 'node:module';
import { Kafka, logLevel, type Admin } from 'kafkajs';

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-require-imports */
const Cluster = require('kafkajs/src/cluster');
const { createLogger, LEVELS } = require('kafkajs/src/loggers');
const LoggerConsole = require('kafkajs/src/loggers/console');
const socketFactory = require('kafkajs/src/network/socketFactory');
const Batch = require('kafkajs/src/consumer/batch');

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

interface InternalBroker {
  fetch(req: unknown): Promise<{ responses: { partitions: unknown[] }[] }>;
}

export interface FreeReader {
  /** Reads from `from` until `count` records were seen; returns records seen and value bytes. */
  read(topic: string, from: bigint, count: number, onMessage?: (m: { offset: string; value: Buffer | null }) => void): Promise<{ records: number; bytes: number }>;
  close(): Promise<void>;
}

export async function openFreeReader(bootstrap: string, topic: string, maxWaitTime = 100): Promise<FreeReader> {
  const cluster = new Cluster({
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }),
    socketFactory: socketFactory(),
    brokers: [bootstrap],
    clientId: 'kayak-bench-reader',
    connectionTimeout: 3000,
    requestTimeout: 30000,
    enforceRequestTimeout: true,
    metadataMaxAge: 300000,
    retry: { retries: 2 },
    allowAutoTopicCreation: false,
    isolationLevel: 1,
  });
  await cluster.connect();
  await cluster.addTargetTopic(topic);
  const leaders = cluster.findLeaderForPartitions(topic, [0]) as Record<string, number[]>;
  const broker: InternalBroker = await cluster.findBroker({ nodeId: Object.keys(leaders)[0] });
  return {
    async read(t, from, count, onMessage) {
      let offset = from;
      let records = 0;
      let bytes = 0;
      // Bounded: each round trip either advances the offset or ends the loop.
      while (records < count) {
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: 1,
          maxWaitTime,
          minBytes: 1,
          maxBytes: 10 * 1024 * 1024,
          topics: [{ topic: t, partitions: [{ partition: 0, fetchOffset: offset.toString(), maxBytes: 4 * 1024 * 1024 }] }],
        });
        const batch = new Batch(t, offset.toString(), response.responses[0]!.partitions[0]);
        if (batch.isEmptyIncludingFiltered()) break;
        for (const m of batch.messages as { offset: string; value: Buffer | null }[]) {
          if (records >= count) break;
          records++;
          bytes += m.value?.length ?? 0;
          onMessage?.(m);
        }
        offset = BigInt(batch.lastOffset()) + 1n;
      }
      return { records, bytes };
    },
    close: () => cluster.disconnect(),
  };
}
