'use client';

import { useEffect, useState } from 'react';
import { formatTimestamp, TIME_ZONE_KEY, type TimeZoneChoice } from '@/lib/time-zone';
import { useHydrated } from '@/lib/use-hydrated';

/** Fired on this page when the choice changes; other tabs hear it through the storage event. */
const CHANGED = 'kayak-time-zone-changed';

function read(): TimeZoneChoice {
  try {
    return localStorage.getItem(TIME_ZONE_KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc';
  }
}

export function setTimeZone(zone: TimeZoneChoice) {
  try {
    localStorage.setItem(TIME_ZONE_KEY, zone);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  window.dispatchEvent(new CustomEvent(CHANGED));
}

/**
 * The chosen zone. The server cannot know it (it lives in localStorage, and "local" is the
 * browser's zone anyway), so the server render and hydration use UTC and the stored choice
 * applies right after mount: no hydration mismatch.
 */
export function useTimeZone(): TimeZoneChoice {
  const [zone, setZone] = useState<TimeZoneChoice>('utc');
  useEffect(() => {
    const sync = () => setZone(read());
    const onStorage = (e: StorageEvent) => {
      if (e.key === TIME_ZONE_KEY) sync();
    };
    sync();
    window.addEventListener(CHANGED, sync);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(CHANGED, sync);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  return zone;
}

/** An absolute time in the chosen zone; the other zone and the raw epoch ms on hover. */
export function Timestamp({ ms, millis, className }: { ms: string | number; millis?: boolean; className?: string }) {
  const zone = useTimeZone();
  // The hover names the browser's zone, which the server does not know: added once hydrated.
  const hydrated = useHydrated();
  const other = formatTimestamp(ms, zone === 'utc' ? 'local' : 'utc', { millis });
  return (
    <time
      className={className}
      dateTime={Number.isFinite(Number(ms)) && Number(ms) >= 0 ? new Date(Number(ms)).toISOString() : undefined}
      title={hydrated ? `${other} · ${ms} ms` : undefined}
    >
      {formatTimestamp(ms, zone, { millis })}
    </time>
  );
}

/** Header switch between UTC and the browser's zone, kept in localStorage. */
export function TimeZoneToggle() {
  const zone = useTimeZone();
  const next: TimeZoneChoice = zone === 'utc' ? 'local' : 'utc';
  return (
    <button
      type="button"
      onClick={() => setTimeZone(next)}
      aria-label={`Time zone: ${zone === 'utc' ? 'UTC' : 'local'}`}
      title={`Times are shown in ${zone === 'utc' ? 'UTC' : "your browser's time zone"} (click for ${next === 'utc' ? 'UTC' : 'local time'})`}
      className="inline-flex h-8 items-center rounded-md px-2 text-sm text-zinc-300 hover:bg-white/10 hover:text-white"
    >
      {zone === 'utc' ? 'UTC' : 'Local'}
    </button>
  );
}
