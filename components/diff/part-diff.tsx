'use client';

import type { DecodedDto } from '@/lib/messages/dto';
import type { FieldChangeDto, HeaderChangeDto, LineDto, PartDiffDto } from '@/lib/messages/record-diff';
import { cn } from '@/lib/cn';
import { Badge, type Tone } from '../ui/badge';
import { SideBySideDiff } from '../ui/side-by-side-diff';

const KIND_TONE: Record<FieldChangeDto['kind'], Tone> = { added: 'good', removed: 'bad', changed: 'warn' };

/** JSON changes by path: what was added, removed or changed, with the values before and after. */
export function FieldChanges({ changes, label }: { changes: FieldChangeDto[]; label: string }) {
  return (
    <table aria-label={`${label} changes`} className="w-full table-fixed border-collapse text-xs">
      <thead>
        <tr className="text-left text-zinc-500">
          <th className="w-1/4 px-2 py-1 font-semibold">Path</th>
          <th className="w-20 px-2 py-1 font-semibold">Change</th>
          <th className="px-2 py-1 font-semibold">Before</th>
          <th className="px-2 py-1 font-semibold">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} data-testid="field-change" data-kind={c.kind} data-path={c.pathText} className="border-t border-zinc-100 align-top dark:border-zinc-800">
            <td className="break-all px-2 py-1 font-mono">{c.pathText || '(whole value)'}</td>
            <td className="px-2 py-1">
              <Badge tone={KIND_TONE[c.kind]}>{c.kind}</Badge>
            </td>
            <td
              className={cn('whitespace-pre-wrap break-all px-2 py-1 font-mono', c.before !== undefined && 'bg-red-50 dark:bg-red-950/40')}
              data-testid="before"
            >
              {c.before ?? ''}
            </td>
            <td
              className={cn('whitespace-pre-wrap break-all px-2 py-1 font-mono', c.after !== undefined && 'bg-emerald-50 dark:bg-emerald-950/40')}
              data-testid="after"
            >
              {c.after ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const textOf = (d: DecodedDto | null) => (d === null ? '(null)' : d.text);

/**
 * One part (key or value) of two records: the changes by path for JSON, and both texts side by
 * side with the changed lines tinted (the pretty-printed JSON too, so a change is seen in place).
 */
export function PartDiff({
  label,
  diff,
  a,
  b,
  aLabel,
  bLabel,
}: {
  label: string;
  diff: PartDiffDto;
  a: DecodedDto | null | undefined;
  b: DecodedDto | null;
  aLabel: string;
  bLabel: string;
}) {
  return (
    <section className="space-y-2" data-testid={`${label.toLowerCase()}-diff`} data-equal={diff.equal}>
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        {label}
        {diff.equal ? (
          <Badge>same</Badge>
        ) : (
          <Badge tone="warn">{diff.mode === 'structural' ? `${diff.changes!.length} change${diff.changes!.length === 1 ? '' : 's'}` : 'differs'}</Badge>
        )}
        {a && b && a.format !== b.format && (
          <span className="text-xs font-normal text-zinc-500">
            ({a.format} vs {b.format})
          </span>
        )}
        {diff.truncated && (
          <span className="text-xs font-normal text-amber-700 dark:text-amber-400">values were cut at maxChars: only their start is compared</span>
        )}
      </h3>
      {diff.mode === 'structural' && diff.changes!.length > 0 && <FieldChanges changes={diff.changes!} label={label} />}
      {!diff.equal && a !== undefined && <SideBySideDiff label={`${label} diff`} left={textOf(a)} right={textOf(b)} leftLabel={aLabel} rightLabel={bLabel} />}
      {!diff.equal && a === undefined && diff.lines && <InlineLines lines={diff.lines} label={label} />}
    </section>
  );
}

export function HeaderChanges({ changes }: { changes: HeaderChangeDto[] }) {
  if (changes.length === 0) return <p className="text-xs text-zinc-500">Headers: same</p>;
  return (
    <FieldChanges
      label="Header"
      changes={changes.map((h) => ({
        kind: h.kind,
        path: [h.key],
        pathText: h.key,
        ...(h.before ? { before: h.before.join('\n') } : {}),
        ...(h.after ? { after: h.after.join('\n') } : {}),
      }))}
    />
  );
}

/** A line diff in one column (when the older text is not at hand): removed lines struck, added tinted. */
function InlineLines({ lines, label }: { lines: LineDto[]; label: string }) {
  return (
    <pre
      className="overflow-x-auto whitespace-pre-wrap break-all rounded border border-zinc-200 font-mono text-xs leading-5 dark:border-zinc-800"
      aria-label={`${label} line changes`}
    >
      {lines.map((l, i) => (
        <span
          key={i}
          data-kind={l.kind}
          className={
            l.kind === 'added'
              ? 'block bg-emerald-50 dark:bg-emerald-950/40'
              : l.kind === 'removed'
                ? 'block bg-red-50 line-through dark:bg-red-950/40'
                : 'block'
          }
        >
          {l.text.replace(/\n$/, '')}
        </span>
      ))}
    </pre>
  );
}
