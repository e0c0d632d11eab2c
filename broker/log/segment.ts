/**
 * One log segment: `<base>.log` with raw RecordBatch bytes, plus its `.index` and `.timeindex`.
 * Only the batch headers are ever parsed here; bodies are copied through untouched. The file
 * descriptor stays open; all I/O is synchronous so an acknowledged append is already in the
 * OS page cache (it survives kill -9) before the caller replies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HEADER_SIZE, LOG_OVERHEAD, Off, batchSizeAt, validateBatch } from './record-batch.ts';
import { forEachRecord } from './records.ts';
import { OffsetIndex } from './offset-index.ts';
import { TimeIndex } from './time-index.ts';
import { fsyncDir } from './fs-util.ts';
import { CachedFile } from './cached-file.ts';

/** Counts bytes read from segment files, so tests and metrics can check reads stay bounded. */
export interface IoStats {
  bytesRead: number;
}

export interface BatchMeta {
  pos: number;
  size: number;
  baseOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
  attributes: number;
}

export const segmentFileName = (baseOffset: bigint, ext: string): string => baseOffset.toString().padStart(20, '0') + ext;

const SCAN_BLOCK = 16 * 1024;
const RECOVER_BLOCK = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

function headerMeta(buf: Buffer, off: number, pos: number): BatchMeta {
  const baseOffset = buf.readBigInt64BE(off + Off.baseOffset);
  return {
    pos,
    size: batchSizeAt(buf, off),
    baseOffset,
    lastOffset: baseOffset + BigInt(buf.readInt32BE(off + Off.lastOffsetDelta)),
    maxTimestamp: buf.readBigInt64BE(off + Off.maxTimestamp),
    attributes: buf.readInt16BE(off + Off.attributes),
  };
}

export class LogSegment {
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  readonly logPath: string;
  /** Next offset after the last batch; exact for the active segment, which is the only user. */
  nextOffset: bigint;
  maxTimestamp = -1n;
  /** Last offset of the batch that first reached maxTimestamp (Kafka's "shallow" offset). */
  offsetOfMaxTimestamp = -1n;
  /** Wall-clock ms of the first append, for segment.ms rolls. */
  createdMs: bigint;
  indexIntervalBytes: number;
  private bytesSinceIndex = 0;
  /**
   * Written since the last fsync. Closing a clean segment skips the fsync: a clean stop of a
   * broker with tens of thousands of idle partitions would otherwise take one fsync per file.
   */
  private dirty = false;

  private constructor(
    readonly dir: string,
    readonly baseOffset: bigint,
    private file: CachedFile,
    public size: number,
    private readonly stats: IoStats,
    indexIntervalBytes: number,
    createdMs: bigint,
  ) {
    this.logPath = path.join(dir, segmentFileName(baseOffset, '.log'));
    this.offsetIndex = new OffsetIndex(path.join(dir, segmentFileName(baseOffset, '.index')), baseOffset);
    this.timeIndex = new TimeIndex(path.join(dir, segmentFileName(baseOffset, '.timeindex')), baseOffset);
    this.nextOffset = baseOffset;
    this.indexIntervalBytes = indexIntervalBytes;
    this.createdMs = createdMs;
  }

  /** Opens (creating if missing) the segment files. State is filled by loadClean() or recover(). */
  static open(dir: string, baseOffset: bigint, stats: IoStats, indexIntervalBytes: number, nowMs: bigint): LogSegment {
    const file = path.join(dir, segmentFileName(baseOffset, '.log'));
    const cached = new CachedFile(file);
    const st = fs.fstatSync(cached.fd());
    // After a restart the roll clock restarts from the file's creation time when the fs knows it.
    const created = st.size > 0 && st.birthtimeMs > 0 ? BigInt(Math.floor(st.birthtimeMs)) : nowMs;
    return new LogSegment(dir, baseOffset, cached, st.size, stats, indexIntervalBytes, created);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  readAt(pos: number, len: number): Buffer {
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(this.file.fd(), buf, got, len - got, pos + got);
      if (n === 0) break;
      got += n;
    }
    this.stats.bytesRead += got;
    return got === len ? buf : buf.subarray(0, got);
  }

