/**
 * A partition's producer state (Kafka's ProducerStateManager + ProducerAppendInfo): which
 * producers wrote to it, at which epoch, and their last batches. Every client append is checked
 * here before anything is written: a retried batch is recognised (and answered with its original
 * offsets), a sequence gap or a stale epoch is refused with Kafka's error code.
 *
 * State survives restarts through `<offset>.snapshot` files (producer-snapshot.ts) plus a scan of
 * the batch headers written after the latest snapshot. It is kept when retention or DeleteRecords
 * removes a producer's batches (as Kafka does since KIP-360) and expires only after
 * producer.id.expiration.ms without a write.
 */
import fs from 'node:fs';
import { ErrorCode, LogError } from '../log/errors.ts';
import { type BatchMetadata, type ProducerStateEntry, addBatch, copyEntry, emptyEntry, findDuplicate, lastSeqOf } from './producer-state-entry.ts';
import { decodeSnapshot, listSnapshots, snapshotPath, writeSnapshot } from './producer-snapshot.ts';
import { NO_PRODUCER_EPOCH, NO_SEQUENCE, inSequence, incrementSequence } from './sequence.ts';

/** What the append path knows about one incoming or stored batch (header fields only). */
export interface ProducerBatch {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  /** lastOffset - baseOffset. */
  lastOffsetDelta: number;
  baseOffset: bigint;
  maxTimestamp: bigint;
  transactional: boolean;
  control: boolean;
}

export interface ValidatedAppend {
  /** Set when the first producer batch is a retry of a stored one: nothing is written. */
  duplicate?: BatchMetadata;
  /** Entries as they will be once the batches are written. */
  updated: Map<bigint, ProducerStateEntry>;
}

const lastSeqOfBatch = (b: ProducerBatch): number => (b.baseSequence === NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(b.baseSequence, b.lastOffsetDelta));

/** Snapshots kept besides the latest one (Kafka keeps those at segment boundaries still on disk). */
const KEEP_SNAPSHOTS = 2;

