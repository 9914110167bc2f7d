import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { holdDataDir } from './lock.js';
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

  private constructor(
    private readonly worker: Worker,
    readonly location: string,
    private readonly release: () => void,
    /** The socket other evtui processes reach this directory through (serve.ts), when it is served. */
    readonly serving?: string,
  ) {
    worker.on('message', (r: Reply) => {
      this.pending.get(r.id)?.(r);
      this.pending.delete(r.id);
    });
    worker.on('error', (err) => {
      for (const done of this.pending.values()) done({ id: 0, ok: false, error: { message: err.message } });
      this.pending.clear();
    });
  }

  /** The thread's module is compiled JS; running from TypeScript sources (tests) it is absent. */
  static available(): boolean {
    return fs.existsSync(fileURLToPath(THREAD));
  }

  static async open(opts: { dataDir?: string; serve?: boolean } = {}): Promise<PgliteWorkerDb> {
    const { release, dataPath } = holdDataDir(opts.dataDir);
    const worker = new Worker(THREAD, { workerData: { dataPath, serveDir: opts.serve ? opts.dataDir : undefined } });
    const ready = await new Promise<Reply>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ id: 0, ok: false, error: { message: err.message } }));
    });
    if (!ready.ok) {
      await worker.terminate();
      release();
      throw new UserError(`cannot open the embedded database at ${opts.dataDir ?? 'memory'}: ${ready.error?.message}`);
    }
    return new PgliteWorkerDb(worker, opts.dataDir ?? 'in memory', release, (ready.value as { serving?: string } | undefined)?.serving);
  }

  private call<T>(op: string, fields: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (r) => {
        if (r.ok) resolve(r.value as T);
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

  async close() {
    try {
      await this.serial(() => this.call('close', {})).catch(() => {});
      await this.worker.terminate();
    } finally {
      this.release();
    }
  }
}
