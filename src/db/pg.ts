import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { UserError } from '../errors.js';
import { connectionError, describeUrl, isCancel, locationText, type Where } from './errors.js';
import { textParsers, type Db, type QueryResult, type Session, type TransactionOptions } from './types.js';

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    textParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function session(client: pg.PoolClient | pg.Pool): Session {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await client.query({ text: sql, values: params as unknown[] });
      return { rows: r.rows as T[], fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async copyFrom(copySql: string, data: string | Uint8Array) {
      if (!('release' in client)) throw new Error('copyFrom needs a transaction session');
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      await pipeline(Readable.from([bytes]), client.query(copyFromStream(copySql)));
    },
  };
}

/** A pooled connection to a PostgreSQL server. */
export class PgDb implements Db {
  readonly kind = 'server' as const;
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly where: Where;
  private readonly s: Session;

  private constructor(url: string, where: Where, max: number) {
    this.where = where;
    this.location = locationText(where);
    this.pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000 });
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
    this.s = session(this.pool);
  }

  static async connect(url: string, opts: { max?: number } = {}): Promise<PgDb> {
    const where = describeUrl(url);
    const db = new PgDb(url, where, opts.max ?? 4);
    try {
      await db.pool.query('select 1');
    } catch (err) {
      await db.pool.end().catch(() => {});
      throw connectionError(err, where);
    }
    return db;
  }

  query<T>(sql: string, params?: readonly unknown[]) {
    return this.wrap(() => this.s.query<T>(sql, params));
  }
  exec(sql: string) {
    return this.wrap(() => this.s.exec(sql));
  }
  copyFrom(): Promise<void> {
    throw new Error('copyFrom runs inside transaction()');
  }

  async transaction<T>(fn: (s: Session) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    const client = await this.wrap(() => this.pool.connect());
    const onAbort = () => {
      // A cancel travels on another connection; the session itself stays usable.
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid) this.pool.query('select pg_cancel_backend($1)', [pid]).catch(() => {});
    };
    let broken = false;
    // A checked-out client has no pool listener: a connection dropped between two statements
    // (a load's batch waiting for its turn) would be an unhandled 'error' event, a crash. The
    // next statement on it fails and reports the loss; this only keeps the process alive.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query(opts.readOnly ? 'begin transaction read only' : 'begin');
      if (opts.statementTimeoutMs) await client.query(`set local statement_timeout = ${Math.floor(opts.statementTimeoutMs)}`);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      // A cancel that came before any statement ran has nothing to interrupt: honour it here.
      if (opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      const result = await fn(session(client));
      if (opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      if (err instanceof UserError) throw err;
      if (isCancel(err) && opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      throw this.mapLost(err);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      client.off('error', onError);
      client.release(broken);
    }
  }

  async close() {
    await this.pool.end();
  }

  private async wrap<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.mapLost(err);
    }
  }

  /** A server that went away mid-session is a connection problem, not a bug. */
  private mapLost(err: unknown): unknown {
    const code = (err as { code?: string }).code;
    const msg = (err as Error).message ?? '';
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || /Connection terminated|timeout exceeded when trying to connect/i.test(msg)) {
      return connectionError(err, this.where);
    }
    return err;
  }
}
