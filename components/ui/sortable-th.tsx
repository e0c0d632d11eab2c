'use client';

import { cn } from '@/lib/cn';
import { Th } from './table';

/**
 * A column header that sorts the table: a button inside the header cell (so it is reachable by
 * keyboard), with aria-sort on the cell saying which way the rows are ordered now.
 */
export function SortableTh<K extends string>({
  label,
  column,
  sort,
  dir,
  onSort,
  numeric,
  title,
}: {
  label: string;
  column: K;
  sort: K;
  dir: 'asc' | 'desc';
  onSort: (column: K) => void;
  numeric?: boolean;
  title?: string;
}) {
  const active = sort === column;
  return (
    <Th numeric={numeric} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} title={title}>
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          'inline-flex items-center gap-1 uppercase tracking-wide hover:text-zinc-900 dark:hover:text-zinc-100',
          active && 'text-zinc-900 dark:text-zinc-100',
          numeric && 'flex-row-reverse',
        )}
      >
        {label}
        <span aria-hidden className={cn('text-[10px]', !active && 'opacity-30')}>
          {active && dir === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </Th>
  );
}
