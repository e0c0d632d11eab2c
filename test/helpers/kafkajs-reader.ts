/**
 * Reads a partition without a consumer group, through the console's own kafkajs Cluster module
 * (lib/server/kafka/kafkajs-cluster.ts: kafkajs's internal Cluster and Broker.fetch, as the free
 * consumer uses them). Tests use it to read back exactly what was stored.
 */
import { createKafkajsCluster, kafkajsMessages, READ_COMMITTED } from '../../lib/server/kafka/kafkajs-cluster.ts';

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
  const cluster = createKafkajsCluster({ brokers: [bootstrap], clientId: options.clientId ?? 'kayak-test-reader', requestTimeout: 30000, retries: 2 });
  await cluster.connect();
  try {
    await cluster.addMultipleTargetTopics([topic]);
    const leader = cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === partition)?.leader;
    if (leader === undefined) throw new Error(`${topic} has no partition ${partition}`);
    const broker = await cluster.findBroker({ nodeId: String(leader) });
    return {
      async read(from, count, onMessage) {
        let offset = from;
        let seen = 0;
        // Bounded: each round trip either advances the offset or ends the loop.
        while (seen < count) {
          const response = await broker.fetch({
            replicaId: -1,
            isolationLevel: READ_COMMITTED,
            maxWaitTime: options.maxWaitTime ?? 100,
            minBytes: 1,
            maxBytes: 10 * 1024 * 1024,
            topics: [{ topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: options.partitionMaxBytes ?? 1024 * 1024 }] }],
          });
          const batch = kafkajsMessages(topic, offset, response.responses[0]!.partitions[0]!);
          if (batch.empty) break;
          for (const m of batch.messages as ReadMessage[]) {
            if (seen >= count) break;
            seen++;
            onMessage(m);
          }
          offset = batch.lastOffset + 1n;
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
