import { UserError, UsageError } from '../errors.js';
import type { Db, Session } from '../db/types.js';
import { splitStatements } from './sql-lex.js';
import type { SqlResult } from './types.js';

/**
 * Ad-hoc SQL, read-only: one statement, inside a READ ONLY transaction that has
 * already taken its snapshot (so `set transaction read write` is refused), with
 * a statement timeout. Errors come back as one line, with the position when
 * PostgreSQL gives one.
 */
export async function runReadOnlySql(db: Db, sql: string, opts: { signal?: AbortSignal; timeoutMs?: number; maxRows?: number } = {}): Promise<SqlResult> {
  const statements = splitStatements(sql);
  if (statements.length === 0) throw new UsageError('no SQL to run');
  if (statements.length > 1) throw new UsageError(`one statement at a time, please (found ${statements.length}); the console is read-only`);
  const text = statements[0]!.trim();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const t0 = performance.now();
  const ranAt = new Date();
  try {
    return await db.transaction(
      async (s) => {
        await s.query('select 1');
        const { columns, rows, truncated } = await fetchRows(s, text, opts.maxRows);
        return { statement: text, ranAt, columns, rows, rowCount: rows.length, truncated, seconds: (performance.now() - t0) / 1000 };
      },
      { readOnly: true, statementTimeoutMs: timeoutMs, signal: opts.signal },
    );
  } catch (err) {
    throw sqlError(err, text, timeoutMs);
  }
}

/** With maxRows, a query is read through a cursor, so a huge result is never fetched whole. */
async function fetchRows(s: Session, text: string, maxRows?: number) {
  if (maxRows !== undefined && /^\s*(select|with|values|table)\b/i.test(text.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ''))) {
    const prefix = 'declare evtui_console no scroll cursor for ';
    await s.query(prefix + text).catch((err: { position?: string | number }) => {
      // positions should point into the analyst's text, not our prefix
      if (err.position) err.position = Number(err.position) - prefix.length;
      throw err;
    });
    const r = await s.query(`fetch forward ${Math.floor(maxRows) + 1} from evtui_console`);
    await s.query('close evtui_console');
    return { columns: r.fields.map((f) => f.name), rows: r.rows.slice(0, maxRows), truncated: r.rows.length > maxRows };
  }
  const r = await s.query(text);
  const rows = maxRows !== undefined ? r.rows.slice(0, maxRows) : r.rows;
  return { columns: r.fields.map((f) => f.name), rows, truncated: rows.length < r.rows.length };
}

function sqlError(err: unknown, text: string, timeoutMs: number): unknown {
  if (err instanceof UserError) return err;
  const e = err as { code?: string; message?: string; position?: string | number };
  if (!e.code || !/^[0-9A-Z]{5}$/.test(e.code)) return err;
  if (e.code === '57014' && /timeout/i.test(e.message ?? '')) {
    return new UserError(`query timed out after ${timeoutMs / 1000} s (statement timeout)`, 1, 'timeout');
  }
  if (e.code === '25006') return new UserError(`the SQL console is read-only: ${e.message}`, 1, 'read_only');
  let where = '';
  const pos = Number(e.position);
  if (pos > 0) {
    const before = text.slice(0, pos - 1).split('\n');
    where = ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
  }
  return new UserError(`${e.message ?? 'query failed'}${where}`, 1, `sql_${e.code}`);
}
