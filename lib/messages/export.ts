import type { MessageDto } from './dto';
import { parseLiteralJson, stringifyExactJson } from './lossless-json';

/** JSON lines and CSV of a page or a search result (server download and browser export). */
function flat(m: MessageDto) {
  return {
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    timestampType: m.timestampType,
    key: m.key?.text ?? null,
    keyFormat: m.key?.format ?? null,
    value: m.value?.text ?? null,
    valueFormat: m.value?.format ?? null,
    headers: m.headers.map((h) => ({ key: h.key, value: h.value?.text ?? null })),
    size: m.size,
    compression: m.compression,
    transactional: m.transactional,
  };
}

function compact(text: string | null, structured: boolean | undefined): unknown {
  if (text === null) return null;
  if (!structured) return text;
  try {
    return parseLiteralJson(text);
  } catch {
    return text;
  }
}

export function toJsonLines(messages: MessageDto[]): string {
  return (
    messages
      // Numbers are written as they appear in the record: a 64-bit id is not rounded.
      .map((m) =>
        stringifyExactJson({ ...flat(m), key: compact(m.key?.text ?? null, m.key?.structured), value: compact(m.value?.text ?? null, m.value?.structured) }),
      )
      .map((l) => `${l}\n`)
      .join('')
  );
}

const CSV_COLUMNS = [
  'partition',
  'offset',
  'timestamp',
  'timestampType',
  'key',
  'keyFormat',
  'value',
  'valueFormat',
  'headers',
  'size',
  'compression',
  'transactional',
] as const;

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : stringifyExactJson(v);
  // Quote always; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(messages: MessageDto[]): string {
  const rows = messages.map((m) => {
    const f = flat(m);
    return CSV_COLUMNS.map((c) => cell(f[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
