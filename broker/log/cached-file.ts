/**
 * File descriptors for log segments and indexes, opened on demand and closed least recently
 * used first once MAX_OPEN_FILES are open. A broker with tens of thousands of partitions would
 * otherwise hold three descriptors per segment and hit the process limit (EMFILE) at start-up.
 * Closing a descriptor loses nothing: written bytes are in the page cache, and fsync on a
 * reopened descriptor flushes the file, not the descriptor.
 */
import fs from 'node:fs';

/** Leaves room under common limits (1024 soft limits are raised by most service managers) for sockets. */
const MAX_OPEN_FILES = Number(process.env.KAYAK_MAX_OPEN_FILES ?? 4096);

/** Open descriptors, least recently used first (Map keeps insertion order). */
const openFiles = new Map<CachedFile, number>();

export class CachedFile {
  constructor(
    readonly path: string,
    private readonly flags: number = fs.constants.O_RDWR | fs.constants.O_CREAT,
  ) {}

  /** The descriptor, opened (and marked most recently used) now; use it at once. */
  fd(): number {
    const open = openFiles.get(this);
    if (open !== undefined) {
      openFiles.delete(this);
      openFiles.set(this, open);
      return open;
    }
    while (openFiles.size >= MAX_OPEN_FILES) {
      const [oldest, fd] = openFiles.entries().next().value as [CachedFile, number];
      openFiles.delete(oldest);
      fs.closeSync(fd);
    }
    const fd = fs.openSync(this.path, this.flags, 0o644);
    openFiles.set(this, fd);
    return fd;
  }

  get isOpen(): boolean {
    return openFiles.has(this);
  }

  close(): void {
    const fd = openFiles.get(this);
    if (fd === undefined) return;
    openFiles.delete(this);
    fs.closeSync(fd);
  }
}

/** How many descriptors the log holds now (for tests and diagnostics). */
export const openFileCount = (): number => openFiles.size;
