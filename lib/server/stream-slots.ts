import 'server-only';
import { ApiError } from '../api-error';

/**
 * Caps the long-running streams (search, live tail): each holds a broker connection and CPU
 * for as long as it runs. At most PER_CLIENT at once per client address and TOTAL for the
 * whole console; beyond that a 429 says why. A slot is given back when the stream ends or the
 * browser goes away (sse.ts calls `release` once the stream's work has stopped).
 *
 * The client address is the last X-Forwarded-For entry: Next sets it from the socket, and a
 * proxy in front appends the address it saw. A client talking to the console directly can
 * claim another address, so TOTAL bounds the whole console as well.
 */
export const STREAMS_PER_CLIENT = 4;
export const STREAMS_TOTAL = 32;

const store = globalThis as typeof globalThis & { __kayakStreamSlots?: Map<string, number> };
const inUse = (store.__kayakStreamSlots ??= new Map<string, number>());

export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  return forwarded?.split(',').at(-1)?.trim() || 'unknown';
}

function total(): number {
  let n = 0;
  for (const v of inUse.values()) n += v;
  return n;
}

/** Takes a slot for `client` or throws a 429; the returned function gives it back (once). */
export function acquireStreamSlot(client: string, what: string): () => void {
  const mine = inUse.get(client) ?? 0;
  if (mine >= STREAMS_PER_CLIENT) {
    throw new ApiError(
      'too_many_requests',
      `Too many open searches and live tails from this client (${STREAMS_PER_CLIENT} at once). Stop one, or wait for it to finish, before starting ${what}.`,
    );
  }
  if (total() >= STREAMS_TOTAL) {
    throw new ApiError(
      'too_many_requests',
      `The console is running ${STREAMS_TOTAL} searches and live tails already; try ${what} again when one has finished.`,
    );
  }
  inUse.set(client, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (inUse.get(client) ?? 1) - 1;
    if (left <= 0) inUse.delete(client);
    else inUse.set(client, left);
  };
}
