'use client';

import { useState } from 'react';
import type { CliCommand } from '@/lib/cli-commands';
import { Button } from './button';

/** "Copy as CLI": shows the equivalent kcat / kafka-*.sh commands with a copy button each. */
export function CopyCli({ commands }: { commands: CliCommand[] }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(text);
    setTimeout(() => setCopied(null), 1500);
  }
  return (
    <div className="relative">
      <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden className="font-mono">
          $_
        </span>{' '}
        Copy as CLI
      </Button>
      {open && (
        <div className="absolute right-0 z-20 mt-1 w-[36rem] max-w-[90vw] space-y-2 rounded-lg border border-zinc-200 bg-white p-3 shadow-xl dark:border-zinc-700 dark:bg-zinc-900">
          {commands.map((c) => (
            <div key={c.command}>
              <div className="mb-1 flex items-center justify-between text-xs text-zinc-500">
                <span>{c.label}</span>
                <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => void copy(c.command)}>
                  {copied === c.command ? 'Copied' : 'Copy'}
                </button>
              </div>
              <pre className="overflow-x-auto rounded bg-zinc-950 px-2.5 py-1.5 font-mono text-xs text-zinc-100">{c.command}</pre>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
