import type { MetricDef, MetricResult } from '../../metrics/types.js';
import { axisLabel, columnChart } from './chart.js';
import { clip, displayRows } from './format.js';
import { compactTable } from './table.js';
import { brokenDown, groupedTableLines, perGroupLines, seriesLines } from './groups.js';
import { funnelLines, matrixLines, segmentLines, timelineLines } from './shapes.js';
import { lifecycleChart } from './lifecycle.js';

/** The value a day series charts: its rate when it has one (day-1 retention), else its first count. */
function chartColumn(def: MetricDef | undefined, result: MetricResult): { name: string; rate: boolean } | null {
  const rate = def?.columns.find((c) => c.kind === 'rate') ?? (result.columns.includes('retention_rate') ? { name: 'retention_rate' } : undefined);
  if (rate) return { name: rate.name, rate: true };
  const count = result.columns.find((c) => c !== 'day' && typeof result.rows[0]?.[c] === 'number');
  return count ? { name: count, rate: false } : null;
}

export function tableLines(def: MetricDef | undefined, result: Pick<MetricResult, 'columns' | 'rows'>, width: number): string[] {
  if (!result.rows.length) return ['(no rows)'];
  return compactTable(displayRows(def, result), result.columns, width);
}

/** The chart's share of the result pane: a third of its rows, 4 to 12. */
export function chartRows(paneRows: number): number {
  return Math.max(4, Math.min(12, Math.floor(paneRows / 3)));
}

/** "min 311 on 2025-03-05 · max 470 on 2025-03-29" (without the days where that does not fit): the extremes a day series spans, in words. */
function extremes(rows: readonly Record<string, unknown>[], name: string, rate: boolean, room: number): string {
  let lo: Record<string, unknown> | undefined;
  let hi: Record<string, unknown> | undefined;
  for (const r of rows) {
    const v = r[name];
    if (typeof v !== 'number') continue;
    if (!lo || v < (lo[name] as number)) lo = r;
    if (!hi || v > (hi[name] as number)) hi = r;
  }
  if (!lo || !hi) return '';
  const value = (r: Record<string, unknown>) => axisLabel(r[name] as number, rate);
  const long = ` · min ${value(lo)} on ${String(lo.day ?? '')} · max ${value(hi)} on ${String(hi.day ?? '')}`;
  return long.length <= room ? long : ` · min ${value(lo)} · max ${value(hi)}`;
}

/** A result broken down by a user property: per group, then the whole table with the groups as blocks. */
function groupedLines(def: MetricDef | undefined, result: MetricResult, width: number, pan: number): string[] {
  const table = groupedTableLines(def, result, width);
  if (!result.rows.length) return table;
  switch (def?.shape) {
    case 'day_series': {
      const col = chartColumn(def, result);
      return col ? [...seriesLines(result, col.name, col.rate, width), '', ...table] : table;
    }
    case 'matrix':
      return [...perGroupLines(result.rows, width, (rows, last) => matrixLines(rows, width, pan, last)), '', ...table];
    case 'funnel':
      return [...perGroupLines(result.rows, width, (rows) => funnelLines(rows, width)), '', ...table];
    case 'lifecycle':
      return [...perGroupLines(result.rows, width, (rows) => lifecycleChart(rows, width, 8)), '', ...table];
    default:
      return table;
  }
}

/** Every metric's result as lines of text for the result pane, by the shape the catalogue gives it. */
export function resultLines(def: MetricDef | undefined, result: MetricResult, width: number, pan = 0, paneRows = 18): string[] {
  if (brokenDown(result)) return groupedLines(def, result, width, pan);
  switch (def?.shape) {
    case 'day_series': {
      const col = chartColumn(def, result);
      if (!col || !result.rows.length) return tableLines(def, result, width);
      const values = result.rows.map((r) => (typeof r[col.name] === 'number' ? (r[col.name] as number) : null));
      const day = (i: number) => String(result.rows[i]?.day ?? '');
      const chart = columnChart(values, {
        width,
        height: chartRows(paneRows),
        firstLabel: day(0),
        midLabel: day(Math.floor((result.rows.length - 1) / 2)),
        lastLabel: day(result.rows.length - 1),
        rate: col.rate,
      });
      return [clip(`${col.name} by day${extremes(result.rows, col.name, col.rate, width - col.name.length - 7)}`, width), ...chart, '', ...tableLines(def, result, width)];
    }
    case 'matrix':
      return [...matrixLines(result.rows, width, pan), '', ...tableLines(def, result, width)];
    case 'funnel':
      return [...funnelLines(result.rows, width), '', ...tableLines(def, result, width)];
    case 'segments':
      return [...segmentLines(result.rows, width), '', ...tableLines(def, result, width)];
    case 'lifecycle':
      if (!result.rows.length) return tableLines(def, result, width);
      return [clip('users by period: active above the axis, going dormant below', width), ...lifecycleChart(result.rows, width, chartRows(paneRows)), '', ...tableLines(def, result, width)];
    case 'timeline':
      return timelineLines(result, width);
    default:
      return tableLines(def, result, width);
  }
}
