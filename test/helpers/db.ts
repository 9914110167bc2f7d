import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { PgDb } from '../../src/db/pg.js';
import { PgliteDb } from '../../src/db/pglite.js';
import { migrate } from '../../src/db/migrate.js';
import type { Db, DbKind } from '../../src/db/types.js';

/**
 * Every database test runs on both faces of evtui's storage: the PostgreSQL
 * server (when one was found, see global-setup.ts) and embedded PGlite. Each
 * test file gets its own database, so files run in parallel untouched.
 */
export interface TestDb {
  db: Db;
  kind: DbKind;
  /** Global flags that reach this same database from a child `evtui` process. */
  cliArgs: string[];
  close(): Promise<void>;
}

export function serverUrl(): string {
  return inject('serverUrl');
}

export function backends(): DbKind[] {
  return serverUrl() ? ['server', 'embedded'] : ['embedded'];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** One client on `url` for the length of fn. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(serverUrl(), fn);

/** A fresh, migrated, empty database of the given kind. */
export async function createTestDb(kind: DbKind, opts: { dataDir?: boolean } = {}): Promise<TestDb> {
  if (kind === 'server') {
    const name = `evtui_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = withDatabase(serverUrl(), name);
    const db = await PgDb.connect(url);
    await migrate(db);
    return {
      db,
      kind,
      cliArgs: ['--database-url', url],
      close: async () => {
        await db.close();
        await admin((c) => c.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  if (opts.dataDir) {
    // A real directory, for tests that run `evtui` child processes on it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-test-'));
    return {
      db: undefined as unknown as Db,
      kind,
      cliArgs: ['--data-dir', dir],
      close: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const db = await PgliteDb.open({ loadDataDir: blob });
  return { db, kind, cliArgs: [], close: () => db.close() };
}

/**
 * `describe` once per backend with a fresh database for the block:
 *   describeEachDb('ingest', (t) => { it('...', async () => { await t().db.query(...) }) })
 */
export function describeEachDb(name: string, body: (t: () => TestDb, kind: DbKind) => void): void {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDb | undefined;
      beforeAll(async () => {
        current = await createTestDb(kind);
      });
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      }, kind);
    });
  }
}
