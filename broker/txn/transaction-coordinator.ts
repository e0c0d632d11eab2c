/**
 * The transaction coordinator (Kafka's TransactionCoordinator + TransactionStateManager) for
 * every transactional id on this single node. Each state change is written to the transaction
 * log before it is answered; ending a transaction first records PrepareCommit/PrepareAbort (the
 * decision), then writes a marker into every partition of the transaction, applies or drops its
 * offsets, and records CompleteCommit/CompleteAbort. A restart finds any transaction left in a
 * Prepare state and finishes it, so a crash never leaves one half visible.
 *
 * Error codes follow Kafka 4 with transaction version 1 (the markers carry the transaction's
 * epoch): a stale epoch at the coordinator is PRODUCER_FENCED, an unknown id or a producer id
 * that does not match is INVALID_PRODUCER_ID_MAPPING, a call while a transaction is completing
 * is CONCURRENT_TRANSACTIONS (retriable).
 */
import { ErrorCode } from '../protocol/error-codes.ts';
import type { BrokerConfig } from '../config/broker-config.ts';
import type { ProducerIdManager } from './producer-id-manager.ts';
import { openTxnLog, type TxnLog } from './txn-log.ts';
import { type PendingTxnOffset, type TransactionMetadata, type TxnPartition, type TxnRecord, hasPartition, isEpochExhausted } from './transaction-metadata.ts';

/** What completing a transaction needs from the rest of the broker. */
export interface TxnEffects {
  /** Writes a COMMIT or ABORT marker for the producer into the partition (a deleted one is skipped). */
  writeMarker(p: TxnPartition, producerId: bigint, producerEpoch: number, commit: boolean): void;
  /** Makes committed transactional offsets visible in the group coordinator. */
  commitOffsets(offsets: readonly PendingTxnOffset[]): void;
}

export interface InitResult {
  errorCode: number;
  producerId: bigint;
  producerEpoch: number;
}

const NO_PRODUCER_ID = -1n;
const NO_EPOCH = -1;

