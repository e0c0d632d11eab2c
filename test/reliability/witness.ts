/**
 * Well-behaved clients that run beside a hostile workload: a kafkajs producer (acks=all) and a
 * kafkajs group consumer on their own topic. At the end the consumer must have seen every
 * acknowledged record at its acknowledged offset, in order, with key, value and headers intact,
 * and nothing else; neither client may see an error.
 */
import kafkajs from 'kafkajs';
import { waitFor } from '../groups/group-helpers.ts';

const { Kafka, logLevel } = kafkajs;

export interface WitnessRecord {
  partition: number;
  offset: string;
  key: string;
  value: string;
  header: string;
}

export interface WitnessResult {
  acked: WitnessRecord[];
  consumed: WitnessRecord[];
  /** Errors either client reported (a failed send, a consumer crash). */
  errors: string[];
}

export interface Witness {
  topic: string;
  /** Stops producing, waits until the consumer caught up with every acked record, disconnects. */
  stop(): Promise<WitnessResult>;
}

const PARTITIONS = 2;

export async function startWitness(bootstrap: string, topic = 'witness', batchSize = 5, pauseMs = 20): Promise<Witness> {
  const kafka = new Kafka({ clientId: 'witness', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  // A session timeout inside the fuzz broker's narrow group.max.session.timeout.ms.
  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 500 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const result: WitnessResult = { acked: [], consumed: [], errors: [] };
  consumer.on(consumer.events.CRASH, (e) => void result.errors.push(`consumer crashed: ${e.payload.error.message}`));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      result.consumed.push({
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        header: message.headers?.n?.toString() ?? '',
      });
    },
  });
  let stopping = false;
  let n = 0;
  const loop = (async () => {
    while (!stopping) {
      const partition = n % PARTITIONS;
      const records = Array.from({ length: batchSize }, () => {
        const i = n++;
        return { key: `k${i}`, value: `witness-${i}-${'x'.repeat(i % 97)}`, header: String(i) };
      });
      try {
        const [meta] = await producer.send({
          topic,
          acks: -1,
          messages: records.map((r) => ({ partition, key: r.key, value: r.value, headers: { n: r.header } })),
        });
        const base = BigInt(meta?.baseOffset ?? '-1');
        records.forEach((r, i) => result.acked.push({ partition, offset: String(base + BigInt(i)), ...r }));
      } catch (err) {
        result.errors.push(`send failed: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    topic,
    async stop() {
      stopping = true;
      await loop;
      await producer.disconnect();
      // A consumer that never catches up fails the caller's comparison, which shows what is missing.
      await waitFor('the witness consumer to catch up', () => result.consumed.length >= result.acked.length, 30_000).catch(() => undefined);
      await consumer.disconnect();
      return result;
    },
  };
}

/** Sorted by partition, then offset: the order each partition's log holds them in. */
export function byPosition(records: readonly WitnessRecord[]): WitnessRecord[] {
  return [...records].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
