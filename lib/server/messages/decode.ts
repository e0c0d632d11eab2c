import 'server-only';
import { decode as msgpackDecode } from '@msgpack/msgpack';
import type { DecodedDto, DecodedFormat, FormatName } from '../../messages/dto';
import { hexDump } from '../../messages/hex-dump';
import { parseJsonTree, printJsonTree } from '../../messages/json-tree';
import { toJsonText } from './json-text';
import { decodeProtobuf } from './protobuf';
import { avroTypeById, schemaRegistryUrl } from './schema-registry';

/**
 * Turns key, value and header bytes into display text. `auto` picks, in order: Confluent Avro
 * (magic byte 0 + schema id, when a registry is configured), JSON, UTF-8 text, MessagePack
 * (maps and arrays only: random bytes often decode as a lone msgpack scalar), then hex. Bytes
 * that are not clean UTF-8 are never shown as text.
 */
export interface DecodeOptions {
  format: FormatName;
  /** protobuf message type, for format "protobuf" */
  protoType?: string;
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
  if (bytes.length < 6 || bytes[0] !== 0) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readInt32BE(1);
}

interface Rendered {
  format: DecodedFormat;
  text: string;
  structured: boolean;
  schemaId?: number;
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
    case 'avro': {
      const id = confluentSchemaId(bytes);
      if (id === null) throw new Error('not in the schema registry wire format (magic byte 0 + 4-byte schema id)');
      const type = await avroTypeById(id);
      const { value, offset } = type.decode(bytes, 5);
      if (offset !== bytes.length) throw new Error(`Avro schema ${id} does not match the record (${offset < 0 ? 'truncated' : 'trailing bytes'})`);
      return { format, text: toJsonText(value), structured: true, schemaId: id };
    }
    case 'protobuf': {
      if (!opts.protoType) throw new Error('choose a protobuf message type');
      try {
        return { format, text: toJsonText(decodeProtobuf(opts.protoType, bytes)), structured: true };
      } catch (e) {
        // Confluent's protobuf wire format: magic 0, schema id, then message indexes ([0] as one byte).
        const id = confluentSchemaId(bytes);
        if (id === null || bytes[5] !== 0) throw e;
        return { format, text: toJsonText(decodeProtobuf(opts.protoType, bytes.subarray(6))), structured: true, schemaId: id };
      }
    }
  }
}

async function detect(bytes: Buffer, opts: DecodeOptions): Promise<Rendered> {
  if (schemaRegistryUrl() && confluentSchemaId(bytes) !== null) {
    try {
      return await render('avro', bytes, opts);
    } catch {
      // not Avro after all
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
  };
}
