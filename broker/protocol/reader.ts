/**
 * Bounds-checked reader for Kafka wire primitives. Every length read from the wire is checked
 * against the bytes that remain before anything is allocated, so a hostile frame can only
 * produce a ProtocolParseError, never a huge allocation.
 */
export class ProtocolParseError extends Error {
  override name = 'ProtocolParseError';
}

const EMPTY = Buffer.alloc(0);
const TWO_32 = 2 ** 32;
/** High words whose 64-bit value stays within ±2^53 (exact as a Number). */
const SAFE_HIGH = 2 ** 21;

export class Reader {
  offset: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
    readonly end = buf.length,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): number {
    const at = this.offset;
    if (n < 0 || at + n > this.end) {
      throw new ProtocolParseError(`need ${n} bytes at ${at}, only ${this.end - at} remain`);
    }
    this.offset = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }
  int64(): bigint {
    const at = this.need(8);
    const high = this.buf.readInt32BE(at);
    // |value| < 2^53: one BigInt from an exact Number, where readBigInt64BE builds several.
    if (high >= -SAFE_HIGH && high < SAFE_HIGH) return BigInt(high * TWO_32 + this.buf.readUInt32BE(at + 4));
    return this.buf.readBigInt64BE(at);
  }
  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }
  bool(): boolean {
    return this.int8() !== 0;
  }

  uvarint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buf[this.need(1)] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
      if (shift > 28) throw new ProtocolParseError('varint is too long');
    }
  }

  varint(): number {
    const raw = this.uvarint();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  varlong(): bigint {
    let raw = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.need(1)] as number;
      raw |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new ProtocolParseError('varlong is too long');
    }
    return (raw >> 1n) ^ -(raw & 1n);
  }

  uuid(): Buffer {
    return this.slice(16);
  }

  slice(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  /** Length prefix: int16/int32 in classic versions, unsigned varint (length + 1) in flexible ones. */
  private length(flex: boolean, wide: boolean): number {
    if (flex) return this.uvarint() - 1;
    return wide ? this.int32() : this.int16();
  }

  nullableString(flex: boolean): string | null {
    const n = this.length(flex, false);
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }
  string(flex: boolean): string {
    return this.nullableString(flex) ?? '';
  }

  nullableBytes(flex: boolean): Buffer | null {
    const n = this.length(flex, true);
    if (n < 0) return null;
    return n === 0 ? EMPTY : this.slice(n);
  }
  bytes(flex: boolean): Buffer {
    return this.nullableBytes(flex) ?? EMPTY;
  }

  nullableArray<T>(flex: boolean, item: () => T): T[] | null {
    const n = this.length(flex, true);
    if (n < 0) return null;
    // Every element takes at least one byte, so a count beyond the remaining bytes is garbage.
    if (n > this.remaining) throw new ProtocolParseError(`array of ${n} items exceeds the frame`);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item();
    return out;
  }
  array<T>(flex: boolean, item: () => T): T[] {
    return this.nullableArray(flex, item) ?? [];
  }

  /** Reads a tagged-field section, handing each tag's bytes to `onTag` as a bounded sub-reader. */
  taggedFields(onTag: (tag: number, field: Reader) => void): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint();
      const size = this.uvarint();
      const start = this.need(size);
      onTag(tag, new Reader(this.buf, start, start + size));
    }
  }
}
