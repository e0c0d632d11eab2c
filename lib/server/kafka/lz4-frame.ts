import lz4 from 'lz4js';
import xxh32 from 'lz4js/xxh32.js';

/**
 * LZ4 frames that Apache Kafka accepts. lz4js writes frames without the block-independence flag,
 * and Kafka refuses those ("Dependent block stream is unsupported", an UNKNOWN_SERVER_ERROR on
 * produce). Each ≤4 MiB block is compressed on its own (a fresh lz4js frame per block, so no
 * match reaches into an earlier block) and the blocks are put under one header that says so.
 * No `server-only` here: the tests produce LZ4 batches with it too.
 */
const MAGIC = 0x184d2204;
const FLG = 0x40 | 0x20; // version 01, independent blocks, no checksums
const BD = 7 << 4; // 4 MiB maximum block size, what lz4js uses
const MAX_BLOCK = 4 << 20;
const HEADER = 7; // magic, FLG, BD, header checksum
const END_MARK = 4;

export function lz4Frame(data: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header[4] = FLG;
  header[5] = BD;
  header[6] = (xxh32.hash(0, header, 4, 2) >> 8) & 0xff;
  const blocks: Buffer[] = [header];
  for (let at = 0; at < data.length; at += MAX_BLOCK) {
    const frame = lz4.compress(data.subarray(at, at + MAX_BLOCK));
    blocks.push(Buffer.from(frame.buffer, frame.byteOffset + HEADER, frame.byteLength - HEADER - END_MARK));
  }
  blocks.push(Buffer.alloc(END_MARK));
  return Buffer.concat(blocks);
}

export function lz4Unframe(data: Uint8Array): Buffer {
  return Buffer.from(lz4.decompress(data));
}
