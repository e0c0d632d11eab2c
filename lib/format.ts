/** Formatters shared by server and browser. INT64 values arrive as decimal strings. */
export function formatInt(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = typeof value === 'string' ? value : value.toString();
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
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
