/**
 * Base of the offset and time indexes: a fixed-size-entry index file mirrored by an in-memory Buffer holding the same bytes.
 * Kafka mmaps its indexes; here the whole (sparse, small) index is kept in memory and every
 * append is also written to the file, so a clean restart can load it with one read.
 * Loading is lazy: indexes of old segments cost nothing until someone looks something up.
 * No checksum: after an unclean shutdown the active segment's indexes are rebuilt from the log.
 */
import fs from 'node:fs';
import { CachedFile } from './cached-file.ts';

// Small: with lazy growth by doubling, tens of thousands of mostly idle partitions stay cheap.
const INITIAL_CAPACITY = 16;

export class IndexFile {
  private readonly file: CachedFile;
  private raw: Buffer | null = null;
  private count = 0;

  constructor(
    readonly path: string,
    readonly entrySize: number,
  ) {
    this.file = new CachedFile(path);
  }

  get entries(): number {
    this.load();
    return this.count;
  }

  get sizeBytes(): number {
    return this.entries * this.entrySize;
  }

  /** The bytes of entry `i` live at `bytes()[i * entrySize]`. */
  bytes(): Buffer {
    this.load();
    return this.raw!;
  }

  exists(): boolean {
    return this.raw !== null || fs.existsSync(this.path);
  }

  /** Makes sure the file exists on disk (an index with no entries is still a valid index). */
  touch(): void {
    this.load();
  }

  private load(): void {
    if (this.raw) return;
    const fd = this.file.fd();
    const fileSize = fs.fstatSync(fd).size;
    // A torn trailing partial entry is ignored and overwritten by the next append.
    this.count = Math.floor(fileSize / this.entrySize);
    this.raw = Buffer.alloc(Math.max(INITIAL_CAPACITY, this.count) * this.entrySize);
    if (this.count > 0) fs.readSync(fd, this.raw, 0, this.count * this.entrySize, 0);
  }

  protected appendEntry(entry: Buffer): void {
    this.load();
    const at = this.count * this.entrySize;
    if (at + this.entrySize > this.raw!.length) {
      const grown = Buffer.alloc(this.raw!.length * 2);
      this.raw!.copy(grown, 0, 0, at);
      this.raw = grown;
    }
    entry.copy(this.raw!, at, 0, this.entrySize);
    fs.writeSync(this.file.fd(), this.raw!, at, this.entrySize, at);
    this.count++;
  }

  /** Keeps the first `n` entries (n = 0 resets the index). */
  truncateTo(n: number): void {
    if (this.raw === null && n === 0) {
      // Resetting an index nobody has loaded needs no descriptor: truncate it by path (nothing
      // to do when absent). Otherwise every new, empty partition would hold two index fds and
      // a broker with thousands of topics runs out of file descriptors.
      if (fs.existsSync(this.path)) fs.truncateSync(this.path, 0);
      return;
    }
    this.load();
    this.count = Math.min(n, this.count);
    fs.ftruncateSync(this.file.fd(), this.count * this.entrySize);
  }

  flush(): void {
    if (this.raw !== null) fs.fsyncSync(this.file.fd());
  }

  /** Closes the file and drops the in-memory copy; a later access reloads it. */
  close(): void {
    if (this.raw !== null) fs.ftruncateSync(this.file.fd(), this.count * this.entrySize);
    this.file.close();
    this.raw = null;
    this.count = 0;
  }

  delete(): void {
    this.file.close();
    this.raw = null;
    this.count = 0;
    fs.rmSync(this.path, { force: true });
  }
}
