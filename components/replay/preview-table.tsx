'use client';

import { formatInt } from '@/lib/format';
import type { ReplayPreviewDto } from '@/lib/replay/params';

/** The dry run's answer: how many records would go where, and the first of them. */
export function PreviewTable({ preview }: { preview: ReplayPreviewDto }) {
  return (
    <div className="space-y-2" data-testid="replay-preview">
      <p className="text-sm" data-testid="replay-count">
        Dry run: <b>{formatInt(preview.count)}</b>
        {preview.exact ? '' : ' or more'} record{preview.count === 1 ? '' : 's'} would be produced
        {Object.keys(preview.targets).length > 0 && ` (${Object.entries(preview.targets).map(([t, n]) => `${formatInt(n)} to ${t}`).join(', ')})`}
        {preview.skipped > 0 && `; ${formatInt(preview.skipped)} skipped`}.
      </p>
      {preview.records.length > 0 && (
        <div className="max-h-64 overflow-auto rounded border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-xs">
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th className="p-1.5">From</th>
                <th className="p-1.5">To</th>
                <th className="p-1.5">Key</th>
                <th className="p-1.5">Value</th>
              </tr>
            </thead>
            <tbody>
              {preview.records.map((r) => (
                <tr key={`${r.source.partition}:${r.source.offset}`} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  <td className="p-1.5 font-mono">
                    {r.source.partition}:{r.source.offset}
                  </td>
                  <td className="p-1.5 font-mono">
                    {r.topic}/{r.partition}
                  </td>
                  <td className="max-w-[8rem] truncate p-1.5 font-mono">{r.key ?? '(null)'}</td>
                  <td className="max-w-[20rem] truncate p-1.5 font-mono" title={r.origin?.exceptionMessage ?? undefined}>
                    {r.value ?? '(null)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
