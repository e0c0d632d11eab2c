import 'server-only';

/**
 * Failed logins per client address and per user name in a sliding window: after
 * KAYAK_LOGIN_MAX_FAILURES (10) failures in 15 minutes, further attempts are refused (429) until
 * the oldest failure leaves the window. Per name as well, so rotating addresses does not help
 * against one account; a success clears the name's record.
 */
const WINDOW_MS = 15 * 60_000;
const failures = new Map<string, number[]>();

function maxFailures(): number {
  const n = Number(process.env.KAYAK_LOGIN_MAX_FAILURES ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export function loginRetryAfter(keys: string[], now = Date.now()): number {
  let wait = 0;
  for (const key of keys) {
    const list = recent(key, now);
    if (list.length >= maxFailures()) wait = Math.max(wait, Math.ceil((list[0]! + WINDOW_MS - now) / 1000));
  }
  return wait;
}

export function recordLoginFailure(keys: string[], now = Date.now()): void {
  // Bound memory under a flood of distinct names: forget the oldest keys first.
  if (failures.size > 50_000) for (const k of [...failures.keys()].slice(0, 10_000)) failures.delete(k);
  for (const key of keys) failures.set(key, [...recent(key, now), now]);
}

export function clearLoginFailures(key: string): void {
  failures.delete(key);
}
