import { renderTable } from '../../format/rows.js';

/** Lines above the first data row of a `compactTable` (top border, head: it has no rule below the head). */
export const TABLE_HEAD_LINES = 2;

/** The shared table renderer, fitted to `width`, as screen lines. */
export function compactTable(rows: readonly Record<string, unknown>[], columns: readonly string[], width: number, keep: readonly string[] = []): string[] {
  return renderTable(rows, columns, width, keep).split('\n');
}
