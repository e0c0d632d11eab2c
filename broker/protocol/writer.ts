/**
 * Growable writer for Kafka wire primitives. Large byte fields (record batches) are kept as
 * separate chunks instead of being copied, so a Fetch response hands the log's buffers
 * straight to the socket.
 */
const ZERO_COPY_THRESHOLD = 4096;
const TWO_32 = 2 ** 32;
/** Integers up to 2^53 convert to a Number and back exactly. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class Writer {
  private chunks: Buffer[] = [];
  private buf: Buffer;
  private pos = 0;
  private flushedLength = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.flushedLength + this.pos;
  }

  private ensure(n: number): number {
    if (this.pos + n > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n, 256));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(v: number): this {
    const at = this.ensure(1);
    this.buf.writeInt8(v, at);
    return this;
  }
  int16(v: number): this {
    const at = this.ensure(2);
    this.buf.writeInt16BE(v, at);
    return this;
  }
  uint16(v: number): this {
    const at = this.ensure(2);
    this.buf.writeUInt16BE(v, at);
    return this;
  }
  int32(v: number): this {
    const at = this.ensure(4);
    this.buf.writeInt32BE(v, at);
    return this;
  }
  uint32(v: number): this {
    const at = this.ensure(4);
    this.buf.writeUInt32BE(v, at);
    return this;
  }
  int64(v: bigint): this {
    const at = this.ensure(8);
    if (v >= -SAFE && v <= SAFE) {
      // Offsets, timestamps and -1s: two 32-bit words from a Number, where writeBigInt64BE
      // allocates several BigInts per call (a 10,000-partition answer writes 20,000 of these).
      const n = Number(v);
      const high = Math.floor(n / TWO_32);
      this.buf.writeInt32BE(high, at);
      this.buf.writeUInt32BE(n - high * TWO_32, at + 4);
    } else {
      this.buf.writeBigInt64BE(BigInt.asIntN(64, v), at);
    }
    return this;
  }
  float64(v: number): this {
    const at = this.ensure(8);
    this.buf.writeDoubleBE(v, at);
    return this;
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  private byte(b: number): void {
    const at = this.ensure(1);
    this.buf[at] = b;
  }

  uvarint(v: number): this {
    let rest = v >>> 0;
    while (rest >= 0x80) {
      this.byte((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    this.byte(rest);
    return this;
  }

  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  varlong(v: bigint): this {
    let rest = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    while (rest >= 0x80n) {
      this.byte(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.byte(Number(rest));
    return this;
  }

  raw(bytes: Uint8Array): this {
    if (bytes.length >= ZERO_COPY_THRESHOLD) {
      this.flushCurrent();
      this.chunks.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      this.flushedLength += bytes.length;
      return this;
    }
    const at = this.ensure(bytes.length);
    this.buf.set(bytes, at);
    return this;
  }

  uuid(v: Uint8Array): this {
    if (v.length !== 16) throw new RangeError('a UUID is 16 bytes');
    return this.raw(v);
  }

  private lengthPrefix(flex: boolean, wide: boolean, n: number): this {
    if (flex) return this.uvarint(n + 1);
    return wide ? this.int32(n) : this.int16(n);
  }

  nullableString(flex: boolean, v: string | null): this {
    if (v === null) return this.lengthPrefix(flex, false, -1);
    const n = Buffer.byteLength(v);
    this.lengthPrefix(flex, false, n);
    const at = this.ensure(n);
    this.buf.write(v, at, n, 'utf8');
    return this;
  }
  string(flex: boolean, v: string): this {
    return this.nullableString(flex, v);
  }

  nullableBytes(flex: boolean, v: Uint8Array | null): this {
    if (v === null) return this.lengthPrefix(flex, true, -1);
    return this.lengthPrefix(flex, true, v.length).raw(v);
  }
  bytes(flex: boolean, v: Uint8Array): this {
    return this.nullableBytes(flex, v);
  }

  nullableArray<T>(flex: boolean, items: readonly T[] | null, item: (v: T) => void): this {
    if (items === null) return this.lengthPrefix(flex, true, -1);
    this.lengthPrefix(flex, true, items.length);
    for (const v of items) item(v);
    return this;
  }
  array<T>(flex: boolean, items: readonly T[], item: (v: T) => void): this {
    return this.nullableArray(flex, items, item);
  }

  /** Writes one tagged field: its tag, then its body's size, then the body itself. */
  taggedField(tag: number, body: (w: Writer) => void): this {
    const inner = new Writer();
    body(inner);
    this.uvarint(tag).uvarint(inner.length);
    for (const chunk of inner.toChunks()) this.raw(chunk);
    return this;
  }

  private flushCurrent(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushedLength += this.pos;
    this.buf = Buffer.allocUnsafe(Math.max(256, this.buf.length - this.pos));
    this.pos = 0;
  }

  toChunks(): Buffer[] {
    this.flushCurrent();
    return this.chunks;
  }

  toBuffer(): Buffer {
    const chunks = this.toChunks();
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  }
}
