/**
 * Reads a partition without a consumer group, through kafkajs's internal Cluster and
 * Broker.fetch (kafkajs's public API has no group-less consumer). Tests use it to read back
 * exactly what was stored, as the console's free consumer does.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Cluster = require('kafkajs/src/cluster');
const { createLogger, LEVELS } = require('kafkajs/src/loggers');
const LoggerConsole = require('kafkajs/src/loggers/console');
const socketFactory = require('kafkajs/src/network/socketFactory');
const Batch = require('kafkajs/src/consumer/batch');

export interface ReadMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  headers: Record<string, Buffer | Buffer[] | undefined>;
}

export interface PartitionReader {
  /**
   * Reads from `from` until `count` records were seen or the partition has nothing more
   * within maxWaitTime; returns how many records were handed to `onMessage`.
   */
  read(from: bigint, count: number, onMessage: (m: ReadMessage) => void): Promise<number>;
  close(): Promise<void>;
}

export interface ReaderOptions {
  clientId?: string;
  /** Fetch long-poll wait when the partition has no new data. */
  maxWaitTime?: number;
  partitionMaxBytes?: number;
}

/** Connects to the partition's leader once; each read is a loop of Broker.fetch calls. */
export async function openPartitionReader(bootstrap: string, topic: string, partition: number, options: ReaderOptions = {}): Promise<PartitionReader> {
  const cluster = new Cluster({
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }),
    socketFactory: socketFactory(),
    brokers: [bootstrap],
    clientId: options.clientId ?? 'kayak-test-reader',
    connectionTimeout: 3000,
    requestTimeout: 30000,
    enforceRequestTimeout: true,
    metadataMaxAge: 300000,
    retry: { retries: 2 },
    allowAutoTopicCreation: false,
    isolationLevel: 1,
  });
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    const leaders = cluster.findLeaderForPartitions(topic, [partition]) as Record<string, number[]>;
    const broker = await cluster.findBroker({ nodeId: Object.keys(leaders)[0] });
    return {
      async read(from, count, onMessage) {
        let offset = from;
        let seen = 0;
        // Bounded: each round trip either advances the offset or ends the loop.
        while (seen < count) {
          const response = await broker.fetch({
            replicaId: -1,
            isolationLevel: 1,
            maxWaitTime: options.maxWaitTime ?? 100,
            minBytes: 1,
            maxBytes: 10 * 1024 * 1024,
            topics: [{ topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: options.partitionMaxBytes ?? 1024 * 1024 }] }],
          });
          const batch = new Batch(topic, offset.toString(), response.responses[0].partitions[0]);
          if (batch.isEmptyIncludingFiltered()) break;
          for (const m of batch.messages as ReadMessage[]) {
            if (seen >= count) break;
            seen++;
            onMessage(m);
          }
          offset = BigInt(batch.lastOffset()) + 1n;
        }
        return seen;
      },
      close: () => cluster.disconnect(),
    };
  } catch (err) {
    await cluster.disconnect();
    throw err;
  }
}

export async function readPartition(bootstrap: string, topic: string, partition: number, fromOffset: bigint, maxMessages: number): Promise<ReadMessage[]> {
  const reader = await openPartitionReader(bootstrap, topic, partition);
  try {
    const out: ReadMessage[] = [];
    await reader.read(fromOffset, maxMessages, (m) => out.push(m));
    return out;
  } finally {
    await reader.close();
  }
}
