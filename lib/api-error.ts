/**
 * The console's one error type. Every failure that reaches a route or the browser carries a
 * stable `code`; the code alone decides the HTTP status, so the UI can tell "no data" apart
 * from "the backend failed".
 */
export const ERROR_STATUS = {
  bad_request: 400,
  // Not signed in (login is on and there is no valid session).
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // A body sent without Content-Length (chunked): refused before it is read, see body-limit.ts.
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // The Host header names a server this console does not answer for (DNS rebinding); 403 stays
  // for "you may not", 421 says "wrong address".
  host_not_allowed: 421,
  too_many_requests: 429,
  unsupported: 501,
  cluster_unreachable: 502,
  // The cluster answered but refused the console's credentials, or the TLS handshake failed:
  // as unreachable, an upstream problem, with its own code so the UI can say what to fix.
  cluster_auth_failed: 502,
  cluster_tls_error: 502,
  // The cluster answered that it cannot serve this yet (no leader elected, coordinator loading)
  // and the client's retries ran out: try again shortly.
  cluster_not_ready: 503,
  timeout: 504,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: string[] };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: string[] | undefined;

  constructor(code: ErrorCode, message: string, details?: string[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }

  static fromBody(status: number, body: unknown): ApiError {
    const err = (body as Partial<ErrorBody> | null)?.error;
    if (err && typeof err.message === 'string' && typeof err.code === 'string' && err.code in ERROR_STATUS) {
      return new ApiError(err.code, err.message, err.details);
    }
    return new ApiError(status === 504 ? 'timeout' : status === 502 ? 'cluster_unreachable' : 'internal', `Request failed with HTTP ${status}`);
  }
}
