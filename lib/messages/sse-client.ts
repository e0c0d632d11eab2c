import { ApiError } from '../api-error';

/**
 * Reads a server-sent-events response with fetch (not EventSource), so a 4xx before the stream
 * starts arrives as the console's JSON error, and aborting the signal closes the connection.
 */
export interface SseEvent {
  event: string;
  data: unknown;
}

export async function streamEvents(url: string, signal: AbortSignal, onEvent: (e: SseEvent) => void): Promise<void> {
  const res = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    throw ApiError.fromBody(res.status, body);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  // An abort does not always reach a body that is being piped: cancel the reader as well.
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done || signal.aborted) {
      signal.removeEventListener('abort', onAbort);
      return;
    }
    buf += value;
    let idx: number;
    while ((idx = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, idx);
      buf = buf.slice(idx + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) onEvent({ event, data: JSON.parse(data.join('\n')) });
      if (signal.aborted) break;
    }
  }
}
