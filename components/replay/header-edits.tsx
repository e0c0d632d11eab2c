'use client';

import type { HeaderEdit } from '@/lib/replay/params';
import { Button } from '../ui/button';
import { Input, Select } from '../ui/input';

/** Rows of header changes applied to every replayed record: set (change or add), add another, remove. */
export function HeaderEdits({ edits, onChange }: { edits: HeaderEdit[]; onChange: (e: HeaderEdit[]) => void }) {
  const update = (i: number, patch: Partial<HeaderEdit>) => onChange(edits.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <fieldset className="space-y-1 text-sm" aria-label="Header edits">
      <legend className="font-medium">Edit headers for every record</legend>
      {edits.map((e, i) => (
        <div key={i} className="grid grid-cols-[7rem_1fr_1fr_auto] gap-2" data-testid="header-edit">
          <Select
            aria-label={`Header edit ${i + 1} action`}
            value={e.op}
            onChange={(ev) =>
              update(i, { op: ev.target.value as HeaderEdit['op'], ...(ev.target.value === 'remove' ? { value: undefined } : { value: e.value ?? '' }) })
            }
          >
            <option value="set">Set</option>
            <option value="add">Add another</option>
            <option value="remove">Remove</option>
          </Select>
          <Input aria-label={`Header edit ${i + 1} name`} placeholder="header name" value={e.key} onChange={(ev) => update(i, { key: ev.target.value })} />
          {e.op === 'remove' ? (
            <span className="self-center text-xs text-zinc-500">every header of this name</span>
          ) : (
            <Input
              aria-label={`Header edit ${i + 1} value`}
              placeholder="value (UTF-8)"
              value={e.value ?? ''}
              onChange={(ev) => update(i, { value: ev.target.value })}
            />
          )}
          <Button size="sm" variant="ghost" aria-label={`Drop header edit ${i + 1}`} onClick={() => onChange(edits.filter((_, j) => j !== i))}>
            ×
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => onChange([...edits, { op: 'set', key: '', value: '' }])}>
        + Header edit
      </Button>
      <p className="text-xs text-zinc-500">Set replaces every header of that name (or adds it); Add another keeps the existing ones too.</p>
    </fieldset>
  );
}
