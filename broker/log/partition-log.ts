/**
 * One partition's log: an ordered list of segments, the last one active. Appends validate every
 * batch before writing anything, assign offsets from the log end offset and patch them into the
 * batch headers in place. On a single node the high watermark equals the log end offset.
 */
import fs from 'node:fs';
import { ErrorCode, LogError, RecordBatchError } from './errors.ts';
import { patchBatch, setLogAppendTime } from './record-batch.ts';
import { type BatchMeta, type IoStats, LogSegment } from './segment.ts';
import type { LogConfig } from './log-config.ts';
import { type Logger, consoleLogger } from './fs-util.ts';
import { loadLog, writeStartCheckpoint } from './log-loader.ts';
import { compactSegment, latestOffsets } from './compaction.ts';
import { ProducerStateManager } from '../txn/producer-state-manager.ts';
import { validateClientBatches } from './append-validation.ts';
import { firstOffsetOf } from '../txn/producer-state-entry.ts';
import { rebuildProducerState } from '../txn/producer-state-loader.ts';
import { AbortedTxnIndex } from '../txn/txn-index.ts';
import { buildMarker } from '../txn/control-marker.ts';

export interface AppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
  /** The broker time stamped into the batches, or -1n for CreateTime topics. */
  logAppendTime: bigint;
  /** The batch was a producer's retry of one already stored: nothing was written. */
  duplicate?: boolean;
}

export interface OpenOptions {
  /** True when the data dir had a clean-shutdown marker: indexes are trusted, nothing is rescanned. */
  clean: boolean;
  nowMs: bigint;
  logger?: Logger;
}

const EMPTY = Buffer.alloc(0);
const INT32_MAX = 0x7fffffffn;

export class PartitionLog {
  readonly stats: IoStats = { bytesRead: 0 };
  /** Bytes dropped from torn tails when this log was opened (0 after a clean start). */
  truncatedBytes = 0;
  private segments: LogSegment[] = [];
  private startOffset = 0n;
  /** The start offset a reload would find; close() rewrites the checkpoint only when it moved. */
  private persistedStartOffset = 0n;
  private unflushedMessages = 0n;
  /** Segments starting below this were compacted by an earlier pass (not persisted: a restart recompacts). */
  private cleanedUpTo = 0n;
  private lastFlushMs: bigint;
  /** Idempotent and transactional producers that wrote here (sequences, epochs, open transactions). */
  readonly producerState: ProducerStateManager;
  /** Aborted transactions (`.txnindex`), for READ_COMMITTED fetches. */
  readonly abortedTxns: AbortedTxnIndex;

  private constructor(
    readonly dir: string,
    private config: LogConfig,
    private readonly logger: Logger,
    nowMs: bigint,
  ) {
    this.lastFlushMs = nowMs;
    this.producerState = new ProducerStateManager(dir);
    this.abortedTxns = new AbortedTxnIndex(dir);
  }

  static open(dir: string, config: LogConfig, opts: OpenOptions): PartitionLog {
    const log = new PartitionLog(dir, config, opts.logger ?? consoleLogger, opts.nowMs);
    const loaded = loadLog(dir, config, log.stats, opts.clean, opts.nowMs, log.logger);
    log.segments = loaded.segments;
    log.startOffset = loaded.startOffset;
    log.persistedStartOffset = loaded.startOffset;
    log.truncatedBytes = loaded.truncatedBytes;
    log.abortedTxns.load(log.segmentBaseOffsets, log.logEndOffset);
    rebuildProducerState(log.producerState, log.segments, log.startOffset, opts.clean, log.logger, log.abortedTxns);
    return log;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  get logStartOffset(): bigint {
    return this.startOffset;
  }
  get logEndOffset(): bigint {
    return this.active.nextOffset;
  }
  /** Single node: every appended batch is committed, so HWM = LEO. */
  get highWatermark(): bigint {
    return this.logEndOffset;
  }
  /**
   * The last stable offset: below it every transaction has ended (first offset of the oldest
   * open transaction, else the high watermark). READ_COMMITTED readers stop here.
   */
  get lastStableOffset(): bigint {
    const first = this.producerState.firstUnstableOffset();
    return first !== null && first < this.highWatermark ? first : this.highWatermark;
  }
  get sizeBytes(): number {
    return this.segments.reduce((n, s) => n + s.size, 0);
  }
  get segmentCount(): number {
    return this.segments.length;
  }
  get segmentBaseOffsets(): bigint[] {
    return this.segments.map((s) => s.baseOffset);
  }

  updateConfig(config: LogConfig): void {
    this.config = config;
    for (const s of this.segments) s.indexIntervalBytes = config.indexIntervalBytes;
  }

  /**
   * Validates every batch first (so a bad request appends nothing), including each producer's
   * sequence and epoch, then assigns offsets and writes. A producer's retry of a batch it already
   * wrote answers the original offsets and writes nothing.
   */
  append(records: Buffer, nowMs: bigint): AppendResult {
    const { metas, producerBatches } = validateClientBatches(records, this.config, this.logEndOffset, nowMs);
    if (metas.length === 0) throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, 'empty record set');
    const producers = this.producerState.validate(producerBatches);
    if (producers.duplicate) {
      const d = producers.duplicate;
      // As Kafka: the stored batch's offsets, and its timestamp as the append time.
      return { baseOffset: firstOffsetOf(d), lastOffset: d.lastOffset, logAppendTime: d.timestamp, duplicate: true };
    }

    const { firstOffset, next } = this.write(records, metas, nowMs);
    this.producerState.commit(producers, next);
    return { baseOffset: firstOffset, lastOffset: next - 1n, logAppendTime: this.config.logAppendTime ? nowMs : -1n };
  }

