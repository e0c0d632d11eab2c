import 'server-only';
import { Partitioners } from 'kafkajs';

/**
 * Where Kafka's default partitioner puts a keyed record: murmur2 of the key bytes, made
 * positive, modulo the partition count (Java's BuiltInPartitioner and kafkajs's
 * DefaultPartitioner agree), so the console finds a key where the application's producer put it.
 */
const murmur2 = Partitioners.DefaultPartitioner();

export function partitionForKey(topic: string, key: Buffer, partitionCount: number): number {
  return murmur2({
    topic,
    message: { key, value: null },
    partitionMetadata: Array.from({ length: partitionCount }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 })),
  });
}
