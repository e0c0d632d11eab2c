/**
 * A partition's aborted transactions (Kafka's TransactionIndex): one `<segment base>.txnindex`
 * file per segment, each entry `version i16 (0) | producerId i64 | firstOffset i64 | lastOffset
 * i64 | lastStableOffset i64` (34 bytes, Kafka's layout), written when an ABORT marker lands in
 * that segment. READ_COMMITTED fetches return the entries overlapping the fetched range so
 * consumers can drop the aborted records. All entries are kept in memory (there are few).
 */
import fs from 'node:fs';
import path from 'node:path';
import { segmentFileName } from '../log/segment.ts';

export interface AbortedTxn {
  producerId: bigint;
  firstOffset: bigint;
  /** Offset of the ABORT marker. */
  lastOffset: bigint;
  lastStableOffset: bigint;
  /** Base offset of the segment whose .txnindex holds the entry. */
  segment: bigint;
}

const ENTRY = 34;
const fileOf = (dir: string, segment: bigint): string => path.join(dir, segmentFileName(segment, '.txnindex'));

export class AbortedTxnIndex {
  /** Sorted by lastOffset. */
  private entries: AbortedTxn[] = [];

  constructor(private readonly dir: string) {}

  /** Reads every segment's index; entries at or past `logEnd` (a truncated tail) are dropped. */
  load(segments: readonly bigint[], logEnd: bigint): void {
    this.entries = [];
    for (const segment of segments) {
      let buf: Buffer;
      try {
        buf = fs.readFileSync(fileOf(this.dir, segment));
      } catch {
        continue;
      }
      const whole = buf.length - (buf.length % ENTRY);
      let kept = 0;
      for (let o = 0; o < whole; o += ENTRY) {
        if (buf.readInt16BE(o) !== 0) break;
        const e = {
          producerId: buf.readBigInt64BE(o + 2),
          firstOffset: buf.readBigInt64BE(o + 10),
          lastOffset: buf.readBigInt64BE(o + 18),
          lastStableOffset: buf.readBigInt64BE(o + 26),
          segment,
        };
        if (e.lastOffset >= logEnd) break;
        this.entries.push(e);
        kept += ENTRY;
      }
      if (kept !== buf.length) fs.truncateSync(fileOf(this.dir, segment), kept);
    }
    this.entries.sort((a, b) => (a.lastOffset < b.lastOffset ? -1 : a.lastOffset > b.lastOffset ? 1 : 0));
  }

  has(lastOffset: bigint): boolean {
    return this.entries.some((e) => e.lastOffset === lastOffset);
  }

  /** Appends an entry to its segment's file (synchronously: it must not lag the marker). */
  add(e: AbortedTxn): void {
    if (this.has(e.lastOffset)) return;
    const buf = Buffer.alloc(ENTRY);
    buf.writeInt16BE(0, 0);
    buf.writeBigInt64BE(e.producerId, 2);
    buf.writeBigInt64BE(e.firstOffset, 10);
    buf.writeBigInt64BE(e.lastOffset, 18);
    buf.writeBigInt64BE(e.lastStableOffset, 26);
    fs.appendFileSync(fileOf(this.dir, e.segment), buf);
    this.entries.push(e);
  }

  /** Kafka's collectAbortedTxns: aborted transactions overlapping [fetchOffset, upperBound). */
  collect(fetchOffset: bigint, upperBound: bigint): AbortedTxn[] {
    return this.entries.filter((e) => e.lastOffset >= fetchOffset && e.firstOffset < upperBound);
  }

  /** Whether the data at `offset` written by `producerId` belongs to an aborted transaction. */
  isAborted(producerId: bigint, offset: bigint): boolean {
    return this.entries.some((e) => e.producerId === producerId && e.firstOffset <= offset && offset < e.lastOffset);
  }

  /** Forgets entries of deleted segments (their files went with them). */
  dropSegmentsBelow(firstSegment: bigint): void {
    for (const e of this.entries) if (e.segment < firstSegment) fs.rmSync(fileOf(this.dir, e.segment), { force: true });
    this.entries = this.entries.filter((e) => e.segment >= firstSegment);
  }

  get size(): number {
    return this.entries.length;
  }
}
