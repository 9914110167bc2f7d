import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { UserError } from '../errors.js';
import { ROOT } from '../paths.js';
import { DiskFullError, diskGuard, isDiskFull, stopProcess } from './disk-full.js';
import { holdDataDir, notWritable, unwritable } from './lock.js';
import { statementTimeout, textParsers, type Db, type Field, type QueryResult, type Session, type TransactionOptions } from './types.js';

type Queryable = PGlite | Transaction;

/** PGlite reads COPY input from a virtual /dev/blob file, not from STDIN. */
export function blobCopySql(copySql: string): string {
  return copySql.replace(/from\s+stdin/i, "FROM '/dev/blob'");
}

/**
 * The /dev/blob input. PGlite takes it whole with `await blob.arrayBuffer()`
 * and reads that, so bytes that fill their own ArrayBuffer (a batch from the
 * parsing thread) are handed over as they are: a Blob would copy them twice
 * (into the Blob, out again), and those copies waited for a full GC, which a
 * thread that only runs PGlite seldom needs (a 1M-event load's RSS climbed by
 * up to 60 MiB between two).
 */
export function copyBlob(data: string | Uint8Array): Blob {
  if (typeof data !== 'string' && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) {
    const whole = data.buffer;
    return { arrayBuffer: () => Promise.resolve(whole) } as unknown as Blob;
  }
  return new Blob([data]);
}

/**
 * PGlite's own start parameters, with wal_init_zero off: a new 16 MB WAL
 * segment is not first written full of zeros. A 1M-event load writes ~670 MB
 * of WAL (42 segments), and the zeros went through the same JS file layer as
 * every page; the load ran ~1 s faster without them (22.6 s against 23.6 s).
 * PGlite runs with fsync off, so the zeros never bought it the on-disk space
 * guarantee they exist for.
 *
 * A database opened to read keeps PGlite's 128 MB of shared buffers: a page
 * missing from them comes through PGlite's file layer, slowly, and a metric
 * with --where reads the window's rows from the table (events_by_name
 * --where at 1M: 4.3 s with 32 MB, 0.94 s with 128 MB; docs/performance.md).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'];

/**
 * A database opened to load files (`evtui load`) keeps 32 MB: PGlite's WASM
 * heap never shrinks and the buffers are most of its resident memory, so a
 * load of 1M events peaks at 272-313 MiB instead of 430-500, ~20% slower
 * (random inserts into the covering indexes miss the buffers).
 */
export const PGLITE_LOAD_START_PARAMS = [...PGLITE_START_PARAMS, '-c', 'shared_buffers=32MB'];

/** An empty database made by the build (src/build/pglite-template.ts), as a data directory and as a tarball; absent in a checkout built by tsc alone. */
export const PGLITE_TEMPLATE_DIR = path.join(ROOT, 'dist', 'pglite-template', 'pgdata');
export const PGLITE_TEMPLATE = path.join(ROOT, 'dist', 'pglite-template.tar.gz');

/**
 * PGlite.create's options for the database at dataPath (undefined: in memory).
 * One that does not exist yet (no folder, or an empty one) starts from the
 * build's template rather than initdb. On disk the template's directory is
 * copied in first, so PGlite opens an existing database: `evtui load` of
 * churn-demo into a new directory peaked at 261-278 MiB in 1.8 s, against
 * 366-378 MiB in 4.2-4.8 s when PGlite unpacked the tarball into its own heap
 * (and 740-760 MiB through initdb; docs/performance.md). In memory, the tarball.
 * A folder with anything in it (say, an initdb killed half-way) is left to
 * PGlite, so no file of it is overwritten. `from` (a test's own template)
 * wins over both. On disk, `onFull` is what a full disk does (disk-full.ts).
 */
export function pgliteOptions(dataPath: string | undefined, from?: Blob | File, onFull?: (code: string) => never, forLoad = false): PGliteOptions {
  const base: PGliteOptions = {
    ...(dataPath ? { dataDir: dataPath } : {}),
    ...(dataPath && onFull ? { extensions: { evtuiDiskGuard: diskGuard(onFull) } } : {}),
    parsers: textParsers,
    startParams: forLoad ? PGLITE_LOAD_START_PARAMS : PGLITE_START_PARAMS,
  };
  if (from) return { ...base, loadDataDir: from };
  const empty = !dataPath || !fs.existsSync(dataPath) || fs.readdirSync(dataPath).length === 0;
  if (!empty) return base;
  if (dataPath) {
    if (fs.existsSync(PGLITE_TEMPLATE_DIR)) copyTemplate(dataPath);
    return base;
  }
  return fs.existsSync(PGLITE_TEMPLATE) ? { ...base, loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) } : base;
}

