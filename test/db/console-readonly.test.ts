import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { UsageError, UserError } from '../../src/errors.js';
import { runReadOnlySql } from '../../src/metrics/sql-console.js';
import { describeEachDb } from '../helpers/db.js';

/**
 * What a hostile or unlucky analyst types into the console (issue 15), on the
 * server and on PGlite: each attempt is refused with one line, or runs and
 * leaves nothing behind; afterwards the database is checked for the trace.
 */
async function refusal(db: Parameters<typeof runReadOnlySql>[0], sql: string): Promise<UserError> {
  const err = await runReadOnlySql(db, sql).catch((e: unknown) => e);
  expect(err, `${sql} ran`).toBeInstanceOf(UserError);
  expect((err as Error).message).not.toContain('\n');
  return err as UserError;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-console-'));

describeEachDb('the console reads and nothing else', (t, kind) => {
  const count = async (sql: string) => Number((await t().db.query<{ n: string }>(sql)).rows[0]!.n);

  it.each([
    ['lo_from_bytea', `select lo_from_bytea(0, 'x')`],
    ['lo_create', 'select lo_create(0)'],
    ['lo_import', `select lo_import('/etc/hostname')`],
  ])('keeps no large object from %s', async (_name, sql) => {
    await runReadOnlySql(t().db, sql).catch((e: unknown) => expect(e).toBeInstanceOf(UserError));
    expect(await count('select count(*) as n from pg_largeobject_metadata')).toBe(0);
  });

  it('runs no program and writes no file', async () => {
    const touched = path.join(tmp, `program-${kind}`);
    const written = path.join(tmp, `copy-${kind}.csv`);
    await refusal(t().db, `copy (select 1) to program 'touch ${touched}'`);
    await refusal(t().db, `copy events to '${written}'`);
    expect(fs.existsSync(touched)).toBe(false);
    expect(fs.existsSync(written)).toBe(false);
  });

  it.each([
    ['pg_read_file', `select pg_read_file('/etc/passwd')`],
    ['pg_ls_dir', `select pg_ls_dir('.')`],
    ['pg_reload_conf', 'select pg_reload_conf()'],
    ['analyze', 'analyze events'],
    ['notify', `notify evtui_test, 'x'`],
    ['a replication slot', `select pg_create_physical_replication_slot('evtui_t_${kind}', true)`],
    ['pg_stat_reset', 'select pg_stat_reset()'],
    ['checkpoint', 'checkpoint'],
    ['pg_logical_emit_message', `select pg_logical_emit_message(false, 'evtui', 'x')`],
    ['set', `set datestyle = 'SQL, DMY'`],
    ['a DO block', `do $$ begin perform 1; end $$`],
    ['a DO block climbing back to the login role', `do $$ begin perform set_config('role', current_setting('is_superuser'), true); end $$`],
    ['set_config of the role', `select set_config('role', session_user, true), pg_read_file('/etc/passwd')`],
    ['query_to_xml of a server file', `select query_to_xml('select pg_read_file(''/etc/passwd'')', true, false, '')`],
    ['reading a table other than events', 'select * from evtui_schema_migrations'],
    ['an insert in a CTE', `with x as (insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'w') returning 1) select * from x`],
    ['reset role', 'reset role'],
    ['commit', 'commit'],
  ])('refuses %s with one line', async (_name, sql) => {
    await refusal(t().db, sql);
  });

  it('leaves no replication slot', async () => {
    await refusal(t().db, `select pg_create_physical_replication_slot('evtui_slot_${kind}', true)`);
    expect(await count(`select count(*) as n from pg_replication_slots where slot_name = 'evtui_slot_${kind}'`)).toBe(0);
  });

  it('holds no advisory lock after the statement', async () => {
    await runReadOnlySql(t().db, 'select pg_advisory_lock(4242)');
    expect(await count(`select count(*) as n from pg_locks where locktype = 'advisory' and objid = 4242 and database = (select oid from pg_database where datname = current_database())`)).toBe(0);
  });

  it('lets no setting outlive the statement', async () => {
    const before = (await t().db.query<{ d: string; p: string }>('select current_setting($1) as d, current_setting($2) as p', ['datestyle', 'search_path'])).rows[0];
    await runReadOnlySql(t().db, `select set_config('datestyle', 'SQL, DMY', false), set_config('search_path', 'pg_catalog', false)`);
    const after = (await t().db.query<{ d: string; p: string }>('select current_setting($1) as d, current_setting($2) as p', ['datestyle', 'search_path'])).rows[0];
    expect(after).toEqual(before);
    // and the next console query still finds events through the default search_path
    expect((await runReadOnlySql(t().db, 'select count(*) as n from events')).rows).toEqual([{ n: 0 }]);
  });

  it('runs one statement only, whatever the quoting', async () => {
    await expect(runReadOnlySql(t().db, 'select 1; select 2')).rejects.toBeInstanceOf(UsageError);
    // an identifier with a non-ASCII letter before $$: a client-side splitter and PostgreSQL disagree on it
    await expect(runReadOnlySql(t().db, 'select 1 as é$$; commit; drop table events; --$$')).rejects.toBeInstanceOf(UserError);
    expect(await count('select count(*) as n from events')).toBe(0);
    expect((await runReadOnlySql(t().db, 'select 1 as a;')).rows).toEqual([{ a: 1 }]);
  });

  it('caps a large result with "first N rows" and keeps the order', async () => {
    const r = await runReadOnlySql(t().db, 'select g from generate_series(1, 125000) g');
    expect(r.rows).toHaveLength(100_000);
    expect(r.truncated).toBe(true);
    expect(r.rows[99_999]).toEqual({ g: 100_000 });
  });

  it('still runs what reads: show, explain, values, the metric functions', async () => {
    expect((await runReadOnlySql(t().db, 'show timezone')).rowCount).toBe(1);
    expect((await runReadOnlySql(t().db, 'explain select * from events')).rowCount).toBeGreaterThan(0);
    expect((await runReadOnlySql(t().db, `values (1, 'a'), (2, 'b')`)).rows).toEqual([
      { column1: 1, column2: 'a' },
      { column1: 2, column2: 'b' },
    ]);
    const p = await runReadOnlySql(t().db, `select * from evtui_params('2025-01-01', '2025-01-02', 'infinity', 'UTC', 'infinity', '')`);
    expect(p.rows).toHaveLength(1);
  });
});

describeEachDb('the console role', (t, kind) => {
  it.skipIf(kind === 'embedded')('is said once when the login may not use it', async () => {
    // a login without CREATEROLE that owns its database: the migration cannot hand it the role
    const name = `evtui_t_plain_${process.pid}`;
    const url = new URL((t().cliArgs[1] ?? '').toString());
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`drop role if exists ${name}`);
      await admin.query(`create role ${name} login`);
      await admin.query(`create database ${name} owner ${name}`);
      const u = new URL(url);
      u.username = name;
      u.pathname = `/${name}`;
      const { PgDb } = await import('../../src/db/pg.js');
      const { migrate } = await import('../../src/db/migrate.js');
      const db = await PgDb.connect(u.toString());
      try {
        await migrate(db);
        const first = await runReadOnlySql(db, 'select count(*) as n from events');
        expect(first.warning).toMatch(/no evtui_reader role evtui may use here: the console is protected only by a read-only transaction/);
        const second = await runReadOnlySql(db, 'select count(*) as n from events');
        expect(second.warning).toBeUndefined();
        await expect(runReadOnlySql(db, `insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'w')`)).rejects.toBeInstanceOf(UserError);
      } finally {
        await db.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`drop role if exists ${name}`);
      await admin.end();
    }
  });
});

describeEachDb('read-only transactions', (t) => {
  it('run under a statement timeout even when the caller names none (metrics)', async () => {
    const shown = await t().db.transaction((s) => s.query<{ statement_timeout: string }>('show statement_timeout'), { readOnly: true });
    expect(shown.rows[0]!.statement_timeout).toBe('5min');
    const named = await t().db.transaction((s) => s.query<{ statement_timeout: string }>('show statement_timeout'), { readOnly: true, statementTimeoutMs: 2000 });
    expect(named.rows[0]!.statement_timeout).toBe('2s');
  });
});
