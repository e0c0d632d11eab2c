import { z } from 'zod';
import type { Int64String } from '../dto';
import type { MessageDto } from './dto';
import type { RecordDiffDto } from './record-diff';

/**
 * Parameters and answers of the diff and key-history routes. A record reference is
 * "<partition>:<offset>" in the page's topic or "<topic>:<partition>:<offset>" in another one
 * (topic names cannot contain ":", so the split is unambiguous).
 */
export interface RecordRef {
  topic?: string;
  partition: number;
  offset: bigint;
}

export const recordRefSchema = z
  .string()
  .trim()
  .regex(/^(?:[a-zA-Z0-9._-]{1,249}:)?\d{1,9}:\d{1,19}$/, 'A record is "<partition>:<offset>" or "<topic>:<partition>:<offset>", e.g. 0:42 or orders:0:42')
  // zod runs refinements after a failed regex too: each one checks its own input.
  .refine(
    (v) => !/^\d{1,19}$/.test(v.split(':').at(-1)!) || BigInt(v.split(':').at(-1)!) <= 9223372036854775807n,
    'Offset is larger than a 64-bit offset can be',
  )
  .refine((v) => v.split(':').length === 2 || !['.', '..'].includes(v.split(':')[0]!), 'Topic name cannot be "." or ".."')
  .transform((v): RecordRef => {
    const parts = v.split(':');
    const offset = BigInt(parts.pop()!);
    const partition = Number(parts.pop()!);
    return parts.length ? { topic: parts[0]!, partition, offset } : { partition, offset };
  });

export function recordRefText(r: { topic?: string; partition: number; offset: Int64String | bigint }): string {
  return `${r.topic ? `${r.topic}:` : ''}${r.partition}:${r.offset}`;
}

/** How the key of a history is written in the URL; the bytes compared are the decoded ones. */
export const KEY_ENCODINGS = ['utf8', 'hex', 'base64'] as const;
export type KeyEncoding = (typeof KEY_ENCODINGS)[number];
export const keyEncodingSchema = z.enum(KEY_ENCODINGS, { message: `keyEncoding must be one of: ${KEY_ENCODINGS.join(', ')}` });

export const HISTORY_MAX_VERSIONS = 200;
export const HISTORY_DEFAULT_VERSIONS = 20;
export const HISTORY_MAX_SCAN = 10_000_000;
export const HISTORY_DEFAULT_SCAN = 100_000;

export interface DiffSideDto {
  topic: string;
  message: MessageDto;
}

/** Answer of GET /api/topics/{name}/diff: both records as the message view decodes them, and what changed from a to b. */
export interface RecordDiffPageDto {
  a: DiffSideDto;
  b: DiffSideDto;
  diff: RecordDiffDto;
}

export interface KeyVersionDto {
  message: MessageDto;
  /** what changed from the previous (older) version; null for the oldest version found */
  changes: RecordDiffDto | null;
}

/** Answer of GET /api/topics/{name}/key-history: newest first. */
export interface KeyHistoryDto {
  topic: string;
  /** the key's bytes in the encoding asked for */
  key: string;
  keyEncoding: KeyEncoding;
  /** the partitions searched */
  partitions: number[];
  /** where Kafka's default partitioner puts this key */
  keyPartition: number;
  versions: KeyVersionDto[];
  /** records read by this request */
  scanned: number;
  /** records (offsets) this request could have read: from the start positions down to each partition's start */
  total: Int64String;
  /** "partition:offset,…": pass as `before` to continue with older records; null when the start of every partition was reached */
  cursor: string | null;
  /** why the scan stopped */
  message: string;
}
