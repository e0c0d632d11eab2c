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
