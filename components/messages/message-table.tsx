'use client';

import { useState, useSyncExternalStore, type MouseEvent } from 'react';
import { cn } from '@/lib/cn';
import type { DecodedDto, MessageDto } from '@/lib/messages/dto';
import { previewText, type ListItem } from '@/lib/messages/interleave';
import { recordId } from '@/lib/messages/view-state';
import { formatInt } from '@/lib/format';
import { Timestamp } from '../layout/time-zone';
import { MarkerLine, useScrollIntoView, type RecordProps } from './message-card';
import { RecordActions } from './record-actions';
import { RecordDetail } from './record-detail';

const WIDE = '(min-width: 1024px)';

/**
 * How many columns a full-width row spans: 9, or 7 below Tailwind's lg where size and headers
 * count are hidden. A larger colSpan would add empty columns at the right. The server and
 * hydration assume wide (as the server rendered), the browser's width applies right after.
 */
function useColumns(): number {
  const wide = useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(WIDE);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
  return wide ? 9 : 7;
}
const cell = 'px-2 py-0.5 align-middle';

function Preview({ d }: { d: DecodedDto | null }) {
  const text = previewText(d);
  if (text === null) return <span className="italic text-zinc-400">null</span>;
  return <span className={d?.error ? 'text-amber-700 dark:text-amber-400' : undefined}>{text}</span>;
}

/** One line per record; a click opens the full view (the card's content) right below it. */
function RecordRows({ m, highlighted, ...rest }: RecordProps & { m: MessageDto; highlighted: boolean }) {
  const [open, setOpen] = useState(highlighted);
  const cols = useColumns();
  const ref = useScrollIntoView<HTMLTableSectionElement>(highlighted);
  const toggle = (e: MouseEvent) => {
    // Buttons and links in the row do their own thing.
    if (!(e.target as HTMLElement).closest('button:not([data-toggle]), a')) setOpen((o) => !o);
  };
  return (
    <tbody
      ref={ref}
      data-testid="message"
      data-offset={m.offset}
      data-partition={m.partition}
      data-highlighted={highlighted || undefined}
      aria-current={highlighted || undefined}
      className={cn(
        'border-b border-zinc-100 dark:border-zinc-800/70',
        highlighted && 'bg-amber-50 ring-2 ring-inset ring-amber-300 dark:bg-amber-950/30 dark:ring-amber-700',
      )}
    >
      <tr
        onClick={toggle}
        className={cn('cursor-pointer font-mono text-xs leading-5 hover:bg-zinc-50 dark:hover:bg-zinc-800/40', open && 'bg-zinc-50 dark:bg-zinc-800/40')}
      >
        <td className={cell}>
          <button
            type="button"
            data-toggle
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} record ${recordId(m)}`}
            className="w-4 text-zinc-400 hover:text-zinc-700 dark:hover:text-zinc-200"
          >
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td className={cn(cell, 'truncate text-right tabular-nums text-zinc-900 dark:text-zinc-100')}>
          {m.aborted && (
            <span className="mr-1 rounded bg-red-50 px-1 font-sans text-[10px] font-medium text-red-700 dark:bg-red-950 dark:text-red-300">aborted</span>
          )}
          {m.dlt && (
            <span
              className="mr-1 rounded bg-amber-50 px-1 font-sans text-[10px] font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-300"
              title={`Dead letter from ${m.dlt.topic ?? '?'}`}
            >
              DLT
            </span>
          )}
          {formatInt(m.offset)}
        </td>
        <td className={cn(cell, 'text-right tabular-nums')}>{m.partition}</td>
        <td className={cn(cell, 'truncate whitespace-nowrap text-zinc-600 dark:text-zinc-400')}>
          <Timestamp ms={m.timestamp} />
        </td>
        <td className={cn(cell, 'truncate')}>
          <Preview d={m.key} />
        </td>
        <td className={cn(cell, 'truncate')}>
          <Preview d={m.value} />
        </td>
        <td className={cn(cell, 'hidden text-right tabular-nums text-zinc-600 lg:table-cell dark:text-zinc-400')}>{formatInt(m.size)}</td>
        <td className={cn(cell, 'hidden text-right tabular-nums text-zinc-600 lg:table-cell dark:text-zinc-400')}>{m.headers.length || ''}</td>
        <td className={cn(cell, 'text-right font-sans')}>
          <RecordActions m={m} topic={rest.topic} cluster={rest.cluster} shared={rest.shared} replay={false} />
        </td>
      </tr>
      {open && (
        <tr data-testid="record-detail">
          <td colSpan={cols} className="border-t border-zinc-100 px-4 py-3 dark:border-zinc-800">
            <RecordDetail
              m={m}
              topic={rest.topic}
              cluster={rest.cluster}
              renderQuery={rest.renderQuery}
              actions={<RecordActions m={m} topic={rest.topic} cluster={rest.cluster} shared={rest.shared} renderQuery={rest.renderQuery} link={false} />}
            />
          </td>
        </tr>
      )}
    </tbody>
  );
}

const th = 'px-2 py-1 text-left text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400';

/** The compact message table: offset, partition, time, key, value preview, size, headers, actions. */
export function MessageTable({ items, highlight, ...rest }: RecordProps & { items: ListItem[]; highlight?: string }) {
  const cols = useColumns();
  return (
    <div className="overflow-x-auto">
      <table aria-label="Messages" className="w-full min-w-[44rem] table-fixed border-collapse">
        <colgroup>
          <col className="w-7" />
          <col className="w-24" />
          <col className="w-12" />
          <col className="w-56" />
          <col className="w-28 lg:w-44" />
          <col />
          {/* Size and headers count only where there is room; the column goes with its cells, so the others keep their places. */}
          <col className="hidden w-20 lg:table-column" />
          <col className="hidden w-16 lg:table-column" />
          <col className="w-24" />
        </colgroup>
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th className={th}>
              <span className="sr-only">Open</span>
            </th>
            <th className={cn(th, 'text-right')}>Offset</th>
            <th className={cn(th, 'text-right')} title="Partition">
              Part.
            </th>
            <th className={th}>Time</th>
            <th className={th}>Key</th>
            <th className={th}>Value</th>
            <th className={cn(th, 'hidden text-right lg:table-cell')} title="Key + value + header bytes">
              Size
            </th>
            <th className={cn(th, 'hidden text-right lg:table-cell')} title="Headers">
              Hdrs
            </th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {items.map((it) =>
          'marker' in it ? (
            <tbody
              key={`marker:${it.marker.partition}:${it.marker.offset}`}
              data-testid="marker"
              data-offset={it.marker.offset}
              data-partition={it.marker.partition}
            >
              <tr role="separator">
                <td colSpan={cols} className="py-1">
                  <MarkerLine m={it.marker} />
                </td>
              </tr>
            </tbody>
          ) : (
            <RecordRows key={recordId(it.message)} m={it.message} highlighted={highlight === recordId(it.message)} {...rest} />
          ),
        )}
      </table>
    </div>
  );
}
