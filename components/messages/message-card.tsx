'use client';

import { useEffect, useRef } from 'react';
import type { MarkerDto, MessageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import { cn } from '@/lib/cn';
import type { ViewParams } from '@/lib/messages/view-state';
import { RecordActions } from './record-actions';
import { RecordDetail } from './record-detail';

export interface RecordProps {
  topic: string;
  cluster?: string;
  renderQuery: Record<string, string | undefined>;
  /** formats and isolation of the view, carried into record links */
  shared: ViewParams;
}

/** Scrolls the highlighted record into view once, when it first appears. */
export function useScrollIntoView<T extends HTMLElement>(on: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (on) ref.current?.scrollIntoView({ block: 'center' });
  }, [on]);
  return ref;
}

/** One record as a card: the full view, always open. */
export function MessageCard({ m, highlighted, ...rest }: RecordProps & { m: MessageDto; highlighted: boolean }) {
  const ref = useScrollIntoView<HTMLLIElement>(highlighted);
  return (
    <li
      ref={ref}
      className={cn(
        'rounded-md border p-3',
        highlighted
          ? 'border-amber-400 bg-amber-50/60 ring-2 ring-amber-300 dark:border-amber-600 dark:bg-amber-950/30 dark:ring-amber-700'
          : 'border-zinc-200 dark:border-zinc-800',
      )}
      data-testid="message"
      data-offset={m.offset}
      data-partition={m.partition}
      data-highlighted={highlighted || undefined}
      aria-current={highlighted || undefined}
    >
      <RecordDetail
        m={m}
        topic={rest.topic}
        cluster={rest.cluster}
        renderQuery={rest.renderQuery}
        actions={<RecordActions m={m} topic={rest.topic} cluster={rest.cluster} shared={rest.shared} renderQuery={rest.renderQuery} />}
      />
    </li>
  );
}

/** A transaction marker: it uses an offset but is no record, so it shows as a gap line. */
export function MarkerLine({ m }: { m: MarkerDto }) {
  return (
    <span className="flex items-center gap-2 px-1 text-xs text-zinc-500">
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      transaction marker: {m.kind} at offset {formatInt(m.offset)} (partition {m.partition}, producer {m.producerId})
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </span>
  );
}
