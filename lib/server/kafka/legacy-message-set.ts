import 'server-only';
import Decoder from 'kafkajs/src/protocol/decoder.js';
import decodeMessageSet from 'kafkajs/src/protocol/messageSet/decoder.js';
import { COMPRESSION_NAMES } from './codecs';
import type { RawRecord } from './fetched-records';

/**
 * Message sets of the formats before Kafka 0.11 (magic 0 and 1), which a cluster may still hold
 * in segments written long ago. They are rare, carry no headers or transactions, and kafkajs
 * decodes them (decompressing wrapper messages with the codecs registered in codecs.ts).
 */
interface LegacyMessage {
  offset: string;
  magicByte: number;
  attributes: number;
  timestamp?: string;
  key: Buffer | null;
  value: Buffer | null;
}

const ATTRIBUTES_AT = 17;
const TIMESTAMP_TYPE_BIT = 0x08;

export async function decodeLegacySet(bytes: Buffer, partition: number): Promise<RawRecord[]> {
  // The wrapper's compression, which kafkajs does not pass on to the messages it unwraps.
  const compression = COMPRESSION_NAMES[(bytes[ATTRIBUTES_AT] ?? 0) & 0x07] ?? 'none';
  const messages = (await decodeMessageSet(new Decoder(bytes), bytes.length)) as LegacyMessage[];
  return messages.map((m) => ({
    partition,
    offset: BigInt(m.offset),
    timestamp: m.timestamp !== undefined ? BigInt(m.timestamp) : -1n,
    timestampType: m.magicByte > 0 && (m.attributes & TIMESTAMP_TYPE_BIT) !== 0 ? 'LogAppendTime' : 'CreateTime',
    key: m.key,
    value: m.value,
    headers: [],
    size: (m.key?.length ?? 0) + (m.value?.length ?? 0),
    compression,
    transactional: false,
    aborted: false,
  }));
}
