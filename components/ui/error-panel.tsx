'use client';

import { ApiError } from '@/lib/api-error';
import { Button } from './button';

const TITLES: Record<string, string> = {
  cluster_unreachable: 'Cluster unreachable',
  cluster_auth_failed: 'Authentication failed',
  cluster_tls_error: 'TLS certificate error',
  timeout: 'Cluster did not answer in time',
  cluster_not_ready: 'Cluster not ready yet',
  not_found: 'Not found',
  bad_request: 'Invalid request',
  forbidden: 'Not allowed',
  conflict: 'Conflict',
  unsupported: 'Not supported by this cluster',
  internal: 'Something went wrong',
};

/** Failures that may go away on their own; bad input, a missing topic or a refusal will not. */
const TRANSIENT = new Set(['cluster_unreachable', 'cluster_auth_failed', 'cluster_tls_error', 'cluster_not_ready', 'timeout', 'internal']);

/** Shows a failed query as an error (never as an empty list), with what was tried and a retry. */
export function ErrorPanel({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const code = error instanceof ApiError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const unsupported = code === 'unsupported';
  return (
    <div
      role="alert"
      data-error-code={code}
      className={`rounded-lg border p-4 ${unsupported ? 'border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40' : 'border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40'}`}
    >
      <div className={`text-sm font-semibold ${unsupported ? 'text-amber-900 dark:text-amber-200' : 'text-red-800 dark:text-red-200'}`}>
        {TITLES[code] ?? TITLES.internal}
        {what ? ` — could not load ${what}` : ''}
      </div>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{message}</p>
      {error instanceof ApiError && error.details && error.details.length > 1 && (
        <ul className="mt-2 list-disc pl-5 text-xs text-zinc-600 dark:text-zinc-400">
          {error.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {onRetry && TRANSIENT.has(code) && (
        <div className="mt-3 flex items-center gap-3">
          <Button size="sm" onClick={onRetry}>
            Retry now
          </Button>
          {(code === 'cluster_unreachable' || code === 'timeout') && <span className="text-xs text-zinc-500">Retrying automatically…</span>}
        </div>
      )}
    </div>
  );
}
