'use client';

import type { MessageDto } from '@/lib/messages/dto';
import { Button } from '../ui/button';
import { useOpenReplay } from './replay-context';

/** The replay/redrive actions of one record row; nothing outside the messages page. */
export function RecordReplayActions({ m }: { m: MessageDto }) {
  const open = useOpenReplay();
  if (!open) return null;
  const one = { kind: 'records' as const, records: [{ partition: m.partition, offset: m.offset }] };
  return (
    <span className="ml-auto flex gap-1">
      {m.dlt?.topic && (
        <Button size="sm" variant="ghost" onClick={() => open(one, 'redrive')}>
          Redrive
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => open(one, 'replay')}>
        Replay
      </Button>
    </span>
  );
}

/** Where a dead-lettered record came from and why it failed. */
export function DltOrigin({ m }: { m: MessageDto }) {
  if (!m.dlt) return null;
  const d = m.dlt;
  return (
    <div className="mb-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="dlt-origin">
      <b>Dead letter</b> from <span className="font-mono">{d.topic ?? '?'}</span> partition <span className="font-mono">{d.partition ?? '?'}</span> offset <span className="font-mono">{d.offset ?? '?'}</span>
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
