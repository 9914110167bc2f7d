/**
 * The one small interface every caller uses, whether the data lives on a
 * PostgreSQL server (pg) or in the embedded database (PGlite). The same SQL
 * text runs on both: `$1` parameters, no driver-specific syntax.
 */
export interface Field {
  name: string;
  dataTypeID: number;
}

export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  fields: Field[];
}

export interface Session {
  /** One statement with bound `$n` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** `COPY ... FROM STDIN` fed with `data` (text format; bytes are UTF-8). */
  copyFrom(copySql: string, data: string | Uint8Array): Promise<void>;
  /**
   * The columns one statement would return, without running it: the extended
   * protocol's Parse and Describe, so PostgreSQL itself refuses a text holding
   * several statements. Empty for a statement that returns no rows.
   */
  describe(sql: string): Promise<Field[]>;
}

export interface TransactionOptions {
  readOnly?: boolean;
  /**
   * Applied with SET LOCAL, so it ends with the transaction. A read-only
   * transaction without one gets READ_STATEMENT_TIMEOUT_MS: no metric or
   * console query runs on the server unbounded.
   */
  statementTimeoutMs?: number;
  /** Aborting cancels the running statement on the server (PGlite cannot be interrupted). */
  signal?: AbortSignal;
  /** End with ROLLBACK even when fn succeeds: nothing fn did is kept. */
  rollback?: boolean;
  /**
   * After the transaction, DISCARD ALL on its connection: what outlives a
   * rollback (session advisory locks, LISTEN) is dropped before the
   * connection serves anyone else.
   */
  resetSession?: boolean;
}

/** The statement timeout of a read-only transaction that names none (metrics): 5 minutes. */
export const READ_STATEMENT_TIMEOUT_MS = 5 * 60_000;

/** The statement timeout a transaction's options ask for, if any. */
export function statementTimeout(opts: TransactionOptions): number | undefined {
  return opts.statementTimeoutMs ?? (opts.readOnly ? READ_STATEMENT_TIMEOUT_MS : undefined);
}

export type DbKind = 'server' | 'embedded';

export interface Db extends Session {
  readonly kind: DbKind;
  /** Where the data lives, printable: `host:port/db` (never a password) or a directory. */
  readonly location: string;
  /** The embedded database's holder serves it to other evtui processes on this socket (db/serve.ts). */
  readonly serving?: string;
  transaction<T>(fn: (s: Session) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs whose driver defaults are wrong for us (see parsers in pg.ts / pglite.ts). */
export const OID = { int8: 20, date: 1082, numeric: 1700, timestamptz: 1184, timestamp: 1114 } as const;

/** int8 and numeric as JS numbers, date as its `YYYY-MM-DD` text (never a local-midnight Date). */
export const textParsers: Record<number, (v: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
};
