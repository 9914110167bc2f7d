import Table from 'cli-table3';
import { cellText } from '../../cli/format.js';

/** Lines above the first data row of a `compactTable` (top border, head, rule). */
export const TABLE_HEAD_LINES = 3;

/**
 * A cli-table3 table without rules between rows (a screen row is precious),
 * cells clipped so the whole table fits `width`; numbers right-aligned.
 */
export function compactTable(rows: readonly Record<string, unknown>[], columns: readonly string[], width: number): string[] {
  const natural = columns.map((c) => Math.max(c.length, ...rows.map((r) => cellText(r[c]).length)));
  const budget = width - 1 - columns.length * 3;
  const widths = fitWidths(natural, Math.max(columns.length * 4, budget));
  const clipTo = (s: string, w: number) => (s.length > w ? s.slice(0, Math.max(1, w - 1)) + '…' : s);
  const t = new Table({
    head: columns.map((c, i) => clipTo(c, widths[i]!)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) {
    t.push(columns.map((c, i) => ({ content: clipTo(cellText(r[c]), widths[i]!), hAlign: typeof r[c] === 'number' ? ('right' as const) : ('left' as const) })));
  }
  return t.toString().split('\n');
}

/** Shrinks the widest columns first until the sum fits. */
function fitWidths(natural: number[], budget: number): number[] {
  const w = [...natural];
  let total = w.reduce((a, b) => a + b, 0);
  while (total > budget) {
    const i = w.indexOf(Math.max(...w));
    if (w[i]! <= 3) break;
    w[i]!--;
    total--;
  }
  return w;
}