  /**
   * A transaction marker from the coordinator: written without the client checks, it ends the
   * producer's transaction here and, for an ABORT, adds the transaction to the `.txnindex`.
   */
  appendMarker(producerId: bigint, producerEpoch: number, commit: boolean, coordinatorEpoch: number, nowMs: bigint): bigint {
    const records = buildMarker(producerId, producerEpoch, commit, coordinatorEpoch, nowMs);
    const meta: BatchMeta = { pos: 0, size: records.length, baseOffset: 0n, lastOffset: 0n, maxTimestamp: nowMs, attributes: 0 };
    const { firstOffset } = this.write(records, [meta], nowMs);
    const txnFirst = this.producerState.endTransaction(producerId, producerEpoch, coordinatorEpoch, nowMs, firstOffset);
    if (!commit && txnFirst >= 0n) {
      this.abortedTxns.add({
        producerId,
        firstOffset: txnFirst,
        lastOffset: firstOffset,
        lastStableOffset: this.lastStableOffset,
        segment: this.active.baseOffset,
      });
    }
    return firstOffset;
  }

  /** Assigns offsets to validated batches and writes them, rolling segments as needed. */
  private write(records: Buffer, metas: BatchMeta[], nowMs: bigint): { firstOffset: bigint; next: bigint } {
    const firstOffset = this.logEndOffset;
    let next = firstOffset;
    let run: BatchMeta[] = [];
    const writeRun = (): void => {
      if (run.length === 0) return;
      const last = run[run.length - 1]!;
      this.active.append(records, run[0]!.pos, last.pos + last.size, run, nowMs);
      run = [];
    };
    for (const m of metas) {
      const base = next;
      const last = base + m.lastOffset;
      if (this.shouldRoll(m.size, last, nowMs)) {
        writeRun();
        this.roll(base);
      }
      patchBatch(records, m.pos, base, 0);
      if (this.config.logAppendTime) {
        setLogAppendTime(records, m.pos, m.size, nowMs);
        m.maxTimestamp = nowMs;
      }
      m.baseOffset = base;
      m.lastOffset = last;
      run.push(m);
      next = last + 1n;
    }
    writeRun();

    this.unflushedMessages += next - firstOffset;
    if (this.unflushedMessages >= this.config.flushMessages) this.flush(nowMs);
    return { firstOffset, next };
  }

  private shouldRoll(size: number, lastOffset: bigint, nowMs: bigint): boolean {
    const seg = this.active;
    if (seg.isEmpty) return false;
    return (
      seg.size + size > this.config.segmentBytes ||
      nowMs - seg.createdMs > this.config.segmentMs ||
      lastOffset - seg.baseOffset > INT32_MAX ||
      seg.offsetIndex.entries >= Math.floor(this.config.segmentIndexBytes / 8) - 1 ||
      seg.timeIndex.entries >= Math.floor(this.config.segmentIndexBytes / 12) - 1
    );
  }

