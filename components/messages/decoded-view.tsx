'use client';

import { useMemo, useState } from 'react';
import type { DecodedDto } from '@/lib/messages/dto';
import { parseJsonTree } from '@/lib/messages/json-tree';
import { JsonTree } from './json-tree';

const FOLD_LINES = 12;
const FOLD_CHARS = 1200;

/**
 * A key, value or header as text. Long values are folded with an expand toggle; values cut
 * by the server (huge records) offer "show all", which refetches the one record in full.
 * Content is untrusted: it only ever becomes React text nodes.
 */
export function DecodedView({ d, onShowAll, label }: { d: DecodedDto | null; onShowAll?: () => void; label: string }) {
  const [expanded, setExpanded] = useState(false);
  const [tree, setTree] = useState(true);
  const parsed = useMemo(() => {
    if (!d?.structured || d.text.length > 200_000) return null;
    try {
      return parseJsonTree(d.text);
    } catch {
      return null;
    }
  }, [d]);
  if (d === null) return <span className="text-xs italic text-zinc-500">null</span>;
  const long = d.text.split('\n', FOLD_LINES + 1).length > FOLD_LINES || d.text.length > FOLD_CHARS;
  const folded = long && !expanded;
  return (
    <div className="min-w-0" data-testid={`${label}-view`} data-format={d.format}>
      {d.error && <div className="mb-1 text-xs text-amber-700 dark:text-amber-400">{d.error}; showing hex</div>}
      {parsed && tree && !folded ? (
        <div className="overflow-x-auto font-mono text-xs leading-5">
          <JsonTree node={parsed} />
        </div>
      ) : (
        <pre className={`overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs leading-5 ${folded ? 'max-h-48 overflow-hidden' : ''}`}>
          {folded ? d.text.slice(0, FOLD_CHARS) : d.text}
        </pre>
      )}
      <div className="mt-1 flex flex-wrap gap-3 text-xs">
        {long && (
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Collapse' : 'Expand'}
          </button>
        )}
        {parsed && !folded && (
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setTree(!tree)}>
            {tree ? 'Raw' : 'Tree'}
          </button>
        )}
        {d.truncated && onShowAll && (
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={onShowAll}>
            Show all ({d.size.toLocaleString()} bytes)
          </button>
        )}
      </div>
    </div>
  );
}
