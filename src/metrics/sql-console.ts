import { UserError, UsageError } from '../errors.js';
import { OID, type Db, type Field, type Session } from '../db/types.js';
import type { SqlResult } from './types.js';

const ROW_STATEMENTS = 'select, values, table, with, show, explain';

/** The rows a console query keeps when the caller names no cap. */
export const DEFAULT_MAX_ROWS = 100_000;

/**
 * Ad-hoc SQL that can read and nothing else, on the server and on PGlite:
 *
 * - the text goes to PostgreSQL whole, as one statement over the extended
 *   protocol (Parse and Describe): PostgreSQL refuses a text holding several,
 *   so evtui never decides where a statement ends;
 * - it runs in a READ ONLY transaction that always ends in ROLLBACK, with a
 *   statement timeout, after SET LOCAL ROLE evtui_reader (005_reader_role.sql),
 *   a role that may read `events` and nothing of the server's files, programs,
 *   replication or statistics;
 * - through evtui_console_rows, a security-definer function owned by that role:
 *   only statements that return rows run, one at a time, and nothing inside
 *   them can switch back to the login role; rows come back through its cursor
 *   as json objects,
 *   at most maxRows + 1, so any result size ends in "first N rows";
 * - afterwards the connection is reset (DISCARD ALL), so a session advisory
 *   lock or a setting never outlives the statement.
 *
 * Errors come back as one line, with the position when PostgreSQL gives one.
 */
export async function runReadOnlySql(db: Db, sql: string, opts: { signal?: AbortSignal; timeoutMs?: number; maxRows?: number } = {}): Promise<SqlResult> {
  const text = sql.trim();
  if (!text.replace(/;+$/, '').trim()) throw new UsageError('no SQL to run');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxRows = Math.max(1, Math.floor(opts.maxRows ?? DEFAULT_MAX_ROWS));
  const t0 = performance.now();
  const ranAt = new Date();
  try {
    return await db.transaction(
      async (s) => {
        const protection = await becomeReader(s);
        const fields = await s.describe(text);
        if (!fields.length) {
          throw new UserError(`the SQL console is read-only: it runs statements that return rows (${ROW_STATEMENTS}), and this one returns none`, 1, 'read_only');
        }
        const r = await s.query<{ r: Record<string, unknown> | null }>('select evtui_console_rows($1, $2) as r', [text, maxRows]);
        const rows = r.rows.slice(0, maxRows).map((x) => rowOf(fields, x.r ?? {}));
        const warning = protection === 'transaction only' ? warnOnce(db) : undefined;
        return {
          // as recorded in exports and their reproduce command: a final `;` changes nothing
          statement: text.replace(/;\s*$/, '').trimEnd(),
          ranAt,
          columns: fields.map((f) => f.name),
          rows,
          rowCount: rows.length,
          truncated: r.rows.length > maxRows,
          seconds: (performance.now() - t0) / 1000,
          ...(warning ? { warning } : {}),
        };
      },
      { readOnly: true, rollback: true, resetSession: true, statementTimeoutMs: timeoutMs, signal: opts.signal },
    );
  } catch (err) {
    throw sqlError(err, text, timeoutMs);
  }
}

/**
 * SET LOCAL ROLE evtui_reader where the login may, and whether the console
 * function runs as that role. A database where evtui could not create the
 * role (a managed server without CREATEROLE) keeps the read-only transaction
 * and the rollback, and is told so once.
 */
async function becomeReader(s: Session): Promise<'reader' | 'transaction only'> {
  const r = await s.query<{ member: boolean; definer: boolean }>(
    `select coalesce(pg_has_role(current_user, r.oid, 'member'), false) as member,
            coalesce((select p.prosecdef and p.proowner = r.oid from pg_proc p
                       where p.oid = to_regprocedure('evtui_console_rows(text,int)')), false) as definer
       from (select (select oid from pg_roles where rolname = 'evtui_reader') as oid) r`,
  );
  const { member, definer } = r.rows[0]!;
  if (member) await s.query('set local role evtui_reader');
  return member && definer ? 'reader' : 'transaction only';
}

const warned = new WeakSet<Db>();

function warnOnce(db: Db): string | undefined {
  if (warned.has(db)) return undefined;
  warned.add(db);
  return 'no evtui_reader role evtui may use here: the console is protected only by a read-only transaction that always rolls back';
}

/**
 * A row from the json object of its columns, in the statement's column order;
 * timestamps as Dates, as the driver gives them elsewhere. Two columns of one
 * name keep the last value, as the driver's rows do.
 */
function rowOf(fields: readonly Field[], values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  fields.forEach((f) => {
    const v = values[f.name] ?? null;
    row[f.name] = typeof v === 'string' && (f.dataTypeID === OID.timestamptz || f.dataTypeID === OID.timestamp) && /^\d{4}-/.test(v) ? new Date(v) : v;
  });
  return row;
}

function sqlError(err: unknown, text: string, timeoutMs: number): unknown {
  if (err instanceof UserError) return err;
  const e = err as { code?: string; message?: string; position?: string | number };
  if (!e.code || !/^[0-9A-Z]{5}$/.test(e.code)) return err;
  if (e.code === '57014' && /timeout/i.test(e.message ?? '')) {
    return new UserError(`query timed out after ${timeoutMs / 1000} s (statement timeout)`, 1, 'timeout');
  }
  if (e.code === '42601' && /multiple commands|multi-query/i.test(e.message ?? '')) {
    return new UsageError('one statement at a time, please: the console sends the text to PostgreSQL as one statement');
  }
  if (e.code === '25006') return new UserError(`the SQL console is read-only: ${e.message}`, 1, 'read_only');
  if (e.code === '42501') return new UserError(`the SQL console may only read events: ${e.message}`, 1, 'read_only');
  if (e.code === '0A000' && /cannot open .* query as cursor/i.test(e.message ?? '')) {
    return new UserError(`the SQL console is read-only: it runs statements that return rows (${ROW_STATEMENTS}), not this one (${e.message})`, 1, 'read_only');
  }
  if (e.code === '42501' || /within security-definer function/.test(e.message ?? '')) {
    return new UserError(`the SQL console may only read events: ${e.message}`, 1, 'read_only');
  }
  let where = '';
  const pos = Number(e.position);
  if (pos > 0) {
    const before = text.slice(0, pos - 1).split('\n');
    where = ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
  }
  return new UserError(`${e.message ?? 'query failed'}${where}`, 1, `sql_${e.code}`);
}
