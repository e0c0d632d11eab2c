import 'server-only';
import { promisify } from 'node:util';
import { unzip } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import snappyCodec from 'kafkajs-snappy';
import compression from 'kafkajs/src/protocol/message/compression/index.js';
import gzipCodec from 'kafkajs/src/protocol/message/compression/gzip.js';
import { lz4Frame, lz4Unframe } from './lz4-frame';

/**
 * Decompression of record batches for the free consumer (record-batches.ts), all pure
 * JavaScript so nothing needs a native build. The same codecs are registered with kafkajs
 * (only GZIP is built in) for the rare legacy message sets that kafkajs still decodes.
 */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** A batch's attributes & 7, as Kafka numbers its codecs. */
export const COMPRESSION_NAMES: readonly CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const snappy = (snappyCodec as () => Codec)();
const gunzip = promisify(unzip);

const lz4Codec: Codec = {
  async compress(encoder) {
    return lz4Frame(encoder.buffer);
  },
  async decompress(buffer) {
    return lz4Unframe(buffer);
  },
};

const zstdCodec: Codec = {
  async compress() {
    throw new Error('ZSTD compression is not available in the console (reading ZSTD batches is)');
  },
  async decompress(buffer) {
    const out = zstdDecompress(buffer);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  },
};

const { Codecs, Types } = compression as { Codecs: Record<number, () => Codec>; Types: Record<string, number> };
Codecs[Types.GZIP!] = () => gzipCodec as Codec;
Codecs[Types.Snappy!] = () => snappy;
Codecs[Types.LZ4!] = () => lz4Codec;
Codecs[Types.ZSTD!] = () => zstdCodec;

/** The records section of a batch compressed with `name`, decompressed. */
export async function decompress(name: CompressionName, data: Buffer): Promise<Buffer> {
  switch (name) {
    case 'none':
      return data;
    case 'gzip':
      return gunzip(data);
    case 'snappy':
      return snappy.decompress(data);
    case 'lz4':
      return lz4Codec.decompress(data);
    case 'zstd':
      return zstdCodec.decompress(data);
  }
}
