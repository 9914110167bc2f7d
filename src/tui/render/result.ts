import type { MetricDef, MetricResult } from '../../metrics/types.js';
import { columnChart } from './chart.js';
import { displayRows } from './format.js';
import { compactTable } from './table.js';
import { funnelLines, matrixLines, segmentLines, timelineLines } from './shapes.js';

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

/** Every metric's result as lines of text for the result pane, by the shape the catalogue gives it. */
export function resultLines(def: MetricDef | undefined, result: MetricResult, width: number, pan = 0): string[] {
  switch (def?.shape) {
    case 'day_series': {
      const col = chartColumn(def, result);
      if (!col || !result.rows.length) return tableLines(def, result, width);
      const values = result.rows.map((r) => (typeof r[col.name] === 'number' ? (r[col.name] as number) : null));
      const chart = columnChart(values, {
        width,
        firstLabel: String(result.rows[0]!.day ?? ''),
        lastLabel: String(result.rows[result.rows.length - 1]!.day ?? ''),
        rate: col.rate,
      });
      return [`${col.name} by day`, ...chart, '', ...tableLines(def, result, width)];
    }
    case 'matrix':
      return [...matrixLines(result.rows, width, pan), '', ...tableLines(def, result, width)];
    case 'funnel':
      return [...funnelLines(result.rows, width), '', ...tableLines(def, result, width)];
    case 'segments':
      return [...segmentLines(result.rows, width), '', ...tableLines(def, result, width)];
    case 'timeline':
      return timelineLines(result, width);
    default:
      return tableLines(def, result, width);
  }
}
