// Compares the app's metric rows with DuckDB's (or PGlite's with the
// server's), value by value, so the benchmark doubles as a correctness check.

const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function norm(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && ISO_TS.test(v)) return Date.parse(v);
  if (typeof v === 'object' && 'toString' in v && !Array.isArray(v)) return String(v);
  return v;
}

function same(a, b) {
  a = norm(a);
  b = norm(b);
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') {
    // Rates carry at least 4 significant decimals (SPEC §5); seconds may carry ms.
    return Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  // A numeric column may come back as text from one side.
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '') return same(a, Number(b));
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '') return same(Number(a), b);
  return false;
}

const UNORDERED = new Set(['events_by_name']);

/**
 * Returns null when equal, else a one-line description of the first difference.
 * Compares the columns the app returned; `expected` rows come from the yardstick.
 */
export function diffRows(metric, columns, actual, expected) {
  let a = actual;
  let e = expected;
  if (UNORDERED.has(metric)) {
    const key = (r) => JSON.stringify(columns.map((c) => norm(r[c])));
    a = [...a].sort((x, y) => key(x).localeCompare(key(y)));
    e = [...e].sort((x, y) => key(x).localeCompare(key(y)));
  }
  if (a.length !== e.length) return `row count ${a.length} vs ${e.length}`;
  for (let i = 0; i < a.length; i++) {
    for (const c of columns) {
      if (!(c in e[i])) return `column ${c} missing in the yardstick`;
      if (!same(a[i][c], e[i][c])) {
        return `row ${i} column ${c}: ${JSON.stringify(norm(a[i][c]))} vs ${JSON.stringify(norm(e[i][c]))} (row ${JSON.stringify(Object.fromEntries(columns.map((k) => [k, norm(a[i][k])])))})`;
      }
    }
  }
  return null;
}