  /**
   * Walks batches from `fromPos`. With `full` the whole batch is in `buf`, otherwise only its
   * 61-byte header is guaranteed (large bodies are skipped without being read). Stops at the end,
   * at a torn/implausible header, or when `visit` returns false. Returns the stop position.
   */
  walk(fromPos: number, full: boolean, visit: (meta: BatchMeta, buf: Buffer, off: number) => boolean): number {
    const blockSize = full ? RECOVER_BLOCK : SCAN_BLOCK;
    let block: Buffer = EMPTY;
    let blockStart = 0;
    let pos = fromPos;
    while (pos + HEADER_SIZE <= this.size) {
      if (pos < blockStart || pos + HEADER_SIZE > blockStart + block.length) {
        block = this.readAt(pos, Math.min(blockSize, this.size - pos));
        blockStart = pos;
        if (block.length < HEADER_SIZE) return pos;
      }
      const size = batchSizeAt(block, pos - blockStart);
      if (size < HEADER_SIZE || pos + size > this.size) return pos;
      if (full && pos + size > blockStart + block.length) {
        block = this.readAt(pos, Math.max(size, Math.min(blockSize, this.size - pos)));
        blockStart = pos;
        if (block.length < size) return pos;
      }
      const off = pos - blockStart;
      if (!visit(headerMeta(block, off, pos), block, off)) return pos;
      pos += size;
    }
    return pos;
  }

