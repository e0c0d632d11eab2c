/**
 * A transactional id's state at the coordinator (Kafka's TransactionMetadata) and its JSON form
 * in the transaction log. INT64 fields travel as strings in the JSON.
 */
export type TxnState = 'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort' | 'PrepareEpochFence' | 'Dead';

export interface TxnPartition {
  topic: string;
  partition: number;
}

/** An offset committed inside a transaction (TxnOffsetCommit), visible only once it commits. */
export interface PendingTxnOffset {
  group: string;
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string | null;
}

export interface TransactionMetadata {
  transactionalId: string;
  producerId: bigint;
  /** The id before an epoch-exhaustion rotation, so a retried InitProducerId is recognised. */
  prevProducerId: bigint;
  producerEpoch: number;
  /** The epoch before the last KIP-360 bump (-1 when a new producer initialised). */
  lastProducerEpoch: number;
  timeoutMs: number;
  state: TxnState;
  partitions: TxnPartition[];
  /** Groups added with AddOffsetsToTxn. */
  groups: string[];
  pendingOffsets: PendingTxnOffset[];
  /** When the current transaction started (first AddPartitions/AddOffsets), -1n outside one. */
  startTimestamp: bigint;
  lastUpdateTimestamp: bigint;
}

/** Kafka's TransactionMetadata.isEpochExhausted: the epoch cannot be bumped again. */
export const isEpochExhausted = (epoch: number): boolean => epoch >= 0x7fff - 1;

export const partitionKey = (p: TxnPartition): string => `${p.topic}\u0000${p.partition}`;

export function hasPartition(m: TransactionMetadata, topic: string, partition: number): boolean {
  return m.partitions.some((p) => p.topic === topic && p.partition === partition);
}

export type TxnRecord = { type: 'txn'; value: TransactionMetadata } | { type: 'tombstone'; transactionalId: string };

// INT64 values are written as {"$i64": "<decimal>"} so no user string can be mistaken for one.
export function encodeTxnRecord(rec: TxnRecord): Buffer {
  return Buffer.from(JSON.stringify(rec, (_k, v: unknown) => (typeof v === 'bigint' ? { $i64: v.toString() } : v)));
}

export function decodeTxnRecord(body: Buffer): TxnRecord {
  const rec = JSON.parse(body.toString('utf8'), (_k, v: unknown) =>
    v !== null && typeof v === 'object' && typeof (v as { $i64?: unknown }).$i64 === 'string' ? BigInt((v as { $i64: string }).$i64) : v,
  ) as TxnRecord;
  if (rec.type !== 'txn' && rec.type !== 'tombstone') throw new Error('unknown transaction log record');
  return rec;
}
