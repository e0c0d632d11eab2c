/**
 * Sparse time index (`.timeindex`): 12-byte entries (int64 max timestamp so far, int32 relative
 * offset of the batch that first reached it). Timestamps are strictly increasing, as in Kafka's
 * TimeIndex.maybeAppend, so "entries with timestamp < target" form a prefix.
 */
import { IndexFile } from './index-file.ts';

export const TIME_ENTRY_SIZE = 12;

export class TimeIndex extends IndexFile {
  private readonly entry = Buffer.alloc(TIME_ENTRY_SIZE);

  constructor(
    path: string,
    readonly baseOffset: bigint,
  ) {
    super(path, TIME_ENTRY_SIZE);
  }

  entryAt(i: number): { timestamp: bigint; offset: bigint } {
    const b = this.bytes();
    return { timestamp: b.readBigInt64BE(i * 12), offset: this.baseOffset + BigInt(b.readInt32BE(i * 12 + 8)) };
  }

  last(): { timestamp: bigint; offset: bigint } | null {
    const n = this.entries;
    return n === 0 ? null : this.entryAt(n - 1);
  }

  /** Appends only when the timestamp moves forward (the index stays strictly increasing). */
  maybeAppend(timestamp: bigint, offset: bigint): void {
    const last = this.last();
    if (last && timestamp <= last.timestamp) return;
    this.entry.writeBigInt64BE(timestamp, 0);
    this.entry.writeInt32BE(Number(offset - this.baseOffset), 8);
    this.appendEntry(this.entry);
  }

  /** Offset of the last entry whose timestamp is strictly below `target`, or null. */
  lastOffsetBefore(target: bigint): bigint | null {
    const b = this.bytes();
    let lo = 0;
    let hi = this.entries - 1;
    let found: bigint | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (b.readBigInt64BE(mid * 12) < target) {
        found = this.baseOffset + BigInt(b.readInt32BE(mid * 12 + 8));
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  isSane(maxOffset: bigint): boolean {
    let prevTs: bigint | null = null;
    for (let i = 0; i < this.entries; i++) {
      const e = this.entryAt(i);
      if ((prevTs !== null && e.timestamp <= prevTs) || e.offset < this.baseOffset || e.offset > maxOffset) return false;
      prevTs = e.timestamp;
    }
    return true;
  }

  reset(): void {
    this.truncateTo(0);
  }
}
