import type { Db, DbKind, Field, QueryResult, Session, TransactionOptions } from './types.js';

/**
 * A database that is still opening, usable at once: every call waits for it
 * (and fails as the opening failed). The UI shows its screens with one while
 * PGlite starts, so keys work before the first query can run.
 */
export class PendingDb implements Db {
  /** Known once it has opened. */
  serving?: string;

  constructor(
    readonly kind: DbKind,
    readonly location: string,
    private readonly ready: Promise<Db>,
  ) {
    ready.then(
      (db) => (this.serving = db.serving),
      () => {},
    );
  }

  query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.ready.then((db) => db.query<T>(sql, params));
  }
  exec(sql: string): Promise<void> {
    return this.ready.then((db) => db.exec(sql));
  }
  copyFrom(copySql: string, data: string | Uint8Array): Promise<void> {
    return this.ready.then((db) => db.copyFrom(copySql, data));
  }
  describe(sql: string): Promise<Field[]> {
    return this.ready.then((db) => db.describe(sql));
  }
  transaction<T>(fn: (s: Session) => Promise<T>, opts?: TransactionOptions): Promise<T> {
    return this.ready.then((db) => db.transaction(fn, opts));
  }
  close(): Promise<void> {
    return this.ready.then(
      (db) => db.close(),
      () => {},
    );
  }
}
