/**
 * The console's one time zone choice: every absolute time it shows is in UTC or in the
 * browser's zone. Pure functions here; the choice itself lives in components/layout/time-zone.tsx.
 */
export type TimeZoneChoice = 'utc' | 'local';

export const TIME_ZONE_KEY = 'kayak-time-zone';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The browser's short zone name for that moment ("CET", "GMT+2"); varies with daylight saving. */
function localZoneName(d: Date): string {
  return new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'local';
}

/** "2024-05-01 12:00:00.123 UTC" or the same wall clock in the browser's zone; ms since the epoch in, as number, bigint or decimal string. */
export function formatTimestamp(ms: number | bigint | string, zone: TimeZoneChoice, { millis = true }: { millis?: boolean } = {}): string {
  const n = Number(ms);
  const d = new Date(n);
  if (!Number.isFinite(n) || n < 0 || Number.isNaN(d.getTime())) return String(ms);
  const utc = zone === 'utc';
  const date = `${utc ? d.getUTCFullYear() : d.getFullYear()}-${pad((utc ? d.getUTCMonth() : d.getMonth()) + 1)}-${pad(utc ? d.getUTCDate() : d.getDate())}`;
  const time = `${pad(utc ? d.getUTCHours() : d.getHours())}:${pad(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad(utc ? d.getUTCSeconds() : d.getSeconds())}`;
  const frac = millis ? `.${pad(utc ? d.getUTCMilliseconds() : d.getMilliseconds(), 3)}` : '';
  return `${date} ${time}${frac} ${utc ? 'UTC' : localZoneName(d)}`;
}

/** Hours, minutes and seconds only (chart axes). */
export function formatClock(ms: number, zone: TimeZoneChoice): string {
  return new Date(ms).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: zone === 'utc' ? 'UTC' : undefined,
  });
}

/** A time from a page URL (epoch ms or ISO) as input text that names its zone, so it reads the same whichever zone is chosen. */
export function urlTimeToInput(v: string | undefined): string {
  if (!v) return '';
  if (!/^\d+$/.test(v)) return v;
  const d = new Date(Number(v));
  return Number.isNaN(d.getTime()) ? v : d.toISOString().replace('.000Z', 'Z');
}

/**
 * What the message APIs receive for a typed time: digits pass as epoch ms, a date with its own
 * zone passes as typed, and a bare wall clock is read in the chosen zone (UTC: a `Z` is added,
 * which keeps the URL readable; local: converted to epoch ms, so the link means the same moment
 * to whoever opens it).
 */
export function timeQueryValue(text: string, zone: TimeZoneChoice): string {
  const t = text.trim();
  if (t === '' || /^\d+$/.test(t) || /(Z|[+-]\d\d:?\d\d)$/i.test(t) || !/^\d{4}-\d{2}-\d{2}/.test(t)) return t;
  const wall = t.includes('T') ? t : t.replace(' ', 'T');
  if (zone === 'utc') return wall.includes('T') ? `${wall}Z` : wall;
  const ms = new Date(wall.includes('T') ? wall : `${wall}T00:00:00`).getTime();
  return Number.isNaN(ms) ? t : String(ms);
}
