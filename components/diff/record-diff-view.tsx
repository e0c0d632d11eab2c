'use client';

import type { MessageDto } from '@/lib/messages/dto';
import { formatInt } from '@/lib/format';
import type { RecordDiffDto } from '@/lib/messages/record-diff';
import { HeaderChanges, PartDiff } from './part-diff';

export function when(ms: string): string {
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? ms : d.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** "+1 m 5 s" style distance between two timestamps given in milliseconds (as a string). */
export function distance(deltaMs: string): string {
  const d = BigInt(deltaMs);
  const sign = d < 0n ? '−' : '+';
  let rest = d < 0n ? -d : d;
  const units: [string, bigint][] = [
    ['d', 86_400_000n],
    ['h', 3_600_000n],
    ['m', 60_000n],
    ['s', 1000n],
    ['ms', 1n],
  ];
  const parts: string[] = [];
  for (const [u, size] of units) {
    if (rest >= size) {
      parts.push(`${rest / size} ${u}`);
      rest %= size;
    }
  }
  return parts.length ? `${sign}${parts.slice(0, 2).join(' ')}` : 'same time';
}

function Side({ title, m }: { title: string; m: MessageDto }) {
  return (
    <div className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800" data-testid="diff-side">
      <div className="font-semibold">{title}</div>
      <div className="mt-1 text-zinc-600 dark:text-zinc-400">
        partition <span className="font-mono">{m.partition}</span> · offset <span className="font-mono">{formatInt(m.offset)}</span> · {when(m.timestamp)} ·{' '}
        {formatInt(m.size)} B
      </div>
    </div>
  );
}

/** What changed from record a to record b: key, value, headers and timestamp. */
export function RecordDiffView({ a, b, diff, aLabel, bLabel }: { a: MessageDto; b: MessageDto; diff: RecordDiffDto; aLabel: string; bLabel: string }) {
  return (
    <div className="space-y-4" data-testid="record-diff" data-equal={diff.equal}>
      <div className="grid grid-cols-2 gap-3">
        <Side title={aLabel} m={a} />
        <Side title={bLabel} m={b} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="timestamp-delta">
        Timestamp: {distance(diff.timestampDeltaMs)} ({diff.timestampDeltaMs} ms)
        {diff.equal && <b className="ml-2">Key, value and headers are the same.</b>}
      </p>
      <PartDiff label="Key" diff={diff.key} a={a.key} b={b.key} aLabel={aLabel} bLabel={bLabel} />
      <section className="space-y-1" data-testid="headers-diff">
        <h3 className="text-sm font-semibold">Headers</h3>
        <HeaderChanges changes={diff.headers} />
      </section>
      <PartDiff label="Value" diff={diff.value} a={a.value} b={b.value} aLabel={aLabel} bLabel={bLabel} />
    </div>
  );
}
