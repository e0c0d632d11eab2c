/**
 * Sparse offset index (`.index`): 8-byte entries (int32 offset - baseOffset, int32 file position).
 * An entry records the LAST offset of a batch and that batch's position, so "the largest entry
 * <= target" always points at or before the batch containing the target.
 */
import { IndexFile } from './index-file.ts';

export const OFFSET_ENTRY_SIZE = 8;

export class OffsetIndex extends IndexFile {
  private readonly entry = Buffer.alloc(OFFSET_ENTRY_SIZE);

  constructor(
    path: string,
    readonly baseOffset: bigint,
  ) {
    super(path, OFFSET_ENTRY_SIZE);
  }

  append(offset: bigint, position: number): void {
    this.entry.writeInt32BE(Number(offset - this.baseOffset), 0);
    this.entry.writeInt32BE(position, 4);
    this.appendEntry(this.entry);
  }

  entryAt(i: number): { offset: bigint; position: number } {
    const b = this.bytes();
    return { offset: this.baseOffset + BigInt(b.readInt32BE(i * 8)), position: b.readInt32BE(i * 8 + 4) };
  }

  last(): { offset: bigint; position: number } | null {
    const n = this.entries;
    return n === 0 ? null : this.entryAt(n - 1);
  }

  /** File position of the largest indexed offset <= target, or 0 when there is none. */
  lookup(target: bigint): number {
    const rel = target - this.baseOffset;
    if (rel < 0n) return 0;
    const relN = rel > 0x7fffffffn ? 0x7fffffff : Number(rel);
    const b = this.bytes();
    let lo = 0;
    let hi = this.entries - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (b.readInt32BE(mid * 8) <= relN) {
        found = b.readInt32BE(mid * 8 + 4);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Cheap structural check used before trusting an index after an unclean shutdown:
   * offsets and positions strictly increasing and every position inside the log file.
   */
  isSane(logSize: number): boolean {
    const b = this.bytes();
    let prevRel = -1;
    let prevPos = -1;
    for (let i = 0; i < this.entries; i++) {
      const rel = b.readInt32BE(i * 8);
      const pos = b.readInt32BE(i * 8 + 4);
      if (rel <= prevRel || pos <= prevPos || pos >= logSize) return false;
      prevRel = rel;
      prevPos = pos;
    }
    return true;
  }

  reset(): void {
    this.truncateTo(0);
  }
}