  /** Index bookkeeping for a batch now stored at `pos`, exactly as Kafka's LogSegment.append. */
  private indexBatch(pos: number, size: number, lastOffset: bigint, maxTimestamp: bigint): void {
    if (maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = maxTimestamp;
      this.offsetOfMaxTimestamp = lastOffset;
    }
    if (this.bytesSinceIndex > this.indexIntervalBytes) {
      this.offsetIndex.append(lastOffset, pos);
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += size;
    this.nextOffset = lastOffset + 1n;
  }

  /** Appends contiguous, already validated and patched batches buf[start, end). */
  append(buf: Buffer, start: number, end: number, batches: readonly BatchMeta[], nowMs: bigint): void {
    if (this.size === 0) this.createdMs = nowMs;
    this.dirty = true;
    const at = this.size;
    let written = 0;
    while (written < end - start) {
      written += fs.writeSync(this.file.fd(), buf, start + written, end - start - written, at + written);
    }
    for (const b of batches) this.indexBatch(at + (b.pos - start), b.size, b.lastOffset, b.maxTimestamp);
    this.size += end - start;
  }

  /**
   * Clean start: trust the indexes and read only the tail after the last offset-index entry to
   * find the next offset. Returns false when the tail does not parse (then the caller recovers).
   */
  loadClean(): boolean {
    const lastTime = this.timeIndex.last();
    if (lastTime) {
      this.maxTimestamp = lastTime.timestamp;
      this.offsetOfMaxTimestamp = lastTime.offset;
    }
    const start = this.offsetIndex.last()?.position ?? 0;
    let next = this.offsetIndex.last()?.offset ?? this.baseOffset;
    const end = this.walk(start, false, (m) => {
      next = m.lastOffset + 1n;
      if (m.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = m.maxTimestamp;
        this.offsetOfMaxTimestamp = m.lastOffset;
      }
      return true;
    });
    this.nextOffset = this.size === 0 ? this.baseOffset : next;
    return end === this.size;
  }

  /** Loads only what an inactive segment needs (its largest timestamp) from the time index. */
  loadInactive(): void {
    const lastTime = this.timeIndex.last();
    if (lastTime) {
      this.maxTimestamp = lastTime.timestamp;
      this.offsetOfMaxTimestamp = lastTime.offset;
    }
  }

  /** Whether this segment's indexes look usable without a rebuild (unclean start, old segments). */
  indexesLookSane(): boolean {
    if (!this.offsetIndex.exists() || !this.timeIndex.exists()) return false;
    if (!this.offsetIndex.isSane(this.size)) return false;
    const lastOff = this.offsetIndex.last()?.offset ?? this.baseOffset;
    return this.timeIndex.isSane(lastOff + 0x7fffffffn) && (this.size === 0 || this.timeIndex.entries > 0);
  }

  /**
   * Unclean start: re-validates every batch (length, magic, CRC, increasing offsets), rebuilds
   * both indexes and truncates the file at the first invalid byte. Returns the bytes dropped.
   */
  recover(): number {
    if (this.size > 0) this.dirty = true; // the indexes are rebuilt; an empty segment has nothing to sync
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.maxTimestamp = -1n;
    this.offsetOfMaxTimestamp = -1n;
    this.bytesSinceIndex = 0;
    this.nextOffset = this.baseOffset;
    const validEnd = this.walk(0, true, (m, buf, off) => {
      try {
        validateBatch(buf, off, off + m.size);
      } catch {
        return false;
      }
      if (m.baseOffset < this.nextOffset || m.lastOffset < m.baseOffset) return false;
      this.indexBatch(m.pos, m.size, m.lastOffset, m.maxTimestamp);
      return true;
    });
    this.appendFinalTimeEntry();
    const dropped = this.size - validEnd;
    if (dropped > 0) {
      fs.ftruncateSync(this.file.fd(), validEnd);
      this.size = validEnd;
    }
    return dropped;
  }

  /** The first batch whose last offset is >= `offset`, found via the sparse index. */
  findBatch(offset: bigint): BatchMeta | null {
    let found: BatchMeta | null = null;
    this.walk(this.offsetIndex.lookup(offset), false, (m) => {
      if (m.lastOffset < offset) return true;
      found = m;
      return false;
    });
    return found;
  }

  /**
   * Whole batches starting at `pos`, up to `maxBytes` in total. With `minOne` the first batch is
   * returned even when it alone exceeds maxBytes (Fetch must always make progress).
   */
  readBatches(pos: number, maxBytes: number, minOne: boolean): Buffer {
    const avail = this.size - pos;
    if (avail < HEADER_SIZE || (!minOne && maxBytes < HEADER_SIZE)) return EMPTY;
    const chunk = this.readAt(pos, Math.min(Math.max(maxBytes, HEADER_SIZE), avail));
    let end = 0;
    while (end + LOG_OVERHEAD <= chunk.length) {
      const size = batchSizeAt(chunk, end);
      if (size < HEADER_SIZE || end + size > chunk.length) break;
      end += size;
    }
    // A view, not a copy: the chunk was allocated for this read alone and lives only as long
    // as the Fetch response that carries it (copying here doubled the bytes touched per fetch).
    if (end > 0) return end === chunk.length ? chunk : chunk.subarray(0, end);
    if (!minOne) return EMPTY;
    const first = batchSizeAt(chunk, 0);
    return first >= HEADER_SIZE && first <= avail ? this.readAt(pos, first) : EMPTY;
  }

  /**
   * First record at or after `minOffset` whose timestamp is >= `ts` (Kafka ListOffsets by time).
   * Batches are located through the time and offset indexes; the record inside an uncompressed
   * batch is found by decoding record headers. Compressed batches are not decompressed: the
   * batch's first offset (>= minOffset) and its maxTimestamp are returned instead.
   */
  findByTimestamp(ts: bigint, minOffset: bigint): { offset: bigint; timestamp: bigint } | null {
    const before = this.timeIndex.lastOffsetBefore(ts);
    const start = before === null ? 0 : this.offsetIndex.lookup(before);
    let hit: BatchMeta | null = null;
    this.walk(start, false, (m) => {
      if (m.lastOffset < minOffset || m.maxTimestamp < ts) return true;
      hit = m;
      return false;
    });
    if (!hit) return null;
    const m: BatchMeta = hit;
    return (
      this.firstRecordMatching(m, (o, t) => o >= minOffset && t >= ts) ?? {
        offset: m.baseOffset > minOffset ? m.baseOffset : minOffset,
        timestamp: m.maxTimestamp,
      }
    );
  }

  /** Offset of the record carrying this segment's largest timestamp (batch granularity if compressed). */
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } {
    const fallback = { offset: this.offsetOfMaxTimestamp, timestamp: this.maxTimestamp };
    const m = this.findBatch(this.offsetOfMaxTimestamp);
    if (!m) return fallback;
    return this.firstRecordMatching(m, (_o, t) => t === this.maxTimestamp) ?? fallback;
  }

