import fs from 'node:fs';
import path from 'node:path';
import { socketPath } from './serve.js';
import type { Db, QueryResult, Session, TransactionOptions } from './types.js';

/**
 * An embedded data directory reached through the evtui process that holds it
 * (serve.ts), over its socket, with the PostgreSQL client. PGlite cannot take
 * COPY FROM STDIN over the protocol, so copyFrom sends the same rows as one
 * JSON parameter of text fields, turned back into rows by json_to_recordset
 * and cast to the target columns' types (their input functions read the
 * text, as COPY's do).
 */
export async function connectServed(dataDir: string, holderPid: number): Promise<Db | null> {
  const dir = path.resolve(dataDir);
  if (!fs.existsSync(socketPath(dir))) return null;
  const { PgDb } = await import('./pg.js');
  let db: Db;
  try {
    db = await PgDb.connect(`postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`, { max: 2 });
  } catch {
    return null; // a socket left behind, or a holder that does not serve: the lock's message says who holds it
  }
  return served(db, `${dataDir} (served by evtui process ${holderPid})`);
}

function served(inner: Db, location: string): Db {
  const withCopy = (s: Session): Session => ({
    query: (sql, params) => s.query(sql, params),
    exec: (sql) => s.exec(sql),
    describe: (sql) => s.describe(sql),
    copyFrom: async (copySql, data) => {
      const { table } = copyTarget(copySql);
      const types = await s.query<{ name: string; type: string }>(
        `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
        [table],
      );
      const { sql, rows } = copyAsInsert(copySql, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'), new Map(types.rows.map((r) => [r.name, r.type])));
      await s.query(sql, [JSON.stringify(rows)]);
    },
  });
  return {
    kind: 'embedded',
    location,
    query: <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => inner.query<T>(sql, params),
    exec: (sql) => inner.exec(sql),
    copyFrom: () => Promise.reject(new Error('copyFrom runs inside transaction()')),
    describe: () => Promise.reject(new Error('describe runs inside transaction()')),
    transaction: <T>(fn: (s: Session) => Promise<T>, opts?: TransactionOptions) => inner.transaction((s) => fn(withCopy(s)), opts),
    close: () => inner.close(),
  };
}

function copyTarget(copySql: string): { table: string; columns: string[] } {
  const m = /^\s*copy\s+([\w.]+)\s*\(([\w\s,]*)\)\s+from\s+stdin\s*$/i.exec(copySql);
  if (!m) throw new Error(`cannot send this COPY to a served database: ${copySql}`);
  return { table: m[1]!, columns: m[2]!.split(',').map((c) => c.trim()) };
}

/** `copy t (a, b) from stdin` and its text-format rows as an insert of one JSON array of row objects, each field cast to its column's type. */
export function copyAsInsert(copySql: string, data: string, types: ReadonlyMap<string, string>): { sql: string; rows: Record<string, string | null>[] } {
  const { table, columns } = copyTarget(copySql);
  const rows = data
    .split('\n')
    .filter((line) => line !== '' && line !== '\\.')
    .map((line) => {
      const fields = line.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, fields[i] === undefined || fields[i] === '\\N' ? null : unescapeCopy(fields[i]!)]));
    });
  const casts = columns.map((c) => `r.${c}::${types.get(c) ?? 'text'}`).join(', ');
  const record = columns.map((c) => `${c} text`).join(', ');
  return { sql: `insert into ${table} (${columns.join(', ')}) select ${casts} from json_to_recordset($1::json) as r(${record})`, rows };
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** COPY text format's backslash escapes (a backslash before any other character stands for that character). */
function unescapeCopy(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_, c: string) => {
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    if (c[0] === 'x' && c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ESCAPES[c] ?? c;
  });
}
