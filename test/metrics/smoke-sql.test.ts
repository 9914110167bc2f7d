import { expect, it } from 'vitest';
import { UsageError, UserError } from '../../src/errors.js';
import { runReadOnlySql } from '../../src/metrics/sql-console.js';
import { describeEachDb } from '../helpers/db.js';

const ins = `insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'w')`;

describeEachDb('sql console', (t, kind) => {
  it('returns rows, columns and the count', async () => {
    const r = await runReadOnlySql(t().db, `select 1 as a, 'x' as b, date '2025-03-09' as d;`);
    expect(r).toMatchObject({ columns: ['a', 'b', 'd'], rows: [{ a: 1, b: 'x', d: '2025-03-09' }], rowCount: 1, truncated: false });
  });

  it('keeps maxRows rows and says it truncated', async () => {
    const r = await runReadOnlySql(t().db, 'select g from generate_series(1, 10) g', { maxRows: 3 });
    expect(r.rows).toEqual([{ g: 1 }, { g: 2 }, { g: 3 }]);
    expect(r.truncated).toBe(true);
    expect((await runReadOnlySql(t().db, 'show timezone', { maxRows: 3 })).rowCount).toBe(1);
  });

  it.each([
    ['an insert', ins],
    ['a write after commit', `commit; ${ins}`],
    ['read write after the snapshot', 'set transaction read write'],
    ['DDL', 'create table sneaky (x int)'],
    ['a write in a DO block', `do $$ begin ${ins}; end $$`],
  ])('refuses %s and writes nothing', async (_name, sql) => {
    const err = await runReadOnlySql(t().db, sql).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const n = await t().db.query<{ n: number }>(`select count(*)::int8 as n from events`);
    expect(n.rows[0]!.n).toBe(0);
    const tables = await t().db.query(`select 1 from pg_tables where tablename = 'sneaky'`);
    expect(tables.rows).toHaveLength(0);
  });

  it('refuses more than one statement as a usage error', async () => {
    await expect(runReadOnlySql(t().db, 'select 1; select 2')).rejects.toBeInstanceOf(UsageError);
  });

  it('reports an error as one line with its position', async () => {
    await expect(runReadOnlySql(t().db, 'select\n  nope from events')).rejects.toThrow('column "nope" does not exist (line 2, column 3)');
    await expect(runReadOnlySql(t().db, 'select\n  nope from events', { maxRows: 5 })).rejects.toThrow('(line 2, column 3)');
  });

  it.skipIf(kind === 'embedded')('times out a slow query and the connection stays usable', async () => {
    await expect(runReadOnlySql(t().db, 'select pg_sleep(5)', { timeoutMs: 200 })).rejects.toThrow('query timed out after 0.2 s');
    expect((await runReadOnlySql(t().db, 'select 1 as x')).rows).toEqual([{ x: 1 }]);
  });
});