export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerStateEntry>();
  /** Producers with an open transaction here → its first offset, so the LSO costs O(open), not O(producers). */
  private readonly ongoing = new Map<bigint, bigint>();
  /** The offset up to which the state reflects the log. */
  mapEndOffset = 0n;
  /** Offset of the newest snapshot on disk, -1n when there is none. */
  private latestSnapshot = -1n;

  constructor(readonly dir: string) {}

  get size(): number {
    return this.producers.size;
  }

  entry(producerId: bigint): ProducerStateEntry | undefined {
    return this.producers.get(producerId);
  }

  entries(): IterableIterator<ProducerStateEntry> {
    return this.producers.values();
  }

  /**
   * Checks client batches (offsets already assigned) in order against the state, as Kafka's
   * analyzeAndValidateProducerState does. Throws LogError with Kafka's code; changes nothing.
   */
  validate(batches: readonly ProducerBatch[]): ValidatedAppend {
    const updated = new Map<bigint, ProducerStateEntry>();
    for (const b of batches) {
      if (b.producerId < 0n) continue;
      const current = this.producers.get(b.producerId);
      if (current !== undefined) {
        const dup = findDuplicate(current, b.producerEpoch, b.baseSequence, lastSeqOfBatch(b));
        if (dup !== undefined) return { duplicate: dup, updated: new Map() };
      }
      const base = current ?? emptyEntry(b.producerId);
      const entry = updated.get(b.producerId) ?? copyEntry(base);
      this.checkDataBatch(b, entry, base);
      this.applyData(entry, b);
      updated.set(b.producerId, entry);
    }
    return { updated };
  }

  private checkDataBatch(b: ProducerBatch, entry: ProducerStateEntry, current: ProducerStateEntry): void {
    const where = `producer ${b.producerId} at offset ${b.baseOffset} in ${this.dir}`;
    if (b.producerEpoch < entry.producerEpoch) {
      // Kafka answers INVALID_PRODUCER_EPOCH (not PRODUCER_FENCED) on Produce since 2.7, so the
      // client can abort and retry instead of failing fatally.
      throw new LogError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Epoch of ${where} is ${b.producerEpoch}, which is smaller than the last seen epoch ${entry.producerEpoch}`,
      );
    }
    if (b.producerEpoch !== entry.producerEpoch) {
      if (b.baseSequence !== 0 && entry.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new LogError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `Invalid sequence number for new epoch of ${where}: ${b.producerEpoch} (request epoch), ${b.baseSequence} (seq. number), ${entry.producerEpoch} (current producer epoch)`,
        );
      }
    } else {
      const lastSeq = lastSeqOf(entry);
      // No known epoch (a producer this partition has not seen): any sequence is accepted.
      if (current.producerEpoch !== NO_PRODUCER_EPOCH && !inSequence(lastSeq, b.baseSequence)) {
        throw new LogError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `Out of order sequence number for ${where}: ${b.baseSequence} (incoming seq. number), ${lastSeq} (current end sequence number)`,
        );
      }
    }
    if (entry.currentTxnFirstOffset >= 0n && !b.transactional) {
      throw new LogError(ErrorCode.INVALID_TXN_STATE, `Expected transactional write from ${where}`);
    }
  }

  private applyData(entry: ProducerStateEntry, b: ProducerBatch): void {
    addBatch(entry, b.producerEpoch, {
      lastSeq: lastSeqOfBatch(b),
      lastOffset: b.baseOffset + BigInt(b.lastOffsetDelta),
      offsetDelta: b.lastOffsetDelta,
      timestamp: b.maxTimestamp,
    });
    if (b.transactional && entry.currentTxnFirstOffset < 0n) entry.currentTxnFirstOffset = b.baseOffset;
  }

  /** Installs what validate() computed, once the batches are in the log. */
  commit(v: ValidatedAppend, nextOffset: bigint): void {
    for (const e of v.updated.values()) this.put(e);
    this.mapEndOffset = nextOffset;
  }

  /**
   * Rebuild from a stored batch (no validation: it was validated when written). A control batch
   * ends the producer's transaction; the first offset of that transaction is returned (-1n when
   * none was open) so the caller can restore the aborted-transaction index.
   */
  replay(b: ProducerBatch): bigint {
    if (b.producerId < 0n) return -1n;
    const entry = this.producers.get(b.producerId) ?? emptyEntry(b.producerId);
    const txnFirst = entry.currentTxnFirstOffset;
    if (b.control) {
      if (b.producerEpoch > entry.producerEpoch) {
        entry.producerEpoch = b.producerEpoch;
        entry.batches = [];
      }
      entry.currentTxnFirstOffset = -1n;
      entry.lastTimestamp = b.maxTimestamp;
    } else {
      this.applyData(entry, b);
    }
    this.put(entry);
    return b.control ? txnFirst : -1n;
  }

  private put(e: ProducerStateEntry): void {
    this.producers.set(e.producerId, e);
    if (e.currentTxnFirstOffset >= 0n) this.ongoing.set(e.producerId, e.currentTxnFirstOffset);
    else this.ongoing.delete(e.producerId);
  }

  /** The first offset of the oldest open transaction (the LSO bound), or null when none is open. */
  firstUnstableOffset(): bigint | null {
    let first: bigint | null = null;
    for (const offset of this.ongoing.values()) if (first === null || offset < first) first = offset;
    return first;
  }

  /** Producers with an open transaction here: DescribeProducers' currentTxnStartOffset. */
  openTransactionFirstOffset(producerId: bigint): bigint {
    return this.producers.get(producerId)?.currentTxnFirstOffset ?? -1n;
  }

  /**
   * An end-transaction marker written by this broker's coordinator, at `markerOffset`. Returns
   * the first offset of the transaction it closed here (-1n when none was open).
   */
  endTransaction(producerId: bigint, producerEpoch: number, coordinatorEpoch: number, timestamp: bigint, markerOffset: bigint): bigint {
    const entry = this.producers.get(producerId) ?? emptyEntry(producerId);
    const txnFirst = entry.currentTxnFirstOffset;
    if (producerEpoch > entry.producerEpoch) {
      entry.producerEpoch = producerEpoch;
      entry.batches = [];
    }
    entry.currentTxnFirstOffset = -1n;
    entry.coordinatorEpoch = coordinatorEpoch;
    entry.lastTimestamp = timestamp;
    this.put(entry);
    this.mapEndOffset = markerOffset + 1n;
    return txnFirst;
  }

  /** producer.id.expiration.ms: producers idle that long, without an open transaction, are forgotten. */
  removeExpired(nowMs: bigint, expirationMs: bigint): number {
    let n = 0;
    for (const [id, e] of this.producers) {
      if (e.currentTxnFirstOffset < 0n && nowMs - e.lastTimestamp >= expirationMs) {
        this.producers.delete(id);
        this.ongoing.delete(id);
        n++;
      }
    }
    return n;
  }

  /**
   * Writes `<mapEndOffset>.snapshot` and prunes older ones. Skipped when the newest snapshot is
   * already current, or when no producer ever wrote here (most partitions of most brokers), so
   * shutting down 10,000 partitions does not write 10,000 empty files.
   */
  takeSnapshot(): void {
    if (this.latestSnapshot === this.mapEndOffset) return;
    if (this.latestSnapshot < 0n && this.producers.size === 0) return;
    writeSnapshot(this.dir, this.mapEndOffset, this.producers.values());
    this.latestSnapshot = this.mapEndOffset;
    const all = listSnapshots(this.dir);
    for (const off of all.slice(0, Math.max(0, all.length - KEEP_SNAPSHOTS))) fs.rmSync(snapshotPath(this.dir, off), { force: true });
  }

  /**
   * Loads the newest readable snapshot at or below `logEndOffset` (newer ones describe a tail
   * that no longer exists after a torn-write truncation and are deleted). Returns its offset,
   * or -1n when there is none; the caller then replays the log from there.
   */
  loadSnapshot(logEndOffset: bigint, warn: (m: string) => void): bigint {
    this.producers.clear();
    this.ongoing.clear();
    const offsets = listSnapshots(this.dir);
    for (const off of offsets) if (off > logEndOffset) fs.rmSync(snapshotPath(this.dir, off), { force: true });
    for (const off of offsets.filter((o) => o <= logEndOffset).reverse()) {
      try {
        for (const e of decodeSnapshot(fs.readFileSync(snapshotPath(this.dir, off)))) this.put(e);
        this.mapEndOffset = off;
        this.latestSnapshot = off;
        return off;
      } catch (err) {
        warn(`${snapshotPath(this.dir, off)}: ${(err as Error).message}; using an older snapshot`);
        fs.rmSync(snapshotPath(this.dir, off), { force: true });
        this.producers.clear();
        this.ongoing.clear();
      }
    }
    return -1n;
  }

  /** Drops snapshots below `offset` except the newest one, whose state is still current. */
  deleteSnapshotsBefore(offset: bigint): void {
    const all = listSnapshots(this.dir);
    const newest = all[all.length - 1];
    for (const off of all) if (off < offset && off !== newest) fs.rmSync(snapshotPath(this.dir, off), { force: true });
  }
}
