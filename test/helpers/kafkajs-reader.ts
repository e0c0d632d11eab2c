/**
 * Reads a partition without a consumer group, through kafkajs's internal Cluster and
 * Broker.fetch (kafkajs's public API has no group-less consumer). Tests use it to read back
 * exactly what was stored, as the console's free consumer does.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-require-imports */
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

export async function readPartition(bootstrap: string, topic: string, partition: number, fromOffset: bigint, maxMessages: number): Promise<ReadMessage[]> {
  const cluster = new Cluster({
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }),
    socketFactory: socketFactory(),
    brokers: [bootstrap],
    clientId: 'kayak-test-reader',
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
    const nodeId = Object.keys(leaders)[0];
    const broker = await cluster.findBroker({ nodeId });
    const out: ReadMessage[] = [];
    let offset = fromOffset;
    while (out.length < maxMessages) {
      const response = await broker.fetch({
        replicaId: -1,
        isolationLevel: 1,
        maxWaitTime: 100,
        minBytes: 1,
        maxBytes: 10 * 1024 * 1024,
        topics: [{ topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: 1024 * 1024 }] }],
      });
      const partitionData = response.responses[0].partitions[0];
      const batch = new Batch(topic, offset.toString(), partitionData);
      if (batch.isEmptyIncludingFiltered()) break;
      for (const m of batch.messages) out.push(m);
      offset = BigInt(batch.lastOffset()) + 1n;
    }
    return out.slice(0, maxMessages);
  } finally {
    await cluster.disconnect();
  }
}
