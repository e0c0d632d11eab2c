/**
 * Fetch (key 1), v4-13. Returns whole stored batches (a fetch offset in the middle of a batch
 * gets the batch that contains it), at least one batch even past maxBytes, and only up to the
 * high watermark. Long-polls until minBytes are available or maxWaitMs passes, woken by
 * Produce. Fetch sessions are declined (session id 0). READ_COMMITTED stops at the last stable
 * offset and lists the aborted transactions in the returned range, as Kafka does; the consumer
 * drops their records and the control batches. v13 names topics by id (as Metadata v10+ hands
 * them out); an unknown id answers UNKNOWN_TOPIC_ID.
 */
import { defineHandler, type RequestInfo } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeFetchRequest, type FetchRequest } from '../protocol/messages/fetch-request.ts';
import {
  defaultFetchResponse,
  defaultPartitionData,
  encodeFetchResponse,
  type FetchableTopicResponse,
  type PartitionData,
} from '../protocol/messages/fetch-response.ts';
import { EMPTY_BYTES } from '../protocol/constants.ts';
import { FetchWaiters } from '../fetch-waiters.ts';
import type { Broker } from '../broker.ts';
import { allowed } from '../acl/api-acls.ts';
import type { PartitionLog } from '../log/partition-log.ts';
import { LOG_OVERHEAD, Off } from '../log/record-batch.ts';

const READ_COMMITTED = 1;

interface ReadOutcome {
  responses: FetchableTopicResponse[];
  bytes: number;
  /** True when some partition answered with an error, which must be returned at once. */
  errored: boolean;
}

/** The whole batches of `records` that start below `end` (the LSO is always a batch boundary). */
function cutAt(records: Buffer, end: bigint): Buffer {
  let pos = 0;
  while (pos + LOG_OVERHEAD <= records.length && records.readBigInt64BE(pos + Off.baseOffset) < end)
    pos += LOG_OVERHEAD + records.readInt32BE(pos + Off.batchLength);
  return pos >= records.length ? records : records.subarray(0, pos);
}

/** Last offset in the fetched batches (the one after it bounds the aborted-transaction lookup). */
function lastOffsetOf(records: Buffer): bigint {
  let pos = 0;
  let last = -1n;
  while (pos + 27 <= records.length) {
    last = records.readBigInt64BE(pos + Off.baseOffset) + BigInt(records.readInt32BE(pos + Off.lastOffsetDelta));
    pos += LOG_OVERHEAD + records.readInt32BE(pos + Off.batchLength);
  }
  return last;
}

function readCommitted(
  log: PartitionLog,
  fetchOffset: bigint,
  limit: number,
): { records: Buffer; abortedTransactions: { producerId: bigint; firstOffset: bigint }[] } {
  const lso = log.lastStableOffset;
  if (fetchOffset >= lso) return { records: EMPTY_BYTES, abortedTransactions: [] };
  const records = cutAt(log.read(fetchOffset, limit), lso);
  const upper = lastOffsetOf(records) + 1n;
  const abortedTransactions = log.abortedTxns.collect(fetchOffset, upper).map((t) => ({ producerId: t.producerId, firstOffset: t.firstOffset }));
  return { records, abortedTransactions };
}

