import type { ColumnKind, MetricDef, MetricResult } from '../../metrics/types.js';
import { cellText } from '../../format/rows.js';

/** Display values for the UI's tables: rates to 4 decimals, timestamps to the second (UTC), durations in words. */
export function kindOf(def: MetricDef | undefined, column: string, sample: unknown): ColumnKind {
  const k = def?.columns.find((c) => c.name === column)?.kind;
  if (k) return k;
  if (sample instanceof Date) return 'timestamp';
  if (typeof sample === 'number') return 'int';
  if (typeof sample === 'boolean') return 'bool';
  if (sample && typeof sample === 'object') return 'json';
  return 'text';
}

export function timestampText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function durationText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${String(h % 24).padStart(2, '0')}h`;
}

export function percentText(rate: unknown): string {
  return typeof rate === 'number' ? `${(rate * 100).toFixed(1)}%` : '–';
}

export function displayValue(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return '';
  switch (kind) {
    case 'rate':
      return typeof v === 'number' ? Number(v.toFixed(4)) : v;
    case 'timestamp':
      return v instanceof Date ? timestampText(v) : v;
    case 'seconds':
      return typeof v === 'number' ? durationText(v) : v;
    case 'bool':
      return v ? 'yes' : 'no';
    case 'json':
      return cellText(v);
    default:
      return v instanceof Date ? timestampText(v) : v;
  }
}

export function displayRows(def: MetricDef | undefined, result: Pick<MetricResult, 'columns' | 'rows'>): Record<string, unknown>[] {
  const kinds = result.columns.map((c) => kindOf(def, c, result.rows.find((r) => r[c] !== null)?.[c]));
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, displayValue(kinds[i]!, r[c])])));
}

export function clip(s: string, width: number): string {
  return s.length > width ? s.slice(0, Math.max(0, width - 1)) + '…' : s;
}

/** Words to lines of at most `width` characters (a longer word is cut); no line starts with the space it broke at. */
export function wordWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w; w = w.slice(width)) {
      const piece = w.slice(0, width);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= width) line += ' ' + piece;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}
