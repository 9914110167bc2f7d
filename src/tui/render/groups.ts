import type { MetricDef, MetricResult } from '../../metrics/types.js';
import { axisLabel } from './chart.js';
import { clip, displayRows } from './format.js';
import { compactTable } from './table.js';

/**
 * A result broken down by a user property (--by) leads with a `segment`
 * column, one group of rows per value (null: the users without it), rows of a
 * group together. These draw such a result: a table whose segment cell
 * shows on the first row of each group, and a day series as one line of
 * blocks per group on a common scale.
 */
type Row = Record<string, unknown>;

export function brokenDown(result: Pick<MetricResult, 'columns'>): boolean {
  return result.columns[0] === 'segment';
}

/** A group's name on screen: its text, or "(none)" for the users without the property. */
export function groupName(segment: unknown): string {
  return segment === null || segment === undefined ? '(none)' : String(segment);
}

/** The groups in the order the rows hold them. */
export function groups(rows: readonly Row[]): { name: string; rows: Row[] }[] {
  const out: { key: unknown; name: string; rows: Row[] }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.key === r.segment) last.rows.push(r);
    else out.push({ key: r.segment, name: groupName(r.segment), rows: [r] });
  }
  return out.map(({ name, rows: rs }) => ({ name, rows: rs }));
}

/** The table with each group's name on its first row only, so the groups read as blocks. */
export function groupedTableLines(def: MetricDef | undefined, result: Pick<MetricResult, 'columns' | 'rows'>, width: number): string[] {
  if (!result.rows.length) return ['(no rows)'];
  const shown = displayRows(def, result);
  let previous: unknown = Symbol('none');
  const rows = shown.map((r, i) => {
    const seg = result.rows[i]!.segment;
    const first = seg !== previous;
    previous = seg;
    return { ...r, segment: first ? groupName(seg) : '' };
  });
  return compactTable(rows, result.columns, width, ['segment']);
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** At most this many groups get a chart line; the table below has them all. */
export const MAX_SERIES = 8;

/**
 * One line per group: its name, its values as blocks on one scale shared by
 * every group (so the lines compare), its maximum; days averaged into the
 * columns when they outnumber them. Nulls are blank.
 */
export function seriesLines(result: Pick<MetricResult, 'rows'>, column: string, rate: boolean, width: number, maxSeries = MAX_SERIES): string[] {
  const all = groups(result.rows);
  const shown = all.slice(0, maxSeries);
  const nameW = Math.min(14, Math.max(4, ...shown.map((g) => g.name.length)));
  const maxW = 7;
  const cols = Math.max(4, width - nameW - maxW - 3);
  const nums = result.rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number');
  const lo = nums.length ? Math.min(0, ...nums) : 0;
  const hi = nums.length ? Math.max(...nums) : 0;
  const lines: string[] = [`${column} by day, one line per group · scale ${axisLabel(lo, rate)}–${axisLabel(hi, rate)}`];
  for (const g of shown) {
    const values = g.rows.map((r) => (typeof r[column] === 'number' ? (r[column] as number) : null));
    const n = values.length;
    const m = Math.min(n, cols);
    let bar = '';
    for (let i = 0; i < m; i++) {
      const slice = values.slice(Math.floor((i * n) / m), Math.max(Math.floor(((i + 1) * n) / m), Math.floor((i * n) / m) + 1)).filter((v): v is number => v !== null);
      if (!slice.length) {
        bar += ' ';
        continue;
      }
      const v = slice.reduce((a, b) => a + b, 0) / slice.length;
      bar += hi === lo ? BLOCKS[0] : BLOCKS[Math.min(7, Math.round(((v - lo) / (hi - lo)) * 7))];
    }
    const top = values.reduce<number | null>((a, v) => (v === null ? a : a === null ? v : Math.max(a, v)), null);
    lines.push(`${clip(g.name, nameW).padEnd(nameW)} ${bar} ${top === null ? '' : `max ${axisLabel(top, rate)}`}`.trimEnd());
  }
  const first = String(all[0]?.rows[0]?.day ?? '');
  const last = String(all[0]?.rows[all[0].rows.length - 1]?.day ?? '');
  const span = Math.min(cols, all[0]?.rows.length ?? 0);
  if (first && span >= first.length + last.length + 1) lines.push(' '.repeat(nameW + 1) + first + ' '.repeat(span - first.length - last.length) + last);
  if (shown.length < all.length) lines.push(`${shown.length} of ${all.length} groups charted; the table has all`);
  return lines.map((l) => clip(l, width));
}

/** Each group's lines from `draw` (a funnel, a matrix) under a heading with its name. */
export function perGroupLines(rows: readonly Row[], width: number, draw: (rows: Row[], last: boolean) => string[]): string[] {
  const all = groups(rows);
  return all.flatMap((g, i) => [clip(`── ${g.name} ${'─'.repeat(Math.max(0, width - g.name.length - 4))}`, width), ...draw(g.rows, i === all.length - 1)]);
}
