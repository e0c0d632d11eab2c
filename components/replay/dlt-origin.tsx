'use client';

import type { MessageDto } from '@/lib/messages/dto';

/** Where a dead-lettered record came from and why it failed. */
export function DltOrigin({ m }: { m: MessageDto }) {
  if (!m.dlt) return null;
  const d = m.dlt;
  return (
    <div
      className="mb-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
      data-testid="dlt-origin"
    >
      <b>Dead letter</b> from <span className="font-mono">{d.topic ?? '?'}</span> partition <span className="font-mono">{d.partition ?? '?'}</span> offset{' '}
      <span className="font-mono">{d.offset ?? '?'}</span>
      {(d.exceptionClass || d.exceptionMessage) && (
        <div className="mt-0.5 font-mono">
          {d.exceptionClass}
          {d.exceptionClass && d.exceptionMessage ? ': ' : ''}
          {d.exceptionMessage}
        </div>
      )}
    </div>
  );
}
