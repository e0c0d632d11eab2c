'use client';

import { useState } from 'react';
import type { JsonNode } from '@/lib/messages/json-tree';

/** Collapsible JSON; every string is rendered as a React text node, never as HTML. */
export function JsonTree({ node, name, depth = 0 }: { node: JsonNode; name?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < 2);
  const label = name !== undefined ? <span className="text-indigo-700 dark:text-indigo-300">{JSON.stringify(name)}: </span> : null;
  if (node.t === 'str')
    return (
      <div>
        {label}
        <span className="text-emerald-700 dark:text-emerald-400">{JSON.stringify(node.v)}</span>
      </div>
    );
  if (node.t === 'num')
    return (
      <div>
        {label}
        <span className="text-amber-700 dark:text-amber-400">{node.raw}</span>
      </div>
    );
  if (node.t === 'lit')
    return (
      <div>
        {label}
        <span className="text-fuchsia-700 dark:text-fuchsia-400">{node.raw}</span>
      </div>
    );
  const children = node.t === 'obj' ? node.entries : node.items.map((n, i) => [String(i), n] as [string, JsonNode]);
  const [openB, closeB] = node.t === 'obj' ? ['{', '}'] : ['[', ']'];
  if (children.length === 0)
    return (
      <div>
        {label}
        {openB}
        {closeB}
      </div>
    );
  return (
    <div>
      <button type="button" className="mr-1 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      {openB}
      {open ? (
        <div className="border-l border-zinc-200 pl-4 dark:border-zinc-700">
          {children.map(([k, n], i) => (
            <JsonTree key={i} node={n} name={node.t === 'obj' ? k : undefined} depth={depth + 1} />
          ))}
        </div>
      ) : (
        <span className="text-zinc-500">
          {' '}
          … {children.length} {node.t === 'obj' ? 'keys' : 'items'}{' '}
        </span>
      )}
      {closeB}
    </div>
  );
}
