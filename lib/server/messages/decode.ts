import 'server-only';
import { decode as msgpackDecode } from '@msgpack/msgpack';
import type { DecodedDto, DecodedFormat, FormatName } from '../../messages/dto';
import { hexDump } from '../../messages/hex-dump';
import { parseJsonTree, printJsonTree } from '../../messages/json-tree';
import { toJsonText } from './json-text';
import type { RegistrySettings } from '../schema-registry/config';
import { readMessageIndexes, wireSchemaId } from './confluent-wire';
import { decodeProtobuf } from './protobuf';
import { decodeWithRegistry } from './registry-decode';
import { avroFileType } from './avro-files';

/**
 * Turns key, value and header bytes into display text. `auto` picks, in order: Confluent's wire
 * format (magic byte 0 + schema id, when the cluster has a registry: Avro, Protobuf or JSON
 * Schema, whatever the id's schema is), JSON, UTF-8 text, MessagePack
 * (maps and arrays only: random bytes often decode as a lone msgpack scalar), then hex. Bytes
 * that are not clean UTF-8 are never shown as text.
 */
export interface DecodeOptions {
  format: FormatName;
  /** protobuf message type, for format "protobuf" */
  protoType?: string;
  /** Avro schema file (from KAYAK_AVRO_SCHEMA_DIR), for format "avro" without a registry */
  avroSchema?: string;
  /** the cluster's schema registry, if it has one */
  registry?: RegistrySettings | null;
  /** cut display text at this many characters; 0 = no limit */
  maxChars: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 without control characters other than tab, CR and LF. */
function asText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

function prettyJson(text: string): string {
  return printJsonTree(parseJsonTree(text.trim()));
}

function confluentSchemaId(bytes: Uint8Array): number | null {
  return bytes.length < 6 ? null : wireSchemaId(bytes);
}

type SchemaInfo = Pick<DecodedDto, 'schemaId' | 'schemaType' | 'subject' | 'version' | 'messageType'>;

interface Rendered extends SchemaInfo {
  format: DecodedFormat;
  text: string;
  structured: boolean;
}

async function fromRegistry(bytes: Buffer, opts: DecodeOptions): Promise<Rendered> {
  if (!opts.registry) throw new Error('this cluster has no schema registry configured');
  const { value, schema, messageType } = await decodeWithRegistry(opts.registry, bytes);
  const format: DecodedFormat = schema.schemaType === 'AVRO' ? 'avro' : schema.schemaType === 'PROTOBUF' ? 'protobuf' : 'json';
  return {
    format,
    text: toJsonText(value),
    structured: true,
    schemaId: schema.id,
    schemaType: schema.schemaType,
    ...(schema.subject !== undefined ? { subject: schema.subject, version: schema.version } : {}),
    ...(messageType ? { messageType } : {}),
  };
}

async function render(format: DecodedFormat, bytes: Buffer, opts: DecodeOptions): Promise<Rendered> {
  switch (format) {
    case 'utf8': {
      const text = asText(bytes);
      if (text === null) throw new Error('not valid UTF-8 text');
      return { format, text, structured: false };
    }
    case 'json': {
      const text = asText(bytes);
      if (text === null) throw new Error('not valid UTF-8 text');
      return { format, text: prettyJson(text), structured: true };
    }
    case 'hex':
      return { format, text: hexDump(bytes, opts.maxChars > 0 ? Math.ceil(opts.maxChars / 4) : Infinity), structured: false };
    case 'base64':
      return { format, text: bytes.toString('base64'), structured: false };
    case 'msgpack':
      return { format, text: toJsonText(msgpackDecode(bytes, { useBigInt64: true })), structured: true };
    case 'registry':
      return fromRegistry(bytes, opts);
    case 'avro': {
      if (opts.avroSchema) {
        // A schema file: plain Avro binary, or the wire format with its 5-byte header skipped.
        const type = avroFileType(opts.avroSchema);
        for (const start of confluentSchemaId(bytes) !== null ? [0, 5] : [0]) {
          const { value, offset } = type.decode(bytes, start);
          if (offset === bytes.length) return { format, text: toJsonText(value), structured: true, messageType: opts.avroSchema };
        }
        throw new Error(`the Avro schema ${opts.avroSchema} does not match the record`);
      }
      const r = await fromRegistry(bytes, opts);
      if (r.schemaType !== 'AVRO') throw new Error(`schema ${r.schemaId} is ${r.schemaType}, not Avro`);
      return r;
    }
    case 'protobuf': {
      if (!opts.protoType) throw new Error('choose a protobuf message type');
      try {
        return { format, text: toJsonText(decodeProtobuf(opts.protoType, bytes)), structured: true };
      } catch (e) {
        // Confluent's protobuf wire format: magic 0, schema id, message indexes, then the message.
        const id = confluentSchemaId(bytes);
        if (id === null) throw e;
        const { offset } = readMessageIndexes(bytes);
        return { format, text: toJsonText(decodeProtobuf(opts.protoType, bytes.subarray(offset))), structured: true, schemaId: id };
      }
    }
  }
}

async function detect(bytes: Buffer, opts: DecodeOptions): Promise<Rendered> {
  if (opts.registry && confluentSchemaId(bytes) !== null) {
    try {
      return await fromRegistry(bytes, opts);
    } catch {
      // not in the wire format after all (or its schema is unknown): try the others
    }
  }
  const text = asText(bytes);
  if (text !== null) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return { format: 'json', text: prettyJson(text), structured: true };
      } catch {
        // plain text that happens to start with a bracket
      }
    }
    return { format: 'utf8', text, structured: false };
  }
  if (bytes[0] !== undefined && ((bytes[0] >= 0x80 && bytes[0] <= 0x9f) || bytes[0] === 0xdc || bytes[0] === 0xdd || bytes[0] === 0xde || bytes[0] === 0xdf)) {
    try {
      return await render('msgpack', bytes, opts);
    } catch {
      // not msgpack
    }
  }
  return render('hex', bytes, opts);
}

export async function decodeBytes(bytes: Buffer | null, opts: DecodeOptions): Promise<DecodedDto | null> {
  if (bytes === null) return null;
  let rendered: Rendered;
  let error: string | undefined;
  if (opts.format === 'auto') {
    rendered = await detect(bytes, opts);
  } else {
    try {
      rendered = await render(opts.format, bytes, opts);
    } catch (e) {
      error = `Not ${opts.format}: ${e instanceof Error ? e.message : String(e)}`;
      rendered = await render('hex', bytes, opts);
    }
  }
  const cut = opts.maxChars > 0 && rendered.text.length > opts.maxChars;
  return {
    format: rendered.format,
    detected: opts.format === 'auto',
    text: cut ? rendered.text.slice(0, opts.maxChars) : rendered.text,
    structured: rendered.structured && !cut,
    size: bytes.length,
    truncated: cut,
    ...(error ? { error } : {}),
    ...(rendered.schemaId !== undefined ? { schemaId: rendered.schemaId } : {}),
    ...(rendered.schemaType ? { schemaType: rendered.schemaType } : {}),
    ...(rendered.subject !== undefined ? { subject: rendered.subject, version: rendered.version } : {}),
    ...(rendered.messageType ? { messageType: rendered.messageType } : {}),
  };
}
