import 'server-only';
import protobuf from 'protobufjs';
import { parseExactJson } from '../../messages/lossless-json';
import type { RegistrySettings } from '../schema-registry/config';
import { readMessageIndexes, wireSchemaId } from './confluent-wire';
import { schemaById, type ResolvedSchema } from './schema-registry';

/** Decodes a record in Confluent's wire format with the schema its id names, whatever its type. */
export const PROTO_OBJECT_OPTIONS: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String, defaults: false, arrays: true, oneofs: true };

/** The message type that the indexes name: top-level message i, then its nested message j, … */
export function protoTypeAt(s: ResolvedSchema, indexes: number[]): protobuf.Type {
  let list = s.proto!.messages;
  let type: protobuf.Type | undefined;
  for (const i of indexes) {
    type = list[i];
    if (!type) throw new Error(`schema ${s.id} has no message at index ${indexes.join('.')}`);
    list = type.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
  }
  if (!type) throw new Error('no message index');
  return type;
}

export async function decodeWithRegistry(r: RegistrySettings, bytes: Buffer): Promise<{ value: unknown; schema: ResolvedSchema; messageType?: string }> {
  const id = wireSchemaId(bytes);
  if (id === null) throw new Error('not in the schema registry wire format (magic byte 0 + 4-byte schema id)');
  const schema = await schemaById(r, id);
  switch (schema.schemaType) {
    case 'AVRO': {
      const { value, offset } = schema.avro!.decode(bytes, 5);
      if (offset !== bytes.length) throw new Error(`Avro schema ${id} does not match the record (${offset < 0 ? 'truncated' : 'trailing bytes'})`);
      return { value, schema };
    }
    case 'PROTOBUF': {
      const { indexes, offset } = readMessageIndexes(bytes);
      const type = protoTypeAt(schema, indexes);
      const msg = type.decode(bytes.subarray(offset));
      return { value: type.toObject(msg, PROTO_OBJECT_OPTIONS), schema, messageType: type.fullName.replace(/^\./, '') };
    }
    case 'JSON': {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(5));
      // 64-bit ids in JSON records keep every digit
      return { value: parseExactJson(text), schema };
    }
  }
}
