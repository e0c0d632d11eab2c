import 'server-only';
import {
  Admin,
  describeProducersV0,
  describeTransactionsV0,
  listTransactionsV0,
  listTransactionsV1,
  ResponseError,
  type Connection,
} from '@platformatic/kafka';
import { ApiError } from '../../api-error';
import type { ActiveProducerDto, ClusterRef, PartitionProducersDto, TransactionDto } from '../../dto';
import { kafkaErrorName } from './errors';
import { withPlatformaticAdmin } from './platformatic-admin';

/**
 * Transactions as Kafka's admin tools see them. kafkajs has no call for these APIs; the
 * @platformatic/kafka client has their codecs, sent here to the right brokers as Kafka's
 * AdminClient does: ListTransactions to every broker (each lists what it coordinates),
 * DescribeTransactions to that same coordinator, DescribeProducers to each partition's leader.
 * A cluster without an API answers 501 with what is missing, never an empty list.
 */
const API = { DescribeProducers: 61, DescribeTransactions: 65, ListTransactions: 66 } as const;

/** Highest version of `apiKey` the cluster supports, or a 501 naming the API. */
async function supported(admin: Admin, cluster: ClusterRef, name: keyof typeof API): Promise<number> {
  const api = (await admin.listApis()).find((a) => a.apiKey === API[name]);
  if (!api) {
    throw new ApiError(
      'unsupported',
      `Cluster "${cluster.name}" does not support ${name} (Kafka API ${API[name]}, Apache Kafka 3.0 and later), so the console cannot show its transactions.`,
    );
  }
  return api.maxVersion;
}

/** Kafka reports per-item errors inside a response; the client throws them with the response attached. */
async function keepingItemErrors<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ResponseError && e.response) return e.response as T;
    throw e;
  }
}

export async function listTransactions(cluster: ClusterRef): Promise<TransactionDto[]> {
  return withPlatformaticAdmin(cluster, async (admin) => {
    const listVersion = await supported(admin, cluster, 'ListTransactions');
    await supported(admin, cluster, 'DescribeTransactions');
    const connections = await admin.connectToBrokers(null);
    const now = Date.now();
    const perBroker = await Promise.all(
      [...connections].map(async ([nodeId, conn]) => {
        const listed =
          listVersion >= 1 ? await listTransactionsV1.api.async(conn, [], [], -1n, null) : await listTransactionsV0.api.async(conn, [], [], -1n, null);
        const ids = listed.transactionStates.map((t) => t.transactionalId);
        if (ids.length === 0) return [];
        const described = await keepingItemErrors(describeTransactionsV0.api.async(conn, ids));
        return described.transactionStates.map((t) => describe(t, nodeId, now));
      }),
    );
    return perBroker.flat().sort((a, b) => a.transactionalId.localeCompare(b.transactionalId));
  });
}

function describe(
  t: Awaited<ReturnType<typeof describeTransactionsV0.api.async>>['transactionStates'][number],
  coordinator: number,
  now: number,
): TransactionDto {
  const started = t.transactionStartTimeMs >= 0n ? t.transactionStartTimeMs : null;
  return {
    transactionalId: t.transactionalId,
    producerId: t.producerId.toString(),
    producerEpoch: t.producerEpoch,
    state: t.transactionState,
    timeoutMs: t.transactionTimeoutMs,
    startTimeMs: started === null ? null : started.toString(),
    ageMs: started === null ? null : Math.max(0, now - Number(started)),
    partitions: t.topics
      .flatMap((x) => x.partitions.map((partition) => ({ topic: x.topic, partition })))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
    coordinator,
    ...(t.errorCode !== 0 && { error: kafkaErrorName(t.errorCode) }),
  };
}

/** Active producers of every partition of `topic`, asked of each partition's leader. */
export async function topicProducers(cluster: ClusterRef, topic: string): Promise<PartitionProducersDto[]> {
  return withPlatformaticAdmin(cluster, async (admin) => {
    await supported(admin, cluster, 'DescribeProducers');
    // Asked by name first: Metadata for an unknown topic could create it where auto-creation is on.
    if (!(await admin.listTopics({ includeInternals: true })).includes(topic)) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    const meta = await admin.metadata({ topics: [topic] });
    const t = meta.topics.get(topic);
    if (!t) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    const byLeader = new Map<number, number[]>();
    t.partitions.forEach((p, i) => byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), i]));
    const connections = await admin.connectToBrokers([...byLeader.keys()].filter((l) => l >= 0));
    const out: PartitionProducersDto[] = [];
    for (const [leader, partitions] of byLeader) {
      const conn: Connection | undefined = connections.get(leader);
      if (!conn) {
        for (const partition of partitions) out.push({ partition, producers: [], error: 'no leader' });
        continue;
      }
      const res = await keepingItemErrors(describeProducersV0.api.async(conn, [{ name: topic, partitionIndexes: partitions }]));
      for (const p of res.topics.flatMap((x) => x.partitions)) {
        out.push({
          partition: p.partitionIndex,
          producers: p.activeProducers.map((a): ActiveProducerDto => ({
            producerId: a.producerId.toString(),
            producerEpoch: a.producerEpoch,
            lastSequence: a.lastSequence,
            lastTimestamp: a.lastTimestamp.toString(),
            coordinatorEpoch: a.coordinatorEpoch,
            currentTxnStartOffset: a.currentTxnStartOffset >= 0n ? a.currentTxnStartOffset.toString() : null,
          })),
          ...(p.errorCode !== 0 && { error: p.errorMessage ?? kafkaErrorName(p.errorCode) }),
        });
      }
    }
    return out.sort((a, b) => a.partition - b.partition);
  });
}