  /**
   * Starts a new active segment at `base`; the old one gets its final index entry and an fsync,
   * and the producer state a snapshot (named by the offset the state is exact at, which is the
   * log end before the append that caused the roll).
   */
  roll(base: bigint = this.logEndOffset): void {
    if (this.active.isEmpty) return;
    this.active.onBecomeInactive();
    this.producerState.takeSnapshot();
    // createdMs of an empty segment is irrelevant: the first append sets it.
    this.segments.push(LogSegment.open(this.dir, base, this.stats, this.config.indexIntervalBytes, 0n));
    this.active.nextOffset = base;
  }

  private segmentIndexFor(offset: bigint): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Whole batches starting with the one containing `offset`, up to maxBytes (but always at least
   * one batch), never past the high watermark. Continues into the next segment when the first
   * one is exhausted. Offsets outside [logStartOffset, HWM] throw OFFSET_OUT_OF_RANGE.
   */
  read(offset: bigint, maxBytes: number): Buffer {
    if (offset < this.startOffset || offset > this.highWatermark) {
      throw new LogError(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${offset} outside [${this.startOffset}, ${this.highWatermark}]`);
    }
    const parts: Buffer[] = [];
    let total = 0;
    for (let i = this.segmentIndexFor(offset); i < this.segments.length && total < maxBytes; i++) {
      const seg = this.segments[i]!;
      const batch = seg.findBatch(offset);
      if (!batch) continue;
      const data = seg.readBatches(batch.pos, maxBytes - total, total === 0);
      if (data.length === 0) break;
      parts.push(data);
      total += data.length;
      if (batch.pos + data.length < seg.size) break;
    }
    return parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  }

  /** ListOffsets by timestamp: first record with timestamp >= ts at or after logStartOffset. */
  offsetForTimestamp(ts: bigint): { offset: bigint; timestamp: bigint } | null {
    for (let i = this.segmentIndexFor(this.startOffset); i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (seg.maxTimestamp < ts) continue;
      const hit = seg.findByTimestamp(ts, this.startOffset);
      if (hit) return hit;
    }
    return null;
  }

  /** ListOffsets -3 (MAX_TIMESTAMP): the record with the largest timestamp; -1/-1 when empty. */
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } {
    let best: LogSegment | null = null;
    for (const s of this.segments) {
      if (s.offsetOfMaxTimestamp >= this.startOffset && (!best || s.maxTimestamp > best.maxTimestamp)) best = s;
    }
    return best ? best.maxTimestampOffset() : { offset: -1n, timestamp: -1n };
  }

  /** DeleteRecords: moves logStartOffset forward and drops segments entirely below it. */
  deleteRecordsBefore(offset: bigint): bigint {
    if (offset < 0n || offset > this.highWatermark) {
      throw new LogError(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${offset} outside [0, ${this.highWatermark}]`);
    }
    if (offset > this.startOffset) {
      this.startOffset = offset;
      this.persistStartOffset();
      this.deleteStartOffsetBreached();
      this.producerState.deleteSnapshotsBefore(this.segments[0]!.baseOffset);
      this.abortedTxns.dropSegmentsBelow(this.segments[0]!.baseOffset);
    }
    return this.startOffset;
  }

  private deleteStartOffsetBreached(): number {
    let n = 0;
    while (this.segments.length > 1 && this.segments[1]!.baseOffset <= this.startOffset) {
      this.segments.shift()!.delete();
      n++;
    }
    return n;
  }

  /**
   * Deletes whole segments from the front while `doomed` says so. The active segment is rolled
   * first when it too qualifies (as Kafka does), so only inactive segments are ever deleted.
   */
  private deleteOldest(doomed: (seg: LogSegment) => boolean): number {
    let n = 0;
    while (this.segments.length > 0) {
      const seg = this.segments[0]!;
      if (seg.isEmpty || !doomed(seg)) break;
      if (this.segments.length === 1) this.roll();
      this.segments.shift()!.delete();
      n++;
    }
    return n;
  }

