import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

/**
 * Rows out, in the three formats of SPEC §6. Dates are already `YYYY-MM-DD`
 * strings (see db/types.ts); timestamps arrive as Date and leave as ISO-8601 UTC.
 */
export type Format = 'table' | 'csv' | 'json';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

export function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export function cellText(v: unknown): string {
  const p = plain(v);
  if (p === null || p === undefined) return '';
  if (typeof p === 'object') return JSON.stringify(p);
  return String(p);
}

export function toJsonRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}

export function renderRows(rows: readonly Record<string, unknown>[], columns: readonly string[], format: Format, width?: number): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonRows(rows), null, 2) + '\n';
    case 'csv':
      return stringify([columns as string[], ...rows.map((r) => columns.map((c) => cellText(r[c])))]);
    case 'table':
      return renderTable(rows, columns, width) + '\n';
  }
}

/** A cli-table3 table; numbers right-aligned. `width` trims wide cells so the table fits. */
export function renderTable(rows: readonly Record<string, unknown>[], columns: readonly string[], width?: number): string {
  const cols = columns.length || 1;
  const maxCell = width ? Math.max(6, Math.floor((width - 1) / cols) - 3) : 10_000;
  const clip = (s: string) => (s.length > maxCell ? s.slice(0, maxCell - 1) + '…' : s);
  // No rule between body rows: long results read as a list, not a grid.
  const t = new Table({ head: columns.map(clip), style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const r of rows) {
    t.push(columns.map((c) => ({ content: clip(cellText(r[c])), hAlign: typeof r[c] === 'number' ? 'right' : 'left' })));
  }
  return t.toString();
}
