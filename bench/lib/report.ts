/**
 * Result rows and their rendering. Every row carries a same-run reference and the ratio of the
 * medians, because absolute numbers on shared 2-core machines move from run to run.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spreadPct, summarize, type Summary } from './stats.ts';

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
  /** Set when there is no value: the measurement failed, or was not taken. */
  missing?: { kind: 'failed' | 'not measured'; reason: string };
}

export function ratioRow(r: Omit<Row, 'ratio' | 'met'> & { atLeast?: number; atMost?: number }): Row {
  const ratio = r.value.median / r.reference.value.median;
  const met = r.atLeast !== undefined ? ratio >= r.atLeast : r.atMost !== undefined ? ratio <= r.atMost : null;
  const { atLeast: _a, atMost: _b, ...rest } = r;
  return { ...rest, ratio, met };
}

/**
 * A row without a value. A failed measurement with a goal counts as not met; the reference is
 * kept when it was measured.
 */
export function missingRow(r: {
  section: string;
  name: string;
  unit: string;
  goal: string;
  command: string;
  kind: 'failed' | 'not measured';
  reason: string;
  reference?: { name: string; value: Summary };
}): Row {
  const none = summarize([]);
  const informational = r.goal === 'informational';
  return {
    section: r.section,
    name: r.name,
    unit: r.unit,
    value: none,
    reference: r.reference ?? { name: '–', value: none },
    ratio: NaN,
    goal: r.goal,
    met: r.kind === 'failed' && !informational ? false : null,
    command: r.command,
    missing: { kind: r.kind, reason: r.reason },
  };
}

function fmt(n: number, unit: string): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (unit === 'rec/s') return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1000)}k`;
  if (unit === 'ms') return n < 10 ? n.toFixed(2) : n.toFixed(0);
  if (unit === 'MB') return n.toFixed(0);
  return n.toFixed(2);
}

function cell(s: Summary, unit: string): string {
  if (!Number.isFinite(s.median)) return 'not measured';
  const spread = spreadPct(s);
  return `${fmt(s.median, unit)}${Number.isFinite(spread) ? ` ±${spread.toFixed(0)}%` : ''} ${unit}`;
}

/** Table cells must not break the markdown row. */
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function valueCell(r: Row): string {
  if (r.missing) return escape(r.missing.kind === 'failed' ? `failed: ${r.missing.reason}` : `not measured${r.missing.reason ? `: ${r.missing.reason}` : ''}`);
  return cell(r.value, r.unit);
}

function referenceCell(r: Row): string {
  if (!Number.isFinite(r.reference.value.median)) return r.reference.name === '–' ? '–' : `${r.reference.name}: not measured`;
  return `${r.reference.name}: ${cell(r.reference.value, r.unit)}`;
}

export function markdown(rows: readonly Row[], meta: Record<string, string | number | boolean>): string {
  const lines = [
    `Kayak bench ${meta.date} (${meta.mode}; ${meta.runs} runs; median ±half-range; ${meta.machine}; commit ${meta.commit}${meta.worktree && meta.worktree !== 'clean' ? `, ${meta.worktree}` : ''})`,
    '',
    '| # | measurement | value | reference (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const met = r.met === null ? '–' : r.met ? 'yes' : '**no**';
    const note = r.note ? ` (${r.note})` : '';
    const ratio = Number.isFinite(r.ratio) ? r.ratio.toFixed(2) + '×' : '–';
    lines.push(`| ${r.section} | ${escape(r.name + note)} | ${valueCell(r)} | ${referenceCell(r)} | ${ratio} | ${r.goal} | ${met} |`);
  }
  return lines.join('\n') + '\n';
}

export function writeResults(
  rows: readonly Row[],
  meta: Record<string, string | number | boolean>,
  extra: Record<string, unknown>,
): { json: string; md: string; table: string } {
  const dir = join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, String(meta.date));
  const table = markdown(rows, meta);
  writeFileSync(`${base}.json`, JSON.stringify({ meta, rows, ...extra }, null, 2) + '\n');
  writeFileSync(`${base}.md`, table);
  return { json: `${base}.json`, md: `${base}.md`, table };
}
