'use client';

import { cn } from '@/lib/cn';
import type { RecordView } from '@/lib/messages/view-state';

const OPTIONS: { id: RecordView; label: string }[] = [
  { id: 'table', label: 'Table' },
  { id: 'cards', label: 'Cards' },
];

/** Compact table or full cards; the choice is part of the page URL (`view=cards`). */
export function ViewToggle({ value, onChange }: { value: RecordView; onChange: (v: RecordView) => void }) {
  return (
    <div role="radiogroup" aria-label="Record view" className="inline-flex overflow-hidden rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
      {OPTIONS.map((o) => (
        <button
          key={o.id}
          type="button"
          role="radio"
          aria-checked={value === o.id}
          onClick={() => onChange(o.id)}
          className={cn(
            'h-7 px-2.5 font-medium',
            value === o.id ? 'bg-indigo-600 text-white' : 'bg-white text-zinc-700 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
