import { renderTable } from '../../cli/format.js';

/** Lines above the first data row of a `compactTable` (top border, head, rule). */
export const TABLE_HEAD_LINES = 3;

/** The shared table renderer, fitted to `width`, as screen lines. */
export function compactTable(rows: readonly Record<string, unknown>[], columns: readonly string[], width: number): string[] {
  return renderTable(rows, columns, width).split('\n');
}
