/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * serialized record. Protobuf records put the message indexes between the id and the body: which
 * message of the .proto file, as a zigzag varint count then zigzag varint indexes, with the
 * common [0] written as the single byte 0.
 */
export function wireSchemaId(bytes: Uint8Array): number | null {
  if (bytes.length < 5 || bytes[0] !== 0) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readInt32BE(1);
}

export function wireHeader(id: number): Buffer {
  const head = Buffer.alloc(5);
  head.writeInt32BE(id, 1);
  return head;
}

function readZigzag(bytes: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new Error('the message indexes run past the end of the record');
    const b = bytes[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new Error('a message index is longer than 32 bits');
  }
  return [result % 2 === 0 ? result / 2 : -(result + 1) / 2, pos];
}

function writeZigzag(n: number, out: number[]): void {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** The message indexes after the 5-byte header, and where the protobuf body starts. */
export function readMessageIndexes(bytes: Uint8Array): { indexes: number[]; offset: number } {
  const [count, first] = readZigzag(bytes, 5);
  let pos = first;
  if (count === 0) return { indexes: [0], offset: pos };
  if (count < 0 || count > 100) throw new Error(`implausible message index count ${count}`);
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) {
    const [idx, next] = readZigzag(bytes, pos);
    if (idx < 0) throw new Error(`negative message index ${idx}`);
    indexes.push(idx);
    pos = next;
  }
  return { indexes, offset: pos };
}

export function writeMessageIndexes(indexes: number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const out: number[] = [];
  writeZigzag(indexes.length, out);
  for (const i of indexes) writeZigzag(i, out);
  return Buffer.from(out);
}
