import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAsInsert } from '../../src/db/served.js';
import { ROOT } from '../../src/paths.js';
import type { Db } from '../../src/db/types.js';

/**
 * The holder of an embedded directory serves it to other evtui processes
 * (src/db/serve.ts): a load from a second process lands while the holder
 * works, clients and the holder take turns on the one session by whole
 * transactions, and a client gone mid-transaction is rolled back. The holder
 * runs PGlite on its worker thread, as the UI does: built modules.
 */
const BIN = path.join(ROOT, 'dist', 'src', 'bin.js');
const built = fs.existsSync(BIN);
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-serve-'));
const env = { ...process.env } as Record<string, string>;
delete env.DATABASE_URL;

let holder: Db;
beforeAll(async () => {
  if (!built) return;
  const { openDb } = (await import('../../dist/src/db/open.js' as string)) as typeof import('../../src/db/open.js');
  holder = await openDb({ dataDir: dir }, { worker: true });
}, 120_000);
afterAll(async () => {
  await holder?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = async () => {
  const c = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
  await c.connect();
  return c;
};
const count = async (sql: string) => Number((await holder.query<{ n: number }>(sql)).rows[0]!.n);

describe.skipIf(!built)('an embedded directory served by its holder', () => {
  it('says where it serves; a load and a query from a second evtui process land while the holder works', async () => {
    expect(holder.serving).toBe(path.join(dir, '.s.PGSQL.5432'));
    const load = run(process.execPath, [BIN, '--data-dir', dir, 'load', 'churn-demo', '--format', 'json'], { env });
    // The holder keeps running its own transactions meanwhile.
    let mine = 0;
    let done = false;
    void load.finally(() => (done = true));
    while (!done) {
      await holder.transaction((s) => s.query('select count(*) from events'), { readOnly: true });
      mine++;
    }
    const outcome = JSON.parse((await load).stdout) as { inserted: number; rejected: number };
    expect(outcome).toMatchObject({ inserted: 18, rejected: 0 });
    expect(mine).toBeGreaterThan(0);
    expect(await count('select count(*)::int8 as n from events')).toBe(18);
    // Properties arrive as JSON objects, not as strings of JSON.
    expect(await count(`select count(*)::int8 as n from events where jsonb_typeof(properties) = 'object'`)).toBe(18);
    const sql = await run(process.execPath, [BIN, '--data-dir', dir, 'sql', 'select count(*)::int8 as n from events', '--format', 'json'], { env });
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 18 }]);
  }, 120_000);

  it('a client transaction holds the session to its end: the holder waits, then sees it whole', async () => {
    await holder.exec('create table if not exists scratch (n int)');
    const a = await client();
    try {
      await a.query('begin');
      await a.query('insert into scratch values (1)');
      const seen = count('select count(*)::int8 as n from scratch');
      await a.query('insert into scratch values (2)');
      await a.query('commit');
      expect(await seen).toBe(2);
    } finally {
      await a.end();
    }
  });

  it('a client gone mid-transaction is rolled back, and the session is free again', async () => {
    const b = await client();
    await b.query('begin');
    await b.query('insert into scratch values (3)');
    await b.end();
    expect(await count('select count(*)::int8 as n from scratch where n = 3')).toBe(0);
    const c = await client();
    try {
      expect((await c.query('select count(*)::int8 as n from scratch')).rows[0].n).toBe('2');
    } finally {
      await c.end();
    }
  });
});

it('COPY text rows become one insert of JSON text fields cast to the columns types', () => {
  const types = new Map([
    ['a', 'bigint'],
    ['b', 'text'],
    ['c', 'jsonb'],
  ]);
  const { sql, rows } = copyAsInsert('copy t (a, b, c) from stdin', '1\tx\\ty\\\\z\t{"k":"v"}\n2\t\\N\t{}\n', types);
  expect(sql).toBe('insert into t (a, b, c) select r.a::bigint, r.b::text, r.c::jsonb from json_to_recordset($1::json) as r(a text, b text, c text)');
  expect(rows).toEqual([
    { a: '1', b: 'x\ty\\z', c: '{"k":"v"}' },
    { a: '2', b: null, c: '{}' },
  ]);
});
