import type { Int64String } from '../dto';
import type { DltOriginDto } from '../replay/params';

/** Wire shapes of the message browser. Offsets and timestamps are decimal strings. */
export const FORMATS = ['auto', 'utf8', 'json', 'hex', 'base64', 'msgpack', 'avro', 'protobuf', 'registry'] as const;
export type FormatName = (typeof FORMATS)[number];
export type DecodedFormat = Exclude<FormatName, 'auto'>;

/** Kafka's consumer isolation levels; the console reads read_committed unless asked otherwise. */
export const ISOLATIONS = ['read_committed', 'read_uncommitted'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

export interface DecodedDto {
  /** the format actually used (auto resolves to one of the others) */
  format: DecodedFormat;
  /** true when the format was picked by auto-detection */
  detected: boolean;
  /** display text; for json/msgpack/avro/protobuf it is pretty-printed JSON */
  text: string;
  /** text holds JSON that the UI may render as a collapsible tree */
  structured: boolean;
  /** raw byte length */
  size: number;
  /** text was cut at the request's maxChars; fetch the record alone to see all */
  truncated: boolean;
  /** set when the requested format could not decode the bytes (text then falls back to hex) */
  error?: string;
  /** Confluent wire format: schema id from the 5-byte prefix */
  schemaId?: number;
  /** the registry schema's type (Confluent wire format decoded through the cluster's registry) */
  schemaType?: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** where the schema id is registered */
  subject?: string;
  version?: number;
  /** the protobuf message (by the record's message indexes) or the Avro schema file used */
  messageType?: string;
}

export interface HeaderDto {
  key: string;
  value: DecodedDto | null;
}

export interface MessageDto {
  partition: number;
  offset: Int64String;
  timestamp: Int64String;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: DecodedDto | null;
  value: DecodedDto | null;
  headers: HeaderDto[];
  size: number;
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  transactional: boolean;
  /** its transaction was aborted (shown only under read_uncommitted) */
  aborted: boolean;
  /** a dead-lettered record: its origin and error, from Spring Kafka's (or configured) headers */
  dlt?: DltOriginDto;
}

/** A transaction marker (control record): it has an offset but is not a record. */
export interface MarkerDto {
  partition: number;
  offset: Int64String;
  kind: 'commit' | 'abort';
  producerId: Int64String;
}

export interface NoticeDto {
  kind: 'empty' | 'past-end' | 'deleted' | 'gap' | 'before-start' | 'info';
  message: string;
}

export interface PartitionRangeDto {
  partition: number;
  firstOffset: Int64String;
  lastOffset: Int64String;
}

/** Answer of GET /api/topics/{name}/messages */
export interface MessagePageDto {
  topic: string;
  /** null for the whole-topic (merged) view */
  partition: number | null;
  partitions: PartitionRangeDto[];
  messages: MessageDto[];
  /** transaction markers within the page's range, shown as gap lines between the records */
  markers: MarkerDto[];
  isolation: Isolation;
  notices: NoticeDto[];
  /** per-partition view: offsets for First/Prev/Next/Last; null where the link makes no sense */
  paging: { first: Int64String | null; prev: Int64String | null; next: Int64String | null; last: Int64String | null } | null;
  /** whole-topic view: "partition:offset,..." to continue after this page */
  cursor: string | null;
  /** whole-topic view: "partition:offset,..." to pass as `before` for the previous page */
  prevCursor: string | null;
  elapsedMs: number;
}

export interface ConsoleConfigDto {
  readOnly: boolean;
  /** the cluster's schema registry URL */
  schemaRegistry: string | null;
  protobufTypes: string[];
  /** Avro schema files (names without .avsc) from KAYAK_AVRO_SCHEMA_DIR */
  avroSchemas: string[];
}

/** Server-sent events of search and tail */
export interface ProgressEventDto {
  scanned: number;
  matched: number;
  /** next offset per partition */
  positions: Record<string, Int64String>;
  ratePerSec: number;
  elapsedMs: number;
}

export interface DoneEventDto extends ProgressEventDto {
  reason: 'end' | 'limit' | 'budget-records' | 'budget-time' | 'cancelled';
  message: string;
}

export interface ProduceResultDto {
  topic: string;
  partition: number;
  offset: Int64String;
}
