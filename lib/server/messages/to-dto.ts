import 'server-only';
import type { FormatName, MarkerDto, MessageDto } from '../../messages/dto';
import type { RegistrySettings } from '../schema-registry/config';
import type { RawRecord, TxnMarker } from '../kafka/free-consumer';
import { dltOrigin } from '../replay/dlt-origin';
import { decodeBytes } from './decode';

export interface RenderOptions {
  keyFormat: FormatName;
  valueFormat: FormatName;
  keyProtoType?: string;
  valueProtoType?: string;
  keyAvroSchema?: string;
  valueAvroSchema?: string;
  /** the cluster's schema registry, for records in Confluent's wire format */
  registry: RegistrySettings | null;
  maxChars: number;
}

export async function toMessageDto(r: RawRecord, o: RenderOptions): Promise<MessageDto> {
  const [key, value, headers] = await Promise.all([
    decodeBytes(r.key, { format: o.keyFormat, protoType: o.keyProtoType, avroSchema: o.keyAvroSchema, registry: o.registry, maxChars: o.maxChars }),
    decodeBytes(r.value, { format: o.valueFormat, protoType: o.valueProtoType, avroSchema: o.valueAvroSchema, registry: o.registry, maxChars: o.maxChars }),
    // Header values are almost always short strings or ids: auto-detect them.
    Promise.all(r.headers.map(async (h) => ({ key: h.key, value: await decodeBytes(h.value, { format: 'auto', maxChars: o.maxChars }) }))),
  ]);
  return {
    partition: r.partition,
    offset: r.offset.toString(),
    timestamp: r.timestamp.toString(),
    timestampType: r.timestampType,
    key,
    value,
    headers,
    size: r.size,
    compression: r.compression,
    transactional: r.transactional,
    aborted: r.aborted,
    ...dltField(r),
  };
}

function dltField(r: RawRecord): { dlt?: NonNullable<MessageDto['dlt']> } {
  const dlt = dltOrigin(r.headers);
  return dlt ? { dlt } : {};
}

export function toMarkerDto(m: TxnMarker): MarkerDto {
  return { partition: m.partition, offset: m.offset.toString(), kind: m.kind, producerId: m.producerId.toString() };
}
