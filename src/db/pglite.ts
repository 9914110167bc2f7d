import { PGlite, type Transaction } from '@electric-sql/pglite';
import { UserError } from '../errors.js';
import { holdDataDir } from './lock.js';
import { textParsers, type Db, type QueryResult, type Session, type TransactionOptions } from './types.js';

type Queryable = PGlite | Transaction;

/** PGlite reads COPY input from a virtual /dev/blob file, not from STDIN. */
export function blobCopySql(copySql: string): string {
  return copySql.replace(/from\s+stdin/i, "FROM '/dev/blob'");
}

/**
 * PGlite's own start parameters with shared_buffers at 32 MB instead of 128.
 * PGlite's WASM heap never shrinks, and the buffers are most of a process's
 * resident memory (opening a database: 287 MiB resident with 128 MB, 156 MiB
 * with 16 MB); pages missing from them come from the operating system's file
 * cache. The 31 metric cases at 1M events ran 0.9x the time with 32 MB
 * (geometric mean; a busy machine, single cases from 0.44x to 1.9x); a load
 * of 1M events peaks at 272-313 MiB instead of 430-500, and runs ~20% slower
 * (random inserts into the covering indexes miss the buffers; BENCHMARKS.md).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

function session(q: Queryable): Session {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyFrom(copySql: string, data: string) {
      await q.query(blobCopySql(copySql), [], { blob: new Blob([data]) });
    },
  };
}

export interface PgliteOptions {
  /** A directory to persist to; undefined for an in-memory database. */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (tests). */
  loadDataDir?: Blob | File;
}

/** The embedded database: PGlite in this process, its directory held by a lock file. */
export class PgliteDb implements Db {
  readonly kind = 'embedded' as const;
  private readonly s: Session;

  private constructor(
    readonly pg: PGlite,
    readonly location: string,
    private readonly release: () => void,
  ) {
    this.s = session(pg);
  }

  static async open(opts: PgliteOptions = {}): Promise<PgliteDb> {
    const { release, dataPath } = holdDataDir(opts.dataDir);
    try {
      const pg = await PGlite.create({
        ...(dataPath ? { dataDir: dataPath } : {}),
        ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
        parsers: textParsers,
        startParams: PGLITE_START_PARAMS,
      });
      return new PgliteDb(pg, opts.dataDir ?? 'in memory', release);
    } catch (err) {
      release();
      throw new UserError(`cannot open the embedded database at ${opts.dataDir ?? 'memory'}: ${(err as Error).message}`);
    }
  }

  query<T>(sql: string, params?: readonly unknown[]) {
    return this.s.query<T>(sql, params);
  }
  exec(sql: string) {
    return this.s.exec(sql);
  }
  copyFrom(copySql: string, data: string) {
    return this.s.copyFrom(copySql, data);
  }

  transaction<T>(fn: (s: Session) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    return this.pg.transaction(async (tx) => {
      if (opts.readOnly) await tx.exec('set transaction read only');
      if (opts.statementTimeoutMs) await tx.exec(`set local statement_timeout = ${Math.floor(opts.statementTimeoutMs)}`);
      return fn(session(tx));
    });
  }

  async close() {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.release();
    }
  }
}
