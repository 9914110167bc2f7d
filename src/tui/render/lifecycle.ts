/**
 * lifecycle as a chart: one column per period, the active users stacked above
 * the axis (new at the bottom, then returning, then resurrecting) and the
 * users going dormant below it, on one scale, so a period that gains more
 * than it loses stands taller than it hangs. Each status has its own glyph, so
 * the chart reads without color. Periods are averaged into columns when they
 * outnumber them, as in the day series' chart.
 */
import { AXIS, axisLabel, buckets, columnLayout, dateAxis } from './chart.js';
import { clip } from './format.js';

type Row = Record<string, unknown>;

const ABOVE = [
  { status: 'new', glyph: '█' },
  { status: 'returning', glyph: '▓' },
  { status: 'resurrecting', glyph: '▒' },
] as const;
const DORMANT_GLYPH = '░';

const LEGEND = '█ new  ▓ returning  ▒ resurrecting  ░ dormant (below the axis)';
const SHORT_LEGEND = '█ new ▓ returning ▒ resurrecting ░ dormant';

interface Column {
  above: number[];
  dormant: number;
}

/** Each period's counts by status, in period order. */
function periods(rows: readonly Row[]): { period: string; counts: Map<string, number> }[] {
  const by = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const p = String(r.period ?? '');
    if (!by.has(p)) by.set(p, new Map());
    by.get(p)!.set(String(r.status), typeof r.users === 'number' ? r.users : Number(r.users ?? 0));
  }
  return [...by.entries()].map(([period, counts]) => ({ period, counts }));
}

/** The periods averaged into `cols` columns (as the day series' chart averages days). */
function columns(ps: ReturnType<typeof periods>, cols: number): Column[] {
  const series = (status: string) => buckets(ps.map((p) => p.counts.get(status) ?? 0), cols).map((v) => v ?? 0);
  const above = ABOVE.map((a) => series(a.status));
  const dormant = series('dormant');
  return dormant.map((d, i) => ({ above: above.map((s) => s[i]!), dormant: d }));
}

/** The glyph of the cell `row` rows above the axis: the status whose stack holds the cell's middle. */
function aboveCell(c: Column, row: number, unit: number): string {
  const mid = (row + 0.5) * unit;
  let top = 0;
  for (let i = 0; i < ABOVE.length; i++) {
    top += c.above[i]!;
    if (mid < top) return ABOVE[i]!.glyph;
  }
  return ' ';
}

export function lifecycleChart(rows: readonly Row[], width: number, height: number): string[] {
  const ps = periods(rows);
  if (!ps.length) return [];
  const axis = AXIS;
  const { slots: n, per } = columnLayout(ps.length, width);
  const cols = columns(ps, n);
  const maxUp = Math.max(0, ...cols.map((c) => c.above.reduce((a, b) => a + b, 0)));
  const maxDown = Math.max(0, ...cols.map((c) => c.dormant));
  // rows shared between the two sides by their extents, one at least each, on one scale
  const h = Math.max(2, height);
  const up = maxUp + maxDown > 0 ? Math.min(h - 1, Math.max(1, Math.round((h * maxUp) / (maxUp + maxDown)))) : h - 1;
  const down = h - up;
  const unit = Math.max(maxUp / up, maxDown / down, 1e-9);
  const lines: string[] = [];
  for (let row = up - 1; row >= 0; row--) {
    const label = row === up - 1 ? axisLabel(Math.round(maxUp), false) : '';
    lines.push(label.padStart(axis - 1) + '│' + cols.map((c) => aboveCell(c, row, unit).repeat(per)).join(''));
  }
  lines.push('0'.padStart(axis - 1) + '┼' + '─'.repeat(n * per));
  for (let row = 0; row < down; row++) {
    const label = row === down - 1 ? axisLabel(-Math.round(maxDown), false) : '';
    lines.push(label.padStart(axis - 1) + '│' + cols.map((c) => (c.dormant >= (row + 0.5) * unit ? DORMANT_GLYPH : ' ').repeat(per)).join(''));
  }
  const period = (i: number) => ps[i]!.period;
  lines.push(' '.repeat(axis) + dateAxis([period(0), period(Math.floor((ps.length - 1) / 2)), period(ps.length - 1)], n * per));
  lines.push(' '.repeat(axis) + (axis + LEGEND.length <= width ? LEGEND : SHORT_LEGEND));
  return lines.map((l) => clip(l, width));
}
