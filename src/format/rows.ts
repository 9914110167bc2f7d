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

/**
 * The one table renderer, for the CLI and the UI: cli-table3 without rules
 * between body rows (long results read as a list), numbers right-aligned.
 * With `width`, the widest columns shrink first (cells clipped with …) until
 * the table fits; columns named in `keep` (timestamps, names) shrink only
 * when nothing else can.
 */
export function renderTable(rows: readonly Record<string, unknown>[], columns: readonly string[], width?: number, keep: readonly string[] = []): string {
  // a loop, not Math.max(...rows): spreading 100,000 rows overflows the call stack
  const natural = columns.map((c) => rows.reduce((w, r) => Math.max(w, cellText(r[c]).length), c.length));
  const kept = columns.map((c) => keep.includes(c));
  const widths = width === undefined ? natural : fitWidths(natural, Math.max(columns.length * 4, width - 1 - columns.length * 3), kept);
  const clipTo = (s: string, w: number) => (s.length > w ? s.slice(0, Math.max(1, w - 1)) + '…' : s);
  const table = (head: string[] | undefined, part: readonly Record<string, unknown>[]) => {
    const t = new Table({
      ...(head ? { head } : {}),
      colWidths: widths.map((w) => Math.max(w, 1) + 2),
      style: { head: [], border: [] },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const r of part) {
      t.push(columns.map((c, i) => ({ content: clipTo(cellText(r[c]), widths[i]!), hAlign: typeof r[c] === 'number' ? ('right' as const) : ('left' as const) })));
    }
    return t.toString().split('\n');
  };
  // cli-table3 spreads all rows into one call, which overflows the stack past
  // ~100,000: long results are drawn in parts of one width, joined where one
  // part's bottom border meets the next one's top
  const lines = table(
    columns.map((c, i) => clipTo(c, widths[i]!)),
    rows.slice(0, TABLE_PART),
  );
  for (let i = TABLE_PART; i < rows.length; i += TABLE_PART) {
    const bottom = lines.pop()!;
    const part = table(undefined, rows.slice(i, i + TABLE_PART));
    for (let j = 1; j < part.length - 1; j++) lines.push(part[j]!);
    lines.push(bottom);
  }
  return lines.join('\n');
}

const TABLE_PART = 200;

/** Shrinks the widest columns first (those not kept, while any can shrink) until the sum fits. */
function fitWidths(natural: number[], budget: number, kept: readonly boolean[]): number[] {
  const w = [...natural];
  let total = w.reduce((a, b) => a + b, 0);
  const widest = (skipKept: boolean) => w.reduce((best, v, i) => ((skipKept && kept[i]) || v <= 3 || (best >= 0 && v <= w[best]!) ? best : i), -1);
  while (total > budget) {
    const free = widest(true);
    const i = free >= 0 ? free : widest(false);
    if (i < 0) break;
    w[i]!--;
    total--;
  }
  return w;
}
