import 'server-only';
import { SPRING_DLT_HEADERS, type DltHeaderNames, type DltOriginDto } from '../../replay/params';
import type { RawHeader } from '../kafka/free-consumer';

/**
 * Where a dead-lettered record came from, read from its headers. Spring Kafka writes the
 * original partition as a 4-byte and the offset as an 8-byte big-endian number; other
 * frameworks write decimal text. Both are read.
 */

/** KAYAK_DLT_HEADER_<TOPIC|PARTITION|OFFSET|EXCEPTION_MESSAGE|EXCEPTION_CLASS> rename the defaults. */
export function dltHeaderNames(overrides: Partial<DltHeaderNames> = {}): DltHeaderNames {
  const env = (name: string) => process.env[`KAYAK_DLT_HEADER_${name}`]?.trim() || undefined;
  return {
    topic: overrides.topic ?? env('TOPIC') ?? SPRING_DLT_HEADERS.topic,
    partition: overrides.partition ?? env('PARTITION') ?? SPRING_DLT_HEADERS.partition,
    offset: overrides.offset ?? env('OFFSET') ?? SPRING_DLT_HEADERS.offset,
    exceptionMessage: overrides.exceptionMessage ?? env('EXCEPTION_MESSAGE') ?? SPRING_DLT_HEADERS.exceptionMessage,
    exceptionClass: overrides.exceptionClass ?? env('EXCEPTION_CLASS') ?? SPRING_DLT_HEADERS.exceptionClass,
  };
}

function last(headers: RawHeader[], name: string): Buffer | null | undefined {
  // Spring appends a new set on every trip through a DLT; the last one is the latest failure.
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]!.key === name) return headers[i]!.value;
  return undefined;
}

function text(b: Buffer | null | undefined): string | null {
  return b ? b.toString('utf8') : null;
}

function integer(b: Buffer | null | undefined, width: 4 | 8): bigint | null {
  if (!b || b.length === 0) return null;
  const t = b.toString('utf8').trim();
  if (/^\d{1,19}$/.test(t)) return BigInt(t);
  if (b.length === width) return width === 4 ? BigInt(b.readInt32BE(0)) : b.readBigInt64BE(0);
  return null;
}

/** The origin, or null when the record carries none of the headers. */
export function dltOrigin(headers: RawHeader[], names: DltHeaderNames = dltHeaderNames()): DltOriginDto | null {
  const topic = last(headers, names.topic);
  const partition = last(headers, names.partition);
  const offset = last(headers, names.offset);
  const message = last(headers, names.exceptionMessage);
  const fqcn = last(headers, names.exceptionClass);
  if ([topic, partition, offset, message, fqcn].every((v) => v === undefined)) return null;
  const p = integer(partition, 4);
  const o = integer(offset, 8);
  return {
    topic: text(topic),
    partition: p !== null && p >= 0n && p < 2n ** 31n ? Number(p) : null,
    offset: o !== null && o >= 0n ? o.toString() : null,
    exceptionMessage: text(message),
    exceptionClass: text(fqcn),
  };
}

/** Every header name the origin uses, to strip them from a redriven record. */
export function isDltHeader(key: string, names: DltHeaderNames): boolean {
  return Object.values(names).includes(key) || key.startsWith('kafka_dlt-');
}
