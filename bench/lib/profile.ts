/**
 * Summarizes V8 .cpuprofile files (node --cpu-prof) into the functions with the most self
 * time, so the bench JSON records where the broker spent its CPU while under load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './procs.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  fn: string;
  where: string;
  selfPct: number;
}

export function summarizeProfiles(dir: string, top: number): { busyMs: number; functions: HotFunction[]; table: string } | null {
  if (!existsSync(dir)) return null;
  const hits = new Map<string, { fn: string; where: string; hits: number }>();
  let busy = 0;
  let totalHits = 0;
  let totalUs = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
    totalUs += p.endTime - p.startTime;
    for (const node of p.nodes) {
      const h = node.hitCount ?? 0;
      totalHits += h;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') continue;
      busy += h;
      const file = url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url || '(native)';
      const key = `${functionName}@${file}:${lineNumber + 1}`;
      const e = hits.get(key) ?? { fn: functionName || '(anonymous)', where: `${file}:${lineNumber + 1}`, hits: 0 };
      e.hits += h;
      hits.set(key, e);
    }
  }
  if (totalHits === 0) return null;
  const functions = [...hits.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, selfPct: (e.hits / busy) * 100 }));
  const busyMs = (busy / totalHits) * (totalUs / 1000);
  const table = functions.map((f) => `${f.selfPct.toFixed(1).padStart(5)}%  ${f.fn}  ${f.where}`).join('\n');
  return { busyMs, functions, table };
}
