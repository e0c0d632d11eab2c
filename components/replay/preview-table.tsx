'use client';

import { formatInt } from '@/lib/format';
import type { DecodedDto } from '@/lib/messages/dto';
import type { PreviewRecordDto, ReplayPreviewDto } from '@/lib/replay/params';

/** A key or value as the message view shows it: decoded text and the format it was read as. */
function Shown({ d, raw, what }: { d: DecodedDto | null | undefined; raw: string | null; what: string }) {
  if (d === undefined) return <>{raw ?? '(null)'}</>;
  if (d === null) return <span className="italic text-zinc-500">(null)</span>;
  return (
    <div data-testid={`preview-${what}`} data-format={d.format}>
      <span className="mr-1 rounded bg-zinc-100 px-1 text-[10px] uppercase text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{d.format}</span>
      <pre className="inline whitespace-pre-wrap break-all">{d.text}</pre>
      {d.truncated && <span className="text-zinc-500"> … ({d.size} bytes)</span>}
    </div>
  );
}

function Headers({ r }: { r: PreviewRecordDto }) {
  const list: { key: string; text: string }[] = r.decoded
    ? r.decoded.headers.map((h) => ({ key: h.key, text: h.value ? h.value.text : '(null)' }))
    : r.headers.map((h) => ({ key: h.key, text: h.value }));
  return (
    <ul data-testid="preview-headers">
      {list.map((h, i) => (
        <li key={i} className="break-all">
          <b>{h.key}</b>: {h.text}
        </li>
      ))}
    </ul>
  );
}

/** The dry run's answer: how many records would go where, and the first of them. */
export function PreviewTable({ preview }: { preview: ReplayPreviewDto }) {
  return (
    <div className="space-y-2" data-testid="replay-preview">
      <p className="text-sm" data-testid="replay-count">
        Dry run: <b>{formatInt(preview.count)}</b>
        {preview.exact ? '' : ' or more'} record{preview.count === 1 ? '' : 's'} would be produced
        {Object.keys(preview.targets).length > 0 &&
          ` (${Object.entries(preview.targets)
            .map(([t, n]) => `${formatInt(n)} to ${t}`)
            .join(', ')})`}
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
                <th className="p-1.5">Headers</th>
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
                  <td className="max-w-[10rem] p-1.5 font-mono">
                    <div className="max-h-24 overflow-auto">
                      <Shown d={r.decoded?.key} raw={r.key} what="key" />
                    </div>
                  </td>
                  <td className="max-w-[22rem] p-1.5 font-mono" title={r.origin?.exceptionMessage ?? undefined}>
                    <div className="max-h-32 overflow-auto">
                      <Shown d={r.decoded?.value} raw={r.value} what="value" />
                    </div>
                  </td>
                  <td className="max-w-[14rem] p-1.5 font-mono">
                    <div className="max-h-24 overflow-auto">
                      <Headers r={r} />
                    </div>
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