function readOnce(broker: Broker, req: FetchRequest): ReadOutcome {
  let budget = req.maxBytes;
  let bytes = 0;
  let errored = false;
  const responses = req.topics.map((topic) => ({
    topic: topic.topic,
    topicId: topic.topicId,
    partitions: topic.partitions.map((p): PartitionData => {
      const base = { ...defaultPartitionData(), partitionIndex: p.partition, records: EMPTY_BYTES };
      const log = broker.logs.partition(topic.topic, p.partition);
      if (log === undefined) {
        errored = true;
        return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1n };
      }
      const state = {
        highWatermark: log.logEndOffset,
        lastStableOffset: log.lastStableOffset,
        logStartOffset: log.logStartOffset,
        abortedTransactions: req.isolationLevel === READ_COMMITTED ? [] : null,
      };
      // An error answer carries no offsets (-1), as Kafka's does.
      const failed = { highWatermark: -1n, lastStableOffset: -1n, logStartOffset: -1n, abortedTransactions: state.abortedTransactions };
      if (p.currentLeaderEpoch > 0) {
        errored = true;
        return { ...base, ...failed, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
      }
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.logEndOffset) {
        errored = true;
        return { ...base, ...failed, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
      }
      // KIP-74: the first partition with data may exceed the budget by one batch; later ones may not.
      if (budget <= 0 && bytes > 0) return { ...base, ...state };
      const limit = Math.min(p.partitionMaxBytes, Math.max(budget, 1));
      if (req.isolationLevel === READ_COMMITTED) {
        const committed = readCommitted(log, p.fetchOffset, limit);
        budget -= committed.records.length;
        bytes += committed.records.length;
        return { ...base, ...state, ...committed };
      }
      const records = p.fetchOffset < log.logEndOffset ? log.read(p.fetchOffset, limit) : EMPTY_BYTES;
      budget -= records.length;
      bytes += records.length;
      return { ...base, ...state, records };
    }),
  }));
  return { responses, bytes, errored };
}

async function fetchWithLongPoll(broker: Broker, req: FetchRequest, request: RequestInfo): Promise<FetchableTopicResponse[]> {
  const deadline = Date.now() + Math.max(0, req.maxWaitMs);
  const keys = req.topics.flatMap((t) => t.partitions.map((p) => FetchWaiters.key(t.topic, p.partition)));
  for (;;) {
    const outcome = readOnce(broker, req);
    const remaining = deadline - Date.now();
    if (outcome.errored || outcome.bytes >= req.minBytes || remaining <= 0 || request.signal.aborted) {
      return outcome.responses;
    }
    await broker.fetchWaiters.wait(keys, remaining, request.signal);
  }
}

export default defineHandler({
  apiKey: 1,
  minVersion: 4,
  maxVersion: 13,
  decode: decodeFetchRequest,
  encode: encodeFetchResponse,
  async handle(request, ctx) {
    let req = request;
    const unknownIds: FetchableTopicResponse[] = [];
    if (ctx.version >= 13) {
      const known: FetchRequest['topics'] = [];
      for (const t of req.topics) {
        const topic = ctx.broker.logs.topicById(t.topicId);
        if (topic !== undefined) known.push({ ...t, topic: topic.name });
        else
          unknownIds.push({
            topic: '',
            topicId: t.topicId,
            partitions: t.partitions.map((p) => ({
              ...defaultPartitionData(),
              partitionIndex: p.partition,
              errorCode: ErrorCode.UNKNOWN_TOPIC_ID,
              highWatermark: -1n,
              records: EMPTY_BYTES,
            })),
          });
      }
      // An error answers at once, as any partition error does.
      req = { ...req, topics: known, maxWaitMs: unknownIds.length > 0 ? 0 : req.maxWaitMs };
    }
    // Topics without READ answer TOPIC_AUTHORIZATION_FAILED and take no part in the long poll.
    const permitted = req.topics.filter((t) => allowed(ctx, 'fetch', t.topic));
    const kept = new Set(permitted);
    const refusedTopics = req.topics.filter((t) => !kept.has(t));
    const responses =
      permitted.length > 0 || (refusedTopics.length === 0 && unknownIds.length === 0)
        ? await fetchWithLongPoll(ctx.broker, { ...req, topics: permitted }, ctx.request)
        : [];
    for (const t of refusedTopics) {
      const partitions = t.partitions.map((p) => ({
        ...defaultPartitionData(),
        partitionIndex: p.partition,
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        highWatermark: -1n,
        records: EMPTY_BYTES,
      }));
      responses.push({ topic: t.topic, topicId: t.topicId, partitions });
    }
    return { ...defaultFetchResponse(), sessionId: 0, responses: [...responses, ...unknownIds] };
  },
});