export class TransactionCoordinator {
  private readonly txns = new Map<string, TransactionMetadata>();
  private readonly log: TxnLog;
  private abortTimer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    dataDir: string,
    private readonly config: BrokerConfig,
    private readonly producerIds: ProducerIdManager,
    private readonly effects: TxnEffects,
    private readonly logLine: (line: string) => void,
  ) {
    const { log, replay } = openTxnLog(dataDir, (rec) => this.replay(rec), logLine);
    this.log = log;
    let finished = 0;
    for (const m of this.txns.values()) {
      // A crash after the decision was recorded: finish it now. A fence in progress aborts.
      if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') {
        this.complete(m, m.state === 'PrepareCommit');
        finished++;
      } else if (m.state === 'PrepareEpochFence') {
        this.prepareEnd(m, false);
        this.complete(m, false);
        finished++;
      }
    }
    logLine(
      `transaction coordinator loaded ${this.txns.size} transactional id(s) from ${replay.records} record(s)${finished > 0 ? `, completed ${finished} interrupted transaction(s)` : ''}`,
    );
  }

  /** Starts the timers for transaction.timeout.ms aborts and transactional.id.expiration.ms. */
  startTimers(): void {
    this.abortTimer = setInterval(() => this.abortTimedOut(), this.config.getInt('transaction.abort.timed.out.transaction.cleanup.interval.ms'));
    this.abortTimer.unref();
    this.expiryTimer = setInterval(() => this.removeExpired(), this.config.getInt('transaction.remove.expired.transaction.cleanup.interval.ms'));
    this.expiryTimer.unref();
  }

  private replay(rec: TxnRecord): void {
    if (rec.type === 'tombstone') this.txns.delete(rec.transactionalId);
    else this.txns.set(rec.value.transactionalId, rec.value);
  }

  private persist(m: TransactionMetadata): void {
    m.lastUpdateTimestamp = BigInt(Date.now());
    this.log.append([{ type: 'txn', value: m }]);
    this.txns.set(m.transactionalId, m);
    if (this.log.shouldCompact(this.txns.size)) this.log.rewrite([...this.txns.values()].map((value): TxnRecord => ({ type: 'txn', value })));
  }

  transaction(transactionalId: string): TransactionMetadata | undefined {
    return this.txns.get(transactionalId);
  }

  all(): IterableIterator<TransactionMetadata> {
    return this.txns.values();
  }

  initProducerId(transactionalId: string, timeoutMs: number, expectedId: bigint, expectedEpoch: number): InitResult {
    const fail = (errorCode: number): InitResult => ({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_EPOCH });
    if (timeoutMs <= 0 || timeoutMs > this.config.getInt('transaction.max.timeout.ms')) return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    let m = this.txns.get(transactionalId);
    if (m === undefined || m.state === 'Dead') {
      m = {
        transactionalId,
        producerId: this.producerIds.generate(),
        prevProducerId: NO_PRODUCER_ID,
        producerEpoch: NO_EPOCH,
        lastProducerEpoch: NO_EPOCH,
        timeoutMs,
        state: 'Empty',
        partitions: [],
        groups: [],
        pendingOffsets: [],
        startTimestamp: -1n,
        lastUpdateTimestamp: -1n,
      };
    }
    switch (m.state) {
      case 'PrepareCommit':
      case 'PrepareAbort':
      case 'PrepareEpochFence':
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case 'Ongoing':
        // A new producer instance: fence the old one (epoch bump) and abort its transaction;
        // the client retries on CONCURRENT_TRANSACTIONS and then gets the next epoch.
        this.fenceAndAbort(m);
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      default:
        break;
    }
    if (expectedId !== NO_PRODUCER_ID) {
      const valid = m.producerEpoch === NO_EPOCH || expectedId === m.producerId || (expectedId === m.prevProducerId && isEpochExhausted(expectedEpoch));
      if (!valid) return fail(ErrorCode.PRODUCER_FENCED);
    }
    let epoch: number;
    let lastEpoch: number;
    if (expectedId === NO_PRODUCER_ID) {
      epoch = m.producerEpoch + 1;
      lastEpoch = NO_EPOCH;
    } else if (m.producerEpoch === NO_EPOCH || expectedEpoch === m.producerEpoch) {
      epoch = m.producerEpoch + 1;
      lastEpoch = m.producerEpoch;
    } else if (expectedEpoch === m.lastProducerEpoch) {
      // A retry of a bump whose answer was lost: same answer again.
      return { errorCode: ErrorCode.NONE, producerId: m.producerId, producerEpoch: m.producerEpoch };
    } else {
      return fail(ErrorCode.PRODUCER_FENCED);
    }
    const next: TransactionMetadata = {
      ...m,
      timeoutMs,
      state: 'Empty',
      partitions: [],
      groups: [],
      pendingOffsets: [],
      startTimestamp: -1n,
      producerEpoch: epoch,
      lastProducerEpoch: lastEpoch,
    };
    if (isEpochExhausted(epoch)) {
      next.prevProducerId = m.producerId;
      next.producerId = this.producerIds.generate();
      next.producerEpoch = 0;
      next.lastProducerEpoch = NO_EPOCH;
    }
    this.persist(next);
    return { errorCode: ErrorCode.NONE, producerId: next.producerId, producerEpoch: next.producerEpoch };
  }

  /** The checks AddPartitionsToTxn, AddOffsetsToTxn and EndTxn share. */
  private check(transactionalId: string, producerId: bigint, producerEpoch: number): { errorCode: number; m?: TransactionMetadata } {
    const m = this.txns.get(transactionalId);
    if (m === undefined || m.state === 'Dead' || m.producerId !== producerId) return { errorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING };
    if (m.producerEpoch !== producerEpoch) return { errorCode: ErrorCode.PRODUCER_FENCED };
    return { errorCode: ErrorCode.NONE, m };
  }

  /** AddPartitionsToTxn and AddOffsetsToTxn: the transaction becomes (or stays) Ongoing. */
  addToTransaction(
    transactionalId: string,
    producerId: bigint,
    producerEpoch: number,
    partitions: readonly TxnPartition[],
    groups: readonly string[] = [],
  ): number {
    const { errorCode, m } = this.check(transactionalId, producerId, producerEpoch);
    if (m === undefined) return errorCode;
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort' || m.state === 'PrepareEpochFence') return ErrorCode.CONCURRENT_TRANSACTIONS;
    const newPartitions = partitions.filter((p) => !hasPartition(m, p.topic, p.partition));
    const newGroups = groups.filter((g) => !m.groups.includes(g));
    if (m.state === 'Ongoing' && newPartitions.length === 0 && newGroups.length === 0) return ErrorCode.NONE;
    const started = m.state === 'Ongoing' ? m.startTimestamp : BigInt(Date.now());
    this.persist({ ...m, state: 'Ongoing', partitions: [...m.partitions, ...newPartitions], groups: [...m.groups, ...newGroups], startTimestamp: started });
    return ErrorCode.NONE;
  }

  /** Produce with transactional batches (KIP-890 part 1): the partition must be in the ongoing transaction. */
  checkProduce(transactionalId: string | null, producerId: bigint, producerEpoch: number, topic: string, partition: number): number {
    if (transactionalId === null) return ErrorCode.INVALID_TXN_STATE;
    const m = this.txns.get(transactionalId);
    if (m === undefined || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (producerEpoch !== m.producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (m.state !== 'Ongoing' || !hasPartition(m, topic, partition)) return ErrorCode.INVALID_TXN_STATE;
    return ErrorCode.NONE;
  }

  /** TxnOffsetCommit: offsets wait in the transaction (and its log record) until it ends. */
  stageOffsets(transactionalId: string, producerId: bigint, producerEpoch: number, group: string, offsets: readonly Omit<PendingTxnOffset, 'group'>[]): number {
    const m = this.txns.get(transactionalId);
    if (m === undefined || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (producerEpoch !== m.producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (m.state !== 'Ongoing' || !m.groups.includes(group)) return ErrorCode.INVALID_TXN_STATE;
    const replaced = (o: PendingTxnOffset): boolean => o.group === group && offsets.some((n) => n.topic === o.topic && n.partition === o.partition);
    this.persist({ ...m, pendingOffsets: [...m.pendingOffsets.filter((o) => !replaced(o)), ...offsets.map((o) => ({ ...o, group }))] });
    return ErrorCode.NONE;
  }

  /** OffsetFetch requireStable: whether an open transaction holds an offset for this group partition. */
  hasPendingOffset(group: string, topic: string, partition: number): boolean {
    for (const m of this.txns.values()) {
      if (m.state === 'Ongoing' || m.state === 'PrepareCommit') {
        if (m.pendingOffsets.some((o) => o.group === group && o.topic === topic && o.partition === partition)) return true;
      }
    }
    return false;
  }

  endTransaction(transactionalId: string, producerId: bigint, producerEpoch: number, commit: boolean): number {
    if (transactionalId === '') return ErrorCode.INVALID_REQUEST;
    const { errorCode, m } = this.check(transactionalId, producerId, producerEpoch);
    if (m === undefined) return errorCode;
    switch (m.state) {
      case 'Ongoing':
        this.complete(this.prepareEnd(m, commit), commit);
        return ErrorCode.NONE;
      case 'CompleteCommit':
        return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
      case 'CompleteAbort':
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
      case 'PrepareCommit':
        return commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE;
      case 'PrepareAbort':
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS;
      default:
        return ErrorCode.INVALID_TXN_STATE;
    }
  }

  /** Records the decision durably before any marker is written. */
  private prepareEnd(m: TransactionMetadata, commit: boolean): TransactionMetadata {
    const prepared: TransactionMetadata = { ...m, state: commit ? 'PrepareCommit' : 'PrepareAbort' };
    this.persist(prepared);
    return prepared;
  }

  private complete(m: TransactionMetadata, commit: boolean): void {
    for (const p of m.partitions) {
      try {
        this.effects.writeMarker(p, m.producerId, m.producerEpoch, commit);
      } catch (err) {
        this.logLine(`transaction ${m.transactionalId}: marker for ${p.topic}-${p.partition} not written: ${(err as Error).message}`);
      }
    }
    if (commit && m.pendingOffsets.length > 0) this.effects.commitOffsets(m.pendingOffsets);
    // The start time stays (Kafka's prepareComplete keeps it): DescribeTransactions answers it for a finished transaction too.
    this.persist({ ...m, state: commit ? 'CompleteCommit' : 'CompleteAbort', partitions: [], groups: [], pendingOffsets: [] });
  }

  /** Kafka's prepareFenceProducerEpoch then abort: the old producer's epoch is no longer valid. */
  private fenceAndAbort(m: TransactionMetadata): void {
    const fenced: TransactionMetadata = {
      ...m,
      state: 'PrepareEpochFence',
      producerEpoch: isEpochExhausted(m.producerEpoch) ? m.producerEpoch : m.producerEpoch + 1,
      lastProducerEpoch: NO_EPOCH,
    };
    this.persist(fenced);
    this.complete(this.prepareEnd(fenced, false), false);
  }

  /** transaction.timeout.ms: ongoing transactions older than their timeout are fenced and aborted. */
  abortTimedOut(nowMs: bigint = BigInt(Date.now())): number {
    let n = 0;
    for (const m of [...this.txns.values()]) {
      if (m.state === 'Ongoing' && m.startTimestamp >= 0n && nowMs - m.startTimestamp > BigInt(m.timeoutMs)) {
        this.logLine(`transaction ${m.transactionalId} (producer ${m.producerId}, epoch ${m.producerEpoch}) timed out after ${m.timeoutMs} ms: aborting`);
        this.fenceAndAbort(m);
        n++;
      }
    }
    return n;
  }

  /** transactional.id.expiration.ms: idle ids without an open transaction are forgotten. */
  removeExpired(nowMs: bigint = BigInt(Date.now())): number {
    const expiration = BigInt(this.config.getInt('transactional.id.expiration.ms'));
    let n = 0;
    for (const m of [...this.txns.values()]) {
      const idle = m.state === 'Empty' || m.state === 'CompleteCommit' || m.state === 'CompleteAbort';
      if (idle && nowMs - m.lastUpdateTimestamp >= expiration) {
        this.log.append([{ type: 'tombstone', transactionalId: m.transactionalId }]);
        this.txns.delete(m.transactionalId);
        n++;
      }
    }
    return n;
  }

  close(): void {
    if (this.abortTimer) clearInterval(this.abortTimer);
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    this.log.close();
  }
}
