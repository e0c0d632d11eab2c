/**
 * An append-only file of CRC-framed entries, replayed at start: the durable state of the group
 * coordinator (`group-metadata.log`) and of the transaction coordinator (`transaction-state.log`).
 *
 * Framing: `u32 bodyLength | u32 crc32c(body) | body`. A crash can leave a torn or partial last
 * entry; replay stops at the first entry whose length or CRC does not check out and truncates
 * the file there, so only whole, acknowledged entries survive (the same rule as Kafka's
 * segment recovery).
 *
 * Durability: `append` writes synchronously, so an entry is in the page cache (and survives a
 * kill -9 of the broker) before it is acknowledged; `close` fsyncs.
 *
 * Compaction: when the file holds many more entries than live keys, the live state is written
 * to `<file>.compacting`, fsynced and renamed over the log (atomic), so the file stays
 * proportional to the live state instead of the write rate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { fsyncDir } from './fs-util.ts';

const FRAME_HEADER = 8;
/** A single entry larger than this is corruption, not data (coordinator records are small). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Compact once the file holds this many entries more than there are live keys... */
const MIN_GARBAGE_ENTRIES = 1000;
/** ...and at least this many entries per live key. */
const GARBAGE_RATIO = 2;

/** writeSync may write less than asked; loop until the whole buffer is in the file. */
function writeAll(fd: number, buf: Buffer): void {
  let written = 0;
  while (written < buf.length) written += fs.writeSync(fd, buf, written, buf.length - written);
}

export interface ReplayResult {
  records: number;
  truncatedBytes: number;
}

export interface EntryCodec<T> {
  encode(rec: T): Buffer;
  /** Throws on a body it cannot read; replay then stops there as at a bad CRC. */
  decode(body: Buffer): T;
}

export class FramedLog<T> {
  private fd: number;
  private entries = 0;

  protected constructor(
    readonly file: string,
    private readonly codec: EntryCodec<T>,
  ) {
    this.fd = fs.openSync(file, 'a');
  }

  /**
   * Opens (creating) `<dir>/<name>` and feeds every intact record to `apply`, oldest first.
   * `label` names the log in the truncation warning.
   */
  static openFramed<T>(
    dir: string,
    name: string,
    codec: EntryCodec<T>,
    apply: (rec: T) => void,
    warn: (line: string) => void,
    label: string,
  ): { log: FramedLog<T>; replay: ReplayResult } {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.rmSync(`${file}.compacting`, { force: true }); // an interrupted compaction; the old log is intact
    const replay = FramedLog.replayFile(file, codec, apply, warn, label);
    const log = new FramedLog(file, codec);
    log.entries = replay.records;
    return { log, replay };
  }

  protected static replayFile<T>(file: string, codec: EntryCodec<T>, apply: (rec: T) => void, warn: (line: string) => void, label: string): ReplayResult {
    const data = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    let pos = 0;
    let records = 0;
    while (pos + FRAME_HEADER <= data.length) {
      const length = data.readUInt32BE(pos);
      const crc = data.readUInt32BE(pos + 4);
      if (length > MAX_ENTRY_BYTES || pos + FRAME_HEADER + length > data.length) break;
      const body = data.subarray(pos + FRAME_HEADER, pos + FRAME_HEADER + length);
      if (crc32c(body) >>> 0 !== crc) break;
      let rec: T;
      try {
        rec = codec.decode(body);
      } catch {
        break;
      }
      apply(rec);
      records++;
      pos += FRAME_HEADER + length;
    }
    const truncatedBytes = data.length - pos;
    if (truncatedBytes > 0) {
      warn(`${label}: truncating ${truncatedBytes} bytes of torn or corrupt tail at position ${pos}`);
      fs.truncateSync(file, pos);
    }
    return { records, truncatedBytes };
  }

  private frame(rec: T): Buffer {
    const body = this.codec.encode(rec);
    const header = Buffer.allocUnsafe(FRAME_HEADER);
    header.writeUInt32BE(body.length, 0);
    header.writeUInt32BE(crc32c(body) >>> 0, 4);
    return Buffer.concat([header, body]);
  }

  /** Appends records in one write; returns once they are in the page cache. */
  append(records: readonly T[]): void {
    if (records.length === 0) return;
    const buf = Buffer.concat(records.map((r) => this.frame(r)));
    writeAll(this.fd, buf);
    this.entries += records.length;
  }

  /** Whether the log is mostly superseded records and should be rewritten from live state. */
  shouldCompact(liveKeys: number): boolean {
    return this.entries - liveKeys >= MIN_GARBAGE_ENTRIES && this.entries >= GARBAGE_RATIO * Math.max(liveKeys, 1);
  }

  /** Replaces the log with exactly `live` (crash-safe: the rename is the commit point). */
  rewrite(live: Iterable<T>): void {
    const tmp = `${this.file}.compacting`;
    const fd = fs.openSync(tmp, 'w');
    let count = 0;
    try {
      const batch: Buffer[] = [];
      for (const rec of live) {
        batch.push(this.frame(rec));
        count++;
        if (batch.length >= 1024) writeAll(fd, Buffer.concat(batch.splice(0)));
      }
      if (batch.length > 0) writeAll(fd, Buffer.concat(batch));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    fsyncDir(path.dirname(this.file));
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    this.entries = count;
  }

  get entryCount(): number {
    return this.entries;
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}
