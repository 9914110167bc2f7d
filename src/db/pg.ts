import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { UserError } from '../errors.js';
import { connectionError, connectionLost, describeUrl, isCancel, isConnectionLoss, locationText, missingPassword, type Where } from './errors.js';
import { statementTimeout, textParsers, type Db, type Field, type QueryResult, type Session, type TransactionOptions } from './types.js';

const require = createRequire(import.meta.url);

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    textParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A pool client that closes its socket when connecting fails: pg leaves it
 * open after an authentication error, and the process then waits for the
 * server's authentication_timeout (a minute) before it can exit. It also
 * keeps a password function: pg lets the URL's empty password replace it.
 */
class Client extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    if (typeof config?.password === 'function') (this as unknown as { password: unknown }).password = config.password;
    const connect = this.connect.bind(this) as (cb?: (err: Error | null) => void) => unknown;
    const closeOnFailure = (cb?: (err: Error | null) => void) => {
      if (!cb) return connect();
      return connect((err) => {
        if (err) (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        cb(err);
      });
    };
    this.connect = closeOnFailure as pg.Client['connect'];
  }
}

/**
 * Parse and Describe of one unnamed statement, then Sync, through pg's own
 * query queue (a "submittable", as pg-cursor is): the columns a statement
 * returns without running it.
 */
class DescribeStatement {
  private fields: Field[] = [];
  constructor(
    readonly text: string,
    private readonly done: (err: Error | null, fields: Field[]) => void,
  ) {}
  submit(connection: { parse(q: { text: string; types: number[] }): void; describe(m: { type: string }): void; sync(): void }) {
    connection.parse({ text: this.text, types: [] });
    connection.describe({ type: 'S' });
    connection.sync();
  }
  handleRowDescription(msg: { fields: Field[] }) {
    this.fields = msg.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
  }
  handleError(err: Error) {
    this.done(err, []);
  }
  handleReadyForQuery() {
    this.done(null, this.fields);
  }
  handleDataRow() {}
  handleCommandComplete() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
}

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
    describe(sql: string) {
      if (!('release' in client)) throw new Error('describe needs a transaction session');
      return new Promise<Field[]>((resolve, reject) => {
        const q = new DescribeStatement(sql, (err, fields) => (err ? reject(err) : resolve(fields)));
        void (client.query as unknown as (q: DescribeStatement) => unknown)(q);
      });
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
    this.pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000, password: passwordFor(url, where), Client });
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
  describe(): Promise<Field[]> {
    throw new Error('describe runs inside transaction()');
  }

  async transaction<T>(fn: (s: Session) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    const client = await this.wrap(() => this.pool.connect());
    // The pool listens for errors on idle clients only: a checked-out client
    // whose server goes away (a restart, pg_terminate_backend) would emit an
    // unhandled 'error' and end the process. The query in flight rejects on
    // its own, and the client is dropped below.
    let lost: unknown;
    const onError = (err: unknown) => {
      lost ??= err;
    };
    client.on('error', onError);
    const onAbort = () => {
      // A cancel travels on another connection; the session itself stays usable.
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid) this.pool.query('select pg_cancel_backend($1)', [pid]).catch(() => {});
    };
    let broken = false;
    try {
      await client.query(opts.readOnly ? 'begin transaction read only' : 'begin');
      const timeout = statementTimeout(opts);
      if (timeout) await client.query(`set local statement_timeout = ${Math.floor(timeout)}`);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      // A cancel that came before any statement ran has nothing to interrupt: honour it here.
      if (opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      const result = await fn(session(client));
      if (opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      await client.query(opts.rollback ? 'rollback' : 'commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      if (err instanceof UserError) throw err;
      if (isCancel(err) && opts.signal?.aborted) throw new UserError('query cancelled', 1, 'cancelled');
      throw this.mapLost(lost ?? err);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.resetSession && !broken && !lost) await client.query('discard all').catch(() => (broken = true));
      client.release(broken || lost !== undefined);
      client.off('error', onError);
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
    if (err instanceof UserError) return err;
    const code = (err as { code?: string }).code;
    const msg = (err as Error).message ?? '';
    if (code === 'ECONNREFUSED' || /timeout exceeded when trying to connect/i.test(msg)) return connectionError(err, this.where);
    if (isConnectionLoss(err)) return connectionLost(err, this.where);
    return err;
  }
}

/**
 * The password pg sends when the server asks for one: the URL's (or
 * PGPASSWORD's), else ~/.pgpass's. With none, the connection attempt ends
 * at once with one line; pg would otherwise fail inside SCRAM and leave the
 * socket open until the server's authentication_timeout (a minute).
 */
function passwordFor(url: string, where: Where): () => Promise<string> {
  return async () => {
    const given = new URL(url).password;
    if (given) return decodeURIComponent(given);
    if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
    const fromFile = await pgpass({ host: where.host, port: Number(where.port), database: where.database, user: where.user });
    if (fromFile !== undefined) return fromFile;
    throw missingPassword(where);
  };
}

function pgpass(params: Record<string, unknown>): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      const lookup = require('pgpass') as (p: Record<string, unknown>, cb: (pass?: string) => void) => void;
      lookup(params, resolve);
    } catch {
      resolve(undefined);
    }
  });
}
