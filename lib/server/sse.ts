import 'server-only';

/**
 * A server-sent-events response. `run` gets `send` and the request's abort signal; the stream
 * ends when `run` returns, and `run` should stop as soon as the signal fires (the browser
 * went away or pressed Cancel). A comment line every 15 s keeps proxies from timing out.
 */
export type Send = (event: string, data: unknown) => void;

/** `onClose` runs once `run` has finished, whatever ended it (stream-slots.ts gives its slot back there). */
export function sseResponse(signal: AbortSignal, run: (send: Send, signal: AbortSignal) => Promise<void>, onClose?: () => void): Response {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (chunk: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          open = false;
          stop.abort();
        }
      };
      const send: Send = (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const ping = setInterval(() => write(': ping\n\n'), 15_000);
      write(': open\n\n');
      run(send, stop.signal)
        .catch((e: unknown) => {
          const err = e as { code?: string; message?: string };
          send('error', { code: err.code ?? 'internal', message: err.message ?? String(e) });
        })
        .finally(() => {
          onClose?.();
          clearInterval(ping);
          signal.removeEventListener('abort', onAbort);
          if (open) {
            open = false;
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          }
        });
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
