import { ApiError } from '../../api-error';

/**
 * Request body limits. JSON bodies may be KAYAK_MAX_BODY_BYTES long (1 MiB by default); the
 * produce route allows what the topic's max.message.bytes needs (see produceBodyLimit). No
 * body is ever larger than BODY_CEILING: next.config.js sizes Next's middleware body copy just
 * above it, so a body is never cut short before the limit is checked.
 *
 * The middleware refuses a declared Content-Length above the limit before any byte is read,
 * and refuses bodies that declare no length at all (Transfer-Encoding: chunked) with 411:
 * Next copies a request body for its Node.js middleware before a route can count it, so a
 * chunked body could only be judged after it was buffered. Browsers, curl -d and every HTTP
 * client sending a JSON document declare the length. readLimitedBody still counts the bytes
 * as they arrive, so a body longer than it declared is cut off at the limit too.
 */
export const BODY_CEILING = 16 * 1024 * 1024;
const DEFAULT_LIMIT = 1024 * 1024;

export function bodyLimit(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KAYAK_MAX_BODY_BYTES?.trim();
  const n = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : DEFAULT_LIMIT;
  return Math.max(1024, Math.min(n, BODY_CEILING));
}

/** The most any route accepts on this path: the produce route sizes its own limit later. */
export function maxBodyForPath(pathname: string): number {
  return /^\/api\/topics\/[^/]+\/produce\/?$/.test(pathname) ? BODY_CEILING : bodyLimit();
}

export function tooLarge(limit: number, what = 'Request body'): ApiError {
  return new ApiError(
    'payload_too_large',
    `${what} is larger than the ${formatBytes(limit)} allowed (KAYAK_MAX_BODY_BYTES raises the limit for JSON bodies, up to ${formatBytes(BODY_CEILING)}).`,
  );
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Why a declared Content-Length is refused (too large or not a number), or null. */
export function declaredLengthRefusal(contentLength: string | null, limit: number): ApiError | null {
  if (contentLength === null) return null;
  if (!/^\d{1,15}$/.test(contentLength.trim())) return new ApiError('bad_request', 'Content-Length must be a whole number of bytes');
  return Number(contentLength) > limit ? tooLarge(limit) : null;
}

/** Why a request body without a declared length is refused, or null (no body, or a length). */
export function undeclaredLengthRefusal(method: string, headers: Headers): ApiError | null {
  if (method === 'GET' || method === 'HEAD' || headers.has('content-length')) return null;
  if (!headers.has('transfer-encoding')) return null;
  return new ApiError('length_required', 'Request bodies must declare their Content-Length; chunked uploads are not accepted.');
}

/** A stream's bytes, or null (and the stream cancelled) as soon as more than `max` came in. */
export async function readAtMost(stream: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

const bodies = new WeakMap<Request, Promise<Buffer | null>>();

/**
 * The request's body bytes, read once and shared by everyone who asks (the audit log and the
 * handler): at most what any route on this path accepts (maxBodyForPath), null beyond it.
 * A route with a smaller limit checks the length itself (readLimitedBody).
 */
export function requestBytes(req: Request): Promise<Buffer | null> {
  let read = bodies.get(req);
  if (!read) {
    read = req.body ? readAtMost(req.body, maxBodyForPath(new URL(req.url).pathname)) : Promise.resolve(Buffer.alloc(0));
    bodies.set(req, read);
  }
  return read;
}

/** Reads the body as UTF-8 text, refusing with a 413 a body longer than `limit` bytes. */
export async function readLimitedBody(req: Request, limit: number): Promise<string> {
  const declared = declaredLengthRefusal(req.headers.get('content-length'), limit);
  if (declared) throw declared;
  const bytes = await requestBytes(req);
  if (!bytes || bytes.length > limit) throw tooLarge(limit);
  // TextDecoder drops a leading byte-order mark, which JSON.parse would refuse.
  return new TextDecoder().decode(bytes);
}
