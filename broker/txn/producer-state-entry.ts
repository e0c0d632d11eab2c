/**
 * One producer's state in one partition (Kafka's ProducerStateEntry): its epoch and the
 * metadata of its last few batches, enough to answer a retried batch with the offsets it was
 * first written at instead of writing it twice.
 */
import { NO_PRODUCER_EPOCH, NO_SEQUENCE, decrementSequence } from './sequence.ts';

/** Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN: clients keep at most 5 requests in flight. */
export const NUM_BATCHES_TO_RETAIN = 5;

export interface BatchMetadata {
  lastSeq: number;
  lastOffset: bigint;
  /** lastOffset - firstOffset (and lastSeq - firstSeq). */
  offsetDelta: number;
  timestamp: bigint;
}

export const firstSeqOf = (b: BatchMetadata): number => decrementSequence(b.lastSeq, b.offsetDelta);
export const firstOffsetOf = (b: BatchMetadata): bigint => b.lastOffset - BigInt(b.offsetDelta);

export interface ProducerStateEntry {
  producerId: bigint;
  producerEpoch: number;
  /** Oldest first, at most NUM_BATCHES_TO_RETAIN. */
  batches: BatchMetadata[];
  coordinatorEpoch: number;
  /** maxTimestamp of the producer's last batch (or marker): drives producer.id.expiration.ms. */
  lastTimestamp: bigint;
  /** First offset of the producer's open transaction in this partition, or -1n. */
  currentTxnFirstOffset: bigint;
}

export function emptyEntry(producerId: bigint): ProducerStateEntry {
  return { producerId, producerEpoch: NO_PRODUCER_EPOCH, batches: [], coordinatorEpoch: -1, lastTimestamp: -1n, currentTxnFirstOffset: -1n };
}

export function copyEntry(e: ProducerStateEntry): ProducerStateEntry {
  return { ...e, batches: [...e.batches] };
}

export const lastSeqOf = (e: ProducerStateEntry): number => e.batches[e.batches.length - 1]?.lastSeq ?? NO_SEQUENCE;
export const lastDataOffsetOf = (e: ProducerStateEntry): bigint => e.batches[e.batches.length - 1]?.lastOffset ?? -1n;

/** A new epoch forgets the old epoch's batches, as Kafka's addBatch does. */
export function addBatch(e: ProducerStateEntry, epoch: number, batch: BatchMetadata): void {
  if (epoch !== e.producerEpoch) {
    e.producerEpoch = epoch;
    e.batches = [];
  }
  e.batches.push(batch);
  if (e.batches.length > NUM_BATCHES_TO_RETAIN) e.batches.shift();
  e.lastTimestamp = batch.timestamp;
}

/** The retained batch with exactly this epoch and sequence range, if the batch is a retry. */
export function findDuplicate(e: ProducerStateEntry, epoch: number, firstSeq: number, lastSeq: number): BatchMetadata | undefined {
  if (epoch !== e.producerEpoch) return undefined;
  return e.batches.find((b) => firstSeqOf(b) === firstSeq && b.lastSeq === lastSeq);
}
