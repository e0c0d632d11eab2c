import 'server-only';
import { decompress as zstdDecompress } from 'fzstd';
import snappyCodec from 'kafkajs-snappy';
import compression from 'kafkajs/src/protocol/message/compression/index.js';
import gzipCodec from 'kafkajs/src/protocol/message/compression/gzip.js';
import { lz4Frame, lz4Unframe } from './lz4-frame';

/**
 * Registers Snappy, LZ4 and ZSTD with kafkajs (only GZIP is built in), all pure JavaScript so
 * nothing needs a native build. kafkajs forgets a batch's compression once it is decoded, so
 * every codec copies its output into a buffer of its own and remembers which codec made it:
 * records are slices of that buffer, and `compressionOf` looks their memory up.
 */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const madeBy = new WeakMap<ArrayBufferLike, CompressionName>();

function tagged(name: CompressionName, codec: Codec): () => Codec {
  return () => ({
    compress: (encoder) => codec.compress(encoder),
    async decompress(buffer) {
      const out = await codec.decompress(buffer);
      // A fresh ArrayBuffer: small Buffers share Node's pool, which would mix batches up.
      const own = Buffer.from(new ArrayBuffer(out.length));
      out.copy(own);
      madeBy.set(own.buffer, name);
      return own;
    },
  });
}

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
Codecs[Types.GZIP!] = tagged('gzip', gzipCodec as Codec);
Codecs[Types.Snappy!] = tagged('snappy', (snappyCodec as () => Codec)());
Codecs[Types.LZ4!] = tagged('lz4', lz4Codec);
Codecs[Types.ZSTD!] = tagged('zstd', zstdCodec);

/** The compression of the batch a record came from, judged by the memory its bytes live in. */
export function compressionOf(...parts: (Buffer | null | undefined)[]): CompressionName {
  for (const p of parts) if (p && p.length > 0) return madeBy.get(p.buffer) ?? 'none';
  return 'none';
}

export const codecsRegistered = true;
