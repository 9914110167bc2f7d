import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { holdDataDir, notWritable, unwritable } from './lock.js';
import { statementTimeout, type Db, type Field, type QueryResult, type Session, type TransactionOptions } from './types.js';

/**
 * The embedded database on a worker thread, for the interactive UI: a query
 * on PGlite runs synchronously, and on the UI's own thread it would freeze
 * keys, spinners and progress bars. Same interface and SQL as PgliteDb; one
 * session at a time (a transaction holds the session until it ends).
 */
const THREAD = new URL('./pglite-thread.js', import.meta.url);

type Reply = { id: number; ok: boolean; value?: unknown; error?: Record<string, string | undefined> };

export class PgliteWorkerDb implements Db {
  readonly kind = 'embedded' as const;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Why the thread is gone (a full disk, an interrupt): every call from then on rejects with it. */
  private dead: Error | undefined;
  private interrupted = false;

  private constructor(
    private readonly worker: Worker,
    readonly location: string,
    private readonly release: () => void,
    /** PGlite's own folder in the data directory (undefined in memory). */
    private readonly dataPath: string | undefined,
    /** The socket other evtui processes reach this directory through (serve.ts), when it is served. */
    readonly serving?: string,
  ) {
    worker.on('message', (r: Reply) => {
      if (r.id === -1) return this.stop(fatal(r));
      this.pending.get(r.id)?.(r);
      this.pending.delete(r.id);
    });
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', () => this.stop(new Error('the embedded database thread stopped')));
  }

  /** The thread is gone: what is pending, and every later call, rejects with `why` (the first reason given). */
  private stop(why: Error): void {
    this.dead ??= why;
    for (const done of this.pending.values()) done({ id: 0, ok: false });
    this.pending.clear();
  }

  /** The thread's module is compiled JS; running from TypeScript sources (tests) it is absent. */
  static available(): boolean {
    return fs.existsSync(fileURLToPath(THREAD));
  }

  static async open(opts: { dataDir?: string; serve?: boolean; forLoad?: boolean } = {}): Promise<PgliteWorkerDb> {
    const { release, dataPath } = holdDataDir(opts.dataDir);
    const worker = new Worker(THREAD, { workerData: { dataPath, dataDir: opts.dataDir, serveDir: opts.serve ? opts.dataDir : undefined, forLoad: opts.forLoad } });
    const ready = await new Promise<Reply>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ id: 0, ok: false, error: { message: err.message } }));
      worker.once('exit', () => resolve({ id: 0, ok: false, error: { message: 'the embedded database thread stopped' } }));
    });
    if (!ready.ok) {
      await worker.terminate();
      release();
      if (ready.id === -1) throw fatal(ready);
      // As PgliteDb.open: a directory it cannot write is the common cause, and fixable.
      const code = dataPath && unwritable(dataPath);
      if (code) throw notWritable(opts.dataDir!, code);
      throw new UserError(`cannot open the embedded database at ${opts.dataDir ?? 'memory'}: ${ready.error?.message}`);
    }
    return new PgliteWorkerDb(worker, opts.dataDir ?? 'in memory', release, dataPath, (ready.value as { serving?: string } | undefined)?.serving);
  }

  private call<T>(op: string, fields: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (r) => {
        if (r.ok) resolve(r.value as T);
        else if (this.dead) reject(this.dead);
        else reject(Object.assign(new Error(r.error?.message ?? 'embedded database error'), r.error));
      });
      this.worker.postMessage({ id, op, ...fields });
    });
  }

  private readonly direct: Session = {
    query: <T>(sql: string, params: readonly unknown[] = []) => this.call<QueryResult<T>>('query', { sql, params }),
    exec: (sql: string) => this.call<void>('exec', { sql }),
    copyFrom: (sql: string, data: string | Uint8Array) => this.call<void>('copy', { sql, data }),
    describe: (sql: string) => this.call<Field[]>('describe', { sql }),
  };

  /** Runs fn alone on the session: statements of other callers wait for it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => {});
    return run;
  }

  query<T>(sql: string, params?: readonly unknown[]) {
    return this.serial(() => this.direct.query<T>(sql, params));
  }
  exec(sql: string) {
    return this.serial(() => this.direct.exec(sql));
  }
  copyFrom(sql: string, data: string | Uint8Array) {
    return this.serial(() => this.direct.copyFrom(sql, data));
  }
  describe(sql: string) {
    return this.serial(() => this.direct.describe(sql));
  }

  transaction<T>(fn: (s: Session) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    return this.serial(async () => {
      await this.direct.exec(opts.readOnly ? 'begin transaction read only' : 'begin');
      try {
        const timeout = statementTimeout(opts);
        if (timeout) await this.direct.exec(`set local statement_timeout = ${Math.floor(timeout)}`);
        const result = await fn(this.direct);
        await this.direct.exec(opts.rollback ? 'rollback' : 'commit');
        return result;
      } catch (err) {
        await this.direct.exec('rollback').catch(() => {});
        throw err;
      } finally {
        if (opts.resetSession) await this.direct.exec('discard all');
      }
    });
  }

  /**
   * Stops whatever PGlite is running by ending its thread: the only way to
   * stop a statement in PGlite (cli/interrupt.ts says why). What is pending,
   * and every later call, rejects with `reason`; close() then leaves the
   * directory shut down cleanly.
   */
  async interrupt(reason: Error): Promise<void> {
    this.interrupted = true;
    this.stop(reason);
    await this.worker.terminate();
  }

  async close() {
    try {
      if (!this.dead) await this.serial(() => this.call('close', {})).catch(() => {});
      await this.worker.terminate();
      if (this.interrupted && this.dataPath) await shutDownCleanly(this.dataPath, this.location);
    } finally {
      this.release();
    }
  }
}

/** The thread's last message (a full disk): its line, as the error every call gets. */
function fatal(r: Reply): UserError {
  return new UserError(r.error?.message ?? 'the embedded database stopped', 1, r.error?.code ?? 'embedded_stopped');
}

/**
 * After its thread was ended mid-statement, the directory looks like one
 * whose process was killed: PostgreSQL's control file still says "in
 * production", and the next open would replay the WAL first (crash
 * recovery). Opening it once here and closing it writes the shutdown
 * checkpoint, so the directory is left as a clean close leaves it. The
 * caller still holds the directory's lock.
 */
async function shutDownCleanly(dataPath: string, dir: string): Promise<void> {
  const [{ PGlite }, { pgliteOptions }, { stopProcess }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('./pglite.js'),
    import('./disk-full.js'),
  ]);
  const pg = await PGlite.create(pgliteOptions(dataPath, undefined, (code) => stopProcess(dir, code)));
  await pg.close();
}
