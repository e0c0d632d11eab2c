/**
 * ListOffsets through wire.ts: the generated codec encodes the request for 10,000 topics in a
 * fraction of what kafkajs's per-topic encoders cost (the topic list's largest console-side cost
 * before). No `server-only`: plain requests the tests and the bench can make.
 */
import { encodeListOffsetsRequest, type ListOffsetsRequest } from '../../../broker/protocol/messages/list-offsets-request.ts';
import { decodeListOffsetsResponse, type ListOffsetsResponse } from '../../../broker/protocol/messages/list-offsets-response.ts';
import type { KafkaBroker } from './kafkajs-cluster';
import { send, throwIfError, type WireApi } from './wire';

/** v2 is the first with an isolation level; v7 the last before fields the console does not use. */
const ListOffsets: WireApi<ListOffsetsRequest, ListOffsetsResponse> = {
  apiKey: 2,
  minVersion: 2,
  maxVersion: 7,
  encode: encodeListOffsetsRequest,
  decode: decodeListOffsetsResponse,
};

/** Kafka's special timestamps: the log start, the end (the LSO under READ_COMMITTED), the max-timestamp record. */
export const EARLIEST = -2n;
export const LATEST = -1n;

/**
 * One ListOffsets on one broker for many partitions (each at `timestamp`); `found` is called
 * with each partition's offset (-1 when a timestamp finds none), so a 10,000-topic answer builds
 * no map of its own. A partition's error throws, as kafkajs's did.
 */
export async function listOffsetsOn(
  broker: KafkaBroker,
  perTopic: ReadonlyMap<string, number[]>,
  timestamp: bigint,
  isolationLevel: number,
  found: (topic: string, partition: number, offset: bigint) => void,
): Promise<void> {
  const topics: ListOffsetsRequest['topics'] = [];
  perTopic.forEach((partitions, name) => {
    topics.push({ name, partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 })) });
  });
  const res = await send(broker, ListOffsets, { replicaId: -1, isolationLevel, topics, timeoutMs: 0 });
  for (const t of res.topics) {
    for (const p of t.partitions) {
      throwIfError(p.errorCode);
      found(t.name, p.partitionIndex, p.offset);
    }
  }
}
