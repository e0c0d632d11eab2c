import 'server-only';
import { encodeDescribeProducersRequest, type DescribeProducersRequest } from '../../../broker/protocol/messages/describe-producers-request.ts';
import { decodeDescribeProducersResponse, type DescribeProducersResponse } from '../../../broker/protocol/messages/describe-producers-response.ts';
import { encodeDescribeTransactionsRequest, type DescribeTransactionsRequest } from '../../../broker/protocol/messages/describe-transactions-request.ts';
import {
  decodeDescribeTransactionsResponse,
  type DescribeTransactionsResponse,
  type TransactionState,
} from '../../../broker/protocol/messages/describe-transactions-response.ts';
import { encodeListTransactionsRequest, type ListTransactionsRequest } from '../../../broker/protocol/messages/list-transactions-request.ts';
import { decodeListTransactionsResponse, type ListTransactionsResponse } from '../../../broker/protocol/messages/list-transactions-response.ts';
import { ApiError } from '../../api-error';
import type { ActiveProducerDto, ClusterRef, PartitionProducersDto, TransactionDto } from '../../dto';
import { kafkaErrorName } from './errors';
import type { KafkaBroker, KafkaCluster } from './kafkajs-cluster';
import { withPooledCluster } from './kafkajs-pool';
import { anyBroker, brokerById, negotiatedVersion, nodeIds, send, throwIfError, UnsupportedApiError, type WireApi } from './wire';

/**
 * Transactions as Kafka's admin tools see them. kafkajs has no call for these APIs; they are sent
 * here with the generated codecs to the brokers Kafka's AdminClient asks: ListTransactions to
 * every broker (each lists what it coordinates), DescribeTransactions to each id's transaction
 * coordinator, DescribeProducers to each partition's leader. A cluster without an API answers
 * 501 with what is missing, never an empty list.
 */
const ListTransactions: WireApi<ListTransactionsRequest, ListTransactionsResponse> = {
  apiKey: 66,
  minVersion: 0,
  maxVersion: 1,
  encode: encodeListTransactionsRequest,
  decode: decodeListTransactionsResponse,
};
const DescribeTransactions: WireApi<DescribeTransactionsRequest, DescribeTransactionsResponse> = {
  apiKey: 65,
  minVersion: 0,
  maxVersion: 0,
  encode: encodeDescribeTransactionsRequest,
  decode: decodeDescribeTransactionsResponse,
};
const DescribeProducers: WireApi<DescribeProducersRequest, DescribeProducersResponse> = {
  apiKey: 61,
  minVersion: 0,
  maxVersion: 0,
  encode: encodeDescribeProducersRequest,
  decode: decodeDescribeProducersResponse,
};
const APIS = { ListTransactions, DescribeTransactions, DescribeProducers } as const;

/** A 501 naming the API unless the broker (by its ApiVersions answer) speaks it. */
function assertSupported(broker: KafkaBroker, cluster: ClusterRef, name: keyof typeof APIS): void {
  try {
    negotiatedVersion(broker, APIS[name]);
  } catch (e) {
    if (!(e instanceof UnsupportedApiError)) throw e;
    throw new ApiError(
      'unsupported',
      `Cluster "${cluster.name}" does not support ${name} (Kafka API ${APIS[name].apiKey}, Apache Kafka 3.0 and later), so the console cannot show its transactions.`,
    );
  }
}

export async function listTransactions(ref: ClusterRef): Promise<TransactionDto[]> {
  return withPooledCluster(ref, async (cluster) => {
    const first = await anyBroker(cluster);
    assertSupported(first, ref, 'ListTransactions');
    assertSupported(first, ref, 'DescribeTransactions');
    const now = Date.now();
    // A broker lists the ids it coordinates, so each is described where it was listed: no
    // FindCoordinator round trip, and no id whose lookup fails can fail the whole list. An id
    // whose coordinator moved in between comes back as that row's NOT_COORDINATOR.
    const byCoordinator = new Map<number, string[]>();
    const seen = new Set<string>();
    for (const { node, ids } of await Promise.all((await nodeIds(cluster)).map(async (node) => ({ node, ids: await listedBy(cluster, node) })))) {
      const fresh = ids.filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      if (fresh.length > 0) byCoordinator.set(node, fresh);
    }
    const described = await Promise.all(
      [...byCoordinator].map(async ([node, transactionalIds]) => {
        // Per-id errors (an id expired since it was listed) stay in the answer, one row each.
        const res = await send(await brokerById(cluster, node), DescribeTransactions, { transactionalIds });
        return res.transactionStates.map((t) => describe(t, node, now));
      }),
    );
    return described.flat().sort((a, b) => a.transactionalId.localeCompare(b.transactionalId));
  });
}

/** The transactional ids one broker coordinates. */
async function listedBy(cluster: KafkaCluster, nodeId: number): Promise<string[]> {
  const res = await send(await brokerById(cluster, nodeId), ListTransactions, { stateFilters: [], producerIdFilters: [], durationFilter: -1n });
  throwIfError(res.errorCode);
  return res.transactionStates.map((t) => t.transactionalId);
}

/**
 * States with a transaction under way. Kafka keeps the last transaction's start time after it
 * completed (CompleteCommit answers it too), so only these states give a start and an age.
 */
const OPEN_STATES = new Set(['Ongoing', 'PrepareCommit', 'PrepareAbort', 'PrepareEpochFence']);

function describe(t: TransactionState, coordinator: number, now: number): TransactionDto {
  const started = OPEN_STATES.has(t.transactionState) && t.transactionStartTimeMs >= 0n ? t.transactionStartTimeMs : null;
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
export async function topicProducers(ref: ClusterRef, topic: string): Promise<PartitionProducersDto[]> {
  return withPooledCluster(ref, async (cluster) => {
    assertSupported(await anyBroker(cluster), ref, 'DescribeProducers');
    // The pooled Cluster never asks Kafka to create a topic it names (allowAutoTopicCreation false).
    const meta = await cluster.metadata({ topics: [topic] }).catch((e: { type?: string }) => {
      if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') throw new ApiError('not_found', `Topic "${topic}" does not exist`);
      throw e;
    });
    const t = meta.topicMetadata.find((x) => x.topic === topic);
    if (!t) throw new ApiError('not_found', `Topic "${topic}" does not exist`);
    const byLeader = new Map<number, number[]>();
    for (const p of t.partitionMetadata) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partitionId]);
    const perLeader = await Promise.all(
      [...byLeader].map(async ([leader, partitions]): Promise<PartitionProducersDto[]> => {
        if (leader < 0) return partitions.map((partition) => ({ partition, producers: [], error: 'no leader' }));
        const res = await send(await brokerById(cluster, leader), DescribeProducers, { topics: [{ name: topic, partitionIndexes: partitions }] });
        return res.topics
          .flatMap((x) => x.partitions)
          .map((p) => ({
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
          }));
      }),
    );
    return perLeader.flat().sort((a, b) => a.partition - b.partition);
  });
}
