'use client';

import { diffLines } from 'diff';
import { cn } from '@/lib/cn';

interface Row {
  left: string | null;
  right: string | null;
  kind: 'same' | 'changed' | 'removed' | 'added';
}

/** Lines of two texts paired up: unchanged lines side by side, removals left, additions right. */
function pair(a: string, b: string): Row[] {
  const rows: Row[] = [];
  const parts = diffLines(a, b);
  const lines = (v: string) => v.replace(/\n$/, '').split('\n');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.added && !p.removed) {
      for (const l of lines(p.value)) rows.push({ left: l, right: l, kind: 'same' });
    } else if (p.removed && parts[i + 1]?.added) {
      // a replaced block: its old and new lines face each other
      const old = lines(p.value);
      const neu = lines(parts[++i]!.value);
      for (let j = 0; j < Math.max(old.length, neu.length); j++) rows.push({ left: old[j] ?? null, right: neu[j] ?? null, kind: 'changed' });
    } else if (p.removed) {
      for (const l of lines(p.value)) rows.push({ left: l, right: null, kind: 'removed' });
    } else {
      for (const l of lines(p.value)) rows.push({ left: null, right: l, kind: 'added' });
    }
  }
  return rows;
}

const TINT = {
  left: { same: '', changed: 'bg-red-50 dark:bg-red-950/40', removed: 'bg-red-50 dark:bg-red-950/40', added: 'bg-zinc-50 dark:bg-zinc-900' },
  right: { same: '', changed: 'bg-emerald-50 dark:bg-emerald-950/40', added: 'bg-emerald-50 dark:bg-emerald-950/40', removed: 'bg-zinc-50 dark:bg-zinc-900' },
};

/** Two texts side by side, line by line, changed lines tinted (schema versions, record values). */
export function SideBySideDiff({
  left,
  right,
  leftLabel,
  rightLabel,
  label,
}: {
  left: string;
  right: string;
  leftLabel: string;
  rightLabel: string;
  label: string;
}) {
  const rows = pair(left, right);
  const changes = rows.filter((r) => r.kind !== 'same').length;
  return (
    <div>
      <p className="px-4 py-2 text-xs text-zinc-500" role="status">
        {changes === 0 ? 'No differences' : `${changes} changed line${changes === 1 ? '' : 's'}`}
      </p>
      <div className="overflow-x-auto">
        <table aria-label={label} className="w-full table-fixed border-collapse font-mono text-xs">
          <thead>
            <tr className="text-left text-zinc-500">
              <th className="w-1/2 border-b border-zinc-200 px-3 py-1 font-semibold dark:border-zinc-800">{leftLabel}</th>
              <th className="w-1/2 border-b border-l border-zinc-200 px-3 py-1 font-semibold dark:border-zinc-800">{rightLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-kind={r.kind}>
                <td className={cn('whitespace-pre-wrap break-all px-3 align-top', TINT.left[r.kind])}>{r.left ?? ''}</td>
                <td className={cn('whitespace-pre-wrap break-all border-l border-zinc-200 px-3 align-top dark:border-zinc-800', TINT.right[r.kind])}>
                  {r.right ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