  private firstRecordMatching(m: BatchMeta, pred: (offset: bigint, timestamp: bigint) => boolean): { offset: bigint; timestamp: bigint } | null {
    const batch = this.readAt(m.pos, m.size);
    let found: { offset: bigint; timestamp: bigint } | null = null;
    try {
      forEachRecord(batch, 0, batch.length, (r) => {
        if (!pred(r.offset, r.timestamp)) return true;
        found = { offset: r.offset, timestamp: r.timestamp };
        return false;
      });
    } catch {
      return null; // malformed record bodies are the client's problem; fall back to batch level
    }
    return found;
  }

  /** Called at roll: final time-index entry (as Kafka's onBecomeInactiveSegment), then fsync. */
  onBecomeInactive(): void {
    this.appendFinalTimeEntry();
    this.offsetIndex.touch();
    this.timeIndex.touch();
    this.flush();
  }

  flush(): void {
    fs.fsyncSync(this.file.fd());
    this.offsetIndex.flush();
    this.timeIndex.flush();
    this.dirty = false;
  }

  /** Records the segment's largest timestamp so a reload needs no scan to know it. */
  private appendFinalTimeEntry(): void {
    if (this.offsetOfMaxTimestamp >= this.baseOffset) {
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
    }
  }

  close(): void {
    // An empty segment needs no index files (a restart rebuilds nothing from nothing): creating
    // two files per never-written partition made a clean stop with thousands of them slow.
    let indexGrew = false;
    if (this.size > 0) {
      const timeEntries = this.timeIndex.entries; // also makes sure the file exists (touch)
      this.appendFinalTimeEntry();
      this.offsetIndex.touch(); // so a clean restart finds both indexes and trusts them
      indexGrew = this.timeIndex.entries !== timeEntries;
    }
    if (this.dirty || indexGrew) this.flush();
    this.offsetIndex.close();
    this.timeIndex.close();
    this.file.close();
  }

  /**
   * Swaps in a rewritten copy of this inactive segment (compaction). The indexes go first, so a
   * crash before the rename leaves the old log with missing indexes (rebuilt at open); the
   * rename is the commit point; the indexes are then rebuilt from the new file.
   */
  replaceWith(rewrittenPath: string): void {
    this.file.close();
    this.offsetIndex.delete();
    this.timeIndex.delete();
    fs.renameSync(rewrittenPath, this.logPath);
    fsyncDir(this.dir);
    this.size = fs.fstatSync(this.file.fd()).size;
    this.recover();
    this.onBecomeInactive();
  }

  /**
   * Removes the segment's files. The .log is renamed first (the atomic commit point), so a crash
   * mid-way leaves only a `.deleted` file and orphan indexes, both swept at the next open.
   */
  delete(): void {
    this.file.close();
    const doomed = this.logPath + '.deleted';
    fs.renameSync(this.logPath, doomed);
    this.offsetIndex.delete();
    this.timeIndex.delete();
    fs.rmSync(path.join(this.dir, segmentFileName(this.baseOffset, '.txnindex')), { force: true });
    fs.rmSync(doomed, { force: true });
  }
}
