'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageDto } from '@/lib/messages/dto';
import { streamEvents, type SseEvent } from '@/lib/messages/sse-client';

/** Runs one server-sent-events request at a time; stop() aborts it, which also stops the server. */
export function useEventStream(onEvent: (e: SseEvent) => void) {
  const ctl = useRef<AbortController | null>(null);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const stop = useCallback(() => {
    ctl.current?.abort();
    ctl.current = null;
    setRunning(false);
  }, []);

  const start = useCallback((url: string) => {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    setError(null);
    setRunning(true);
    streamEvents(url, c.signal, (e) => handler.current(e))
      .catch((e: unknown) => {
        if (!c.signal.aborted) setError(e);
      })
      .finally(() => {
        if (ctl.current === c) {
          ctl.current = null;
          setRunning(false);
        }
      });
  }, []);

  useEffect(() => () => ctl.current?.abort(), []);
  return { start, stop, running, error };
}

/** Keeps at most `max` records so a long tail or search cannot grow the page without bound. */
export function capped(list: MessageDto[], add: MessageDto, max: number): MessageDto[] {
  const next = [...list, add];
  return next.length > max ? next.slice(next.length - max) : next;
}
