'use client';

import { useSyncExternalStore } from 'react';

/**
 * The record picked as the first side of a comparison, kept in localStorage so it survives
 * paging, another tab, or another topic's messages (a diff may compare across topics).
 */
export interface ComparePick {
  topic: string;
  partition: number;
  offset: string;
  cluster?: string;
}

const KEY = 'kayak.compare';
const EVENT = 'kayak-compare';

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setComparePick(pick: ComparePick | null): void {
  try {
    if (pick) window.localStorage.setItem(KEY, JSON.stringify(pick));
    else window.localStorage.removeItem(KEY);
  } catch {
    // storage off (private mode): the pick lives only until this event is handled
  }
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

function parsePick(raw: string | null): ComparePick | null {
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as ComparePick;
    return typeof p.topic === 'string' && Number.isInteger(p.partition) && /^\d+$/.test(p.offset) ? p : null;
  } catch {
    return null;
  }
}

/** The current pick; the raw string is the snapshot so React sees a stable value between changes. */
export function useComparePick(): ComparePick | null {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  return parsePick(raw);
}
