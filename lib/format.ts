/** Formatters shared by server and browser. INT64 values arrive as decimal strings. */
export function formatInt(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = typeof value === 'string' ? value : value.toString();
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in binary units (1,536 → "1.5 KiB"); exact below 1 KiB. Takes INT64 strings without losing digits. */
export function formatBytes(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let n = BigInt(value);
  if (n < 0n) return '—';
  if (n < 1024n) return `${n} B`;
  let unit = 0;
  // Whole steps in bigint, then the last one in floating point for one decimal.
  while (n >= 1024n * 1024n && unit < UNITS.length - 2) {
    n /= 1024n;
    unit++;
  }
  const v = Number(n) / 1024;
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[unit + 1]}`;
}

export function pluralize(n: number, word: string, plural = `${word}s`): string {
  return `${formatInt(n)} ${n === 1 ? word : plural}`;
}

/** A duration for people: 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  if (s < 1) return `${Math.round(ms)} ms`;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

/** Records per second, shortened. */
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined) return '–';
  return r >= 100 ? `${Math.round(r)}/s` : `${r.toFixed(1)}/s`;
}