/**
 * Copies the template directory to dataPath by way of a sibling folder that
 * is renamed into place, so a copy cut short (a kill) never leaves a
 * half-made database at dataPath, only a leftover folder removed next time.
 * The caller holds the directory's lock.
 */
function copyTemplate(dataPath: string): void {
  const parent = path.dirname(dataPath);
  for (const f of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    if (f.startsWith(`${path.basename(dataPath)}.copying-`)) fs.rmSync(path.join(parent, f), { recursive: true, force: true });
  }
  const tmp = `${dataPath}.copying-${process.pid}`;
  try {
    fs.cpSync(PGLITE_TEMPLATE_DIR, tmp, { recursive: true });
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true }); // a full disk: give the space back
    throw err;
  }
  fs.rmSync(dataPath, { recursive: true, force: true }); // an empty folder, if any
  fs.renameSync(tmp, dataPath);
}

/** PGlite's Parse and Describe of one statement (it takes no lock, so it runs inside a transaction too). */
export async function describeOn(pg: PGlite, sql: string): Promise<Field[]> {
  const d = await pg.describeQuery(sql);
  return d.resultFields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
}

/** Thrown out of PGlite's transaction callback to end it with ROLLBACK; caught again at once. */
const ROLLBACK = Symbol('rollback');

/**
 * Runs fn in one transaction of pg with the options' read-only mode, statement
 * timeout and rollback; DISCARD ALL afterwards when asked. Used on this
 * thread and on the UI's PGlite thread alike.
 */
export async function pgliteTransaction<T>(pg: PGlite, fn: (s: Session) => Promise<T>, opts: TransactionOptions): Promise<T> {
  let result: T | undefined;
  try {
    await pg.transaction(async (tx) => {
      if (opts.readOnly) await tx.exec('set transaction read only');
      const timeout = statementTimeout(opts);
      if (timeout) await tx.exec(`set local statement_timeout = ${Math.floor(timeout)}`);
      result = await fn(session(tx, pg));
      if (opts.rollback) throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  } finally {
    if (opts.resetSession) await pg.exec('discard all');
  }
  return result as T;
}

function session(q: Queryable, pg: PGlite): Session {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyFrom(copySql: string, data: string | Uint8Array) {
      await q.query(blobCopySql(copySql), [], { blob: copyBlob(data) });
    },
    describe(sql: string) {
      return describeOn(pg, sql);
    },
  };
}

export interface PgliteOptions {
  /** A directory to persist to; undefined for an in-memory database. */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (tests). */
  loadDataDir?: Blob | File;
  /** Opened to load files: fewer buffers (PGLITE_LOAD_START_PARAMS). */
  forLoad?: boolean;
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
    this.s = session(pg, pg);
  }

  static async open(opts: PgliteOptions = {}): Promise<PgliteDb> {
    const { release, dataPath } = holdDataDir(opts.dataDir);
    try {
      const pg = await PGlite.create(pgliteOptions(dataPath, opts.loadDataDir, (code) => stopProcess(opts.dataDir!, code), opts.forLoad));
      return new PgliteDb(pg, opts.dataDir ?? 'in memory', release);
    } catch (err) {
      release();
      // PGlite says only that it "failed to initialize": a directory it cannot write is the common cause, and fixable.
      const code = dataPath && unwritable(dataPath);
      if (code) throw notWritable(opts.dataDir!, code);
      // The template's copy (or the lock) on a full disk: the same line, before PGlite ever ran.
      if (isDiskFull(err)) throw new DiskFullError(opts.dataDir!, (err as { code: string }).code);
      throw new UserError(`cannot open the embedded database at ${opts.dataDir ?? 'memory'}: ${(err as Error).message}`);
    }
  }

  query<T>(sql: string, params?: readonly unknown[]) {
    return this.s.query<T>(sql, params);
  }
  exec(sql: string) {
    return this.s.exec(sql);
  }
  copyFrom(copySql: string, data: string | Uint8Array) {
    return this.s.copyFrom(copySql, data);
  }
  describe(sql: string) {
    return this.s.describe(sql);
  }

  transaction<T>(fn: (s: Session) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    return pgliteTransaction(this.pg, fn, opts);
  }

  async close() {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.release();
    }
  }
}
