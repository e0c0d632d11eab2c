/**
 * Result rows and their rendering. Every row carries a same-run reference and the ratio of the
 * medians, because absolute numbers on shared 2-core machines move from run to run.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spreadPct, type Summary } from './stats.ts';

export interface Row {
  section: string;
  name: string;
  unit: string;
  value: Summary;
  reference: { name: string; value: Summary };
  /** value.median / reference.median. */
  ratio: number;
  /** Human-readable goal, e.g. "≥ 1.0×" or "≤ 5 ms". */
  goal: string;
  /** true/false when the goal applies to this row, null when informational or pending. */
  met: boolean | null;
  command: string;
  note?: string;
}

export function ratioRow(r: Omit<Row, 'ratio' | 'met'> & { atLeast?: number; atMost?: number }): Row {
  const ratio = r.value.median / r.reference.value.median;
  const met = r.atLeast !== undefined ? ratio >= r.atLeast : r.atMost !== undefined ? ratio <= r.atMost : null;
  const { atLeast: _a, atMost: _b, ...rest } = r;
  return { ...rest, ratio, met };
}

function fmt(n: number, unit: string): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (unit === 'rec/s') return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1000)}k`;
  if (unit === 'ms') return n < 10 ? n.toFixed(2) : n.toFixed(0);
  if (unit === 'MB') return n.toFixed(0);
  return n.toFixed(2);
}

function cell(s: Summary, unit: string): string {
  return `${fmt(s.median, unit)} ±${spreadPct(s).toFixed(0)}%`;
}

export function markdown(rows: readonly Row[], meta: Record<string, string | number | boolean>): string {
  const lines = [
    `Kayak bench ${meta.date} (${meta.mode}; ${meta.runs} runs; median ±half-range; ${meta.machine})`,
    '',
    '| # | measurement | value | reference (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const met = r.met === null ? '–' : r.met ? 'yes' : '**no**';
    const note = r.note ? ` (${r.note})` : '';
    lines.push(`| ${r.section} | ${r.name}${note} | ${cell(r.value, r.unit)} ${r.unit} | ${r.reference.name}: ${cell(r.reference.value, r.unit)} ${r.unit} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) + '×' : 'n/a'} | ${r.goal} | ${met} |`);
  }
  return lines.join('\n') + '\n';
}

export function writeResults(rows: readonly Row[], meta: Record<string, string | number | boolean>, extra: Record<string, unknown>): { json: string; md: string; table: string } {
  const dir = join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, String(meta.date));
  const table = markdown(rows, meta);
  writeFileSync(`${base}.json`, JSON.stringify({ meta, rows, ...extra }, null, 2) + '\n');
  writeFileSync(`${base}.md`, table);
  return { json: `${base}.json`, md: `${base}.md`, table };
}