  /** retention.ms / retention.bytes for cleanup.policy=delete. Returns segments deleted. */
  enforceRetention(nowMs: bigint): number {
    let n = this.deleteStartOffsetBreached();
    const { retentionMs, retentionBytes, cleanupDelete } = this.config;
    if (cleanupDelete && retentionMs >= 0n) {
      n += this.deleteOldest((s) => nowMs - this.largestTimestamp(s) > retentionMs);
    }
    if (cleanupDelete && retentionBytes >= 0n) {
      let excess = BigInt(this.sizeBytes) - retentionBytes;
      n += this.deleteOldest((s) => {
        if (excess - BigInt(s.size) < 0n) return false;
        excess -= BigInt(s.size);
        return true;
      });
    }
    const first = this.segments[0]!.baseOffset;
    if (first > this.startOffset) {
      this.startOffset = first;
      this.persistStartOffset();
    }
    if (n > 0) this.producerState.deleteSnapshotsBefore(this.segments[0]!.baseOffset);
    if (n > 0) this.abortedTxns.dropSegmentsBelow(this.segments[0]!.baseOffset);
    if (n > 0) this.logger.info(`${this.dir}: retention deleted ${n} segment(s); log start offset ${this.startOffset}`);
    return n;
  }

  /**
   * cleanup.policy=compact: keeps the latest record per key in the inactive segments below the
   * last stable offset and older than min.compaction.lag.ms once the bytes appended since the last pass reach
   * min.cleanable.dirty.ratio of them; records of aborted transactions go too. Returns the
   * bytes removed.
   */
  compact(nowMs: bigint): number {
    if (!this.config.cleanupCompact) return 0;
    // Only below the last stable offset, as Kafka: an open transaction may still abort.
    const lso = this.lastStableOffset;
    let inactive = this.segments.slice(0, -1).filter((s, i) => !s.isEmpty && this.segments[i + 1]!.baseOffset <= lso);
    // min.compaction.lag.ms, as Kafka's cleaner: the cleanable range ends at the first dirty
    // segment holding a record younger than the lag (by the segment's largest timestamp).
    const lagMs = this.config.minCompactionLagMs;
    if (lagMs > 0n) {
      const young = inactive.findIndex((s) => s.baseOffset >= this.cleanedUpTo && this.largestTimestamp(s) > nowMs - lagMs);
      if (young >= 0) inactive = inactive.slice(0, young);
    }
    const total = inactive.reduce((n, s) => n + s.size, 0);
    const dirty = inactive.filter((s) => s.baseOffset >= this.cleanedUpTo).reduce((n, s) => n + s.size, 0);
    if (total === 0 || dirty === 0 || dirty / total < this.config.minCleanableDirtyRatio) return 0;
    const aborted = (producerId: bigint, offset: bigint): boolean => this.abortedTxns.isAborted(producerId, offset);
    const latest = latestOffsets(inactive, aborted);
    let removed = 0;
    for (const seg of inactive) removed += compactSegment(seg, latest, { nowMs, deleteRetentionMs: this.config.deleteRetentionMs, aborted });
    const last = inactive[inactive.length - 1]!;
    this.cleanedUpTo = this.segments[this.segments.indexOf(last) + 1]!.baseOffset;
    if (removed > 0) this.logger.info(`${this.dir}: compaction removed ${removed} bytes of superseded records`);
    return removed;
  }

  /** A segment without any timestamps (all -1) falls back to its file mtime, as Kafka does. */
  private largestTimestamp(seg: LogSegment): bigint {
    return seg.maxTimestamp >= 0n ? seg.maxTimestamp : BigInt(Math.floor(fs.statSync(seg.logPath).mtimeMs));
  }

  private persistStartOffset(): void {
    writeStartCheckpoint(this.dir, this.startOffset);
    this.persistedStartOffset = this.startOffset;
  }

  flush(nowMs?: bigint): void {
    this.active.flush();
    this.unflushedMessages = 0n;
    if (nowMs !== undefined) this.lastFlushMs = nowMs;
  }

  /** flush.ms: called periodically by the owner. */
  flushIfDue(nowMs: bigint): void {
    if (this.unflushedMessages > 0n && nowMs - this.lastFlushMs >= this.config.flushMs) this.flush(nowMs);
  }

  /** producer.id.expiration.ms; returns the producers forgotten. */
  removeExpiredProducers(nowMs: bigint, expirationMs: bigint): number {
    return this.producerState.removeExpired(nowMs, expirationMs);
  }

  close(): void {
    for (const s of this.segments) s.close();
    if (this.startOffset !== this.persistedStartOffset) this.persistStartOffset();
    this.producerState.takeSnapshot();
  }
}
