import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { ROOT } from '../../src/paths.js';
import { describeEachDb, serverUrl } from './../helpers/db.js';

const ins = `insert into events (event_id, event_name, event_time, user_id, properties)
             values ($1, 'page_view', '2025-01-01T10:00:00Z', 'u1', '{"a":1}')`;
const id = '11111111-1111-4111-8111-111111111111';

describeEachDb('events schema', (t) => {
  it('stores an event and sets ingested_at and default properties', async () => {
    const { db } = t();
    await db.query(ins, [id]);
    await db.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'u2')`);
    const r = await db.query<{ properties: unknown; ingested_at: Date }>(`select properties, ingested_at from events order by user_id`);
    expect(r.rows[0]!.properties).toEqual({ a: 1 });
    expect(r.rows[1]!.properties).toEqual({});
    expect(r.rows[0]!.ingested_at).toBeInstanceOf(Date);
  });

  it.each([
    ['update', `update events set user_id = 'x'`, 'UPDATE'],
    ['delete', `delete from events`, 'DELETE'],
    ['truncate', `truncate events`, 'TRUNCATE'],
  ])('refuses %s with a message saying the table is append-only', async (_n, sql, op) => {
    const { db } = t();
    await expect(db.query(sql)).rejects.toThrow(`events is append-only: ${op} is not allowed`);
    const r = await db.query<{ n: number }>('select count(*)::int8 as n from events');
    expect(r.rows[0]!.n).toBe(2);
  });

  it('applies migrations once: a second run is a no-op', async () => {
    const { db } = t();
    expect(await migrate(db)).toEqual([]);
    const r = await db.query<{ version: number }>('select version from evtui_schema_migrations order by 1');
    expect(r.rows.map((x) => x.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 10]);
  });

  it('returns dates as YYYY-MM-DD text and counts as numbers', async () => {
    const { db } = t();
    const r = await db.query(`select date '2025-03-09' as d, count(*)::int8 as n, 0.5::numeric as x from events`);
    expect(r.rows[0]).toEqual({ d: '2025-03-09', n: 2, x: 0.5 });
  });

  it('compares user_id and event_name byte by byte, whatever the database collation', async () => {
    const { db } = t();
    const c = await db.query<{ attname: string; coll: string }>(
      `select attname, attcollation::regcollation::text as coll from pg_attribute
        where attrelid = 'events'::regclass and attname in ('user_id', 'event_name') order by 1`,
    );
    expect(c.rows).toEqual([
      { attname: 'event_name', coll: '"C"' },
      { attname: 'user_id', coll: '"C"' },
    ]);
    for (const u of ['b', 'B', 'é', 'a', 'Z']) {
      await db.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), $1)`, [`order-${u}`]);
    }
    const r = await db.query<{ user_id: string }>(`select user_id from events where user_id like 'order-%' order by user_id`);
    expect(r.rows.map((x) => x.user_id)).toEqual(['order-B', 'order-Z', 'order-a', 'order-b', 'order-é']);
  });

  it('evtui_period_starts: the first instant of each local day, week and month, across DST changes', async () => {
    const { db } = t();
    const starts = async (g: string, from: string, to: string, tz: string) =>
      (await db.query<{ s: string }>(
        `select to_char(x at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as s from unnest(evtui_period_starts($1, $2, $3, $4)) as x`,
        [g, from, to, tz],
      )).rows.map((r) => r.s);
    // New York springs forward on Sunday 2025-03-09: the weeks still start at local midnight, 05:00Z then 04:00Z
    expect(await starts('week', '2025-03-05', '2025-03-10', 'America/New_York')).toEqual([
      '2025-03-03 05:00:00.000000',
      '2025-03-10 04:00:00.000000',
      '2025-03-17 04:00:00.000000',
    ]);
    // the Azores skip 00:00-01:00 on 2025-03-30 (that day starts at 01:00 local, 01:00Z) and
    // repeat 00:00-01:00 on 2025-10-26 (that day starts at the first of its two midnights, 00:00-01 = 01:00Z)
    expect(await starts('day', '2025-03-29', '2025-03-30', 'Atlantic/Azores')).toEqual([
      '2025-03-29 01:00:00.000000',
      '2025-03-30 01:00:00.000000',
      '2025-03-31 00:00:00.000000',
    ]);
    expect(await starts('day', '2025-10-26', '2025-10-26', 'Atlantic/Azores')).toEqual(['2025-10-26 00:00:00.000000', '2025-10-27 01:00:00.000000']);
    // months across a year end, east of UTC
    expect(await starts('month', '2024-12-15', '2025-01-02', 'Asia/Kolkata')).toEqual([
      '2024-11-30 18:30:00.000000',
      '2024-12-31 18:30:00.000000',
      '2025-01-31 18:30:00.000000',
    ]);
  });

  it('evtui_user_split: a user of the window\'s events, the same on every call; empty for a window without events', async () => {
    const { db } = t();
    const split = async (from: string, to: string, name: string | null = null) =>
      (await db.query<{ u: string }>('select evtui_user_split($1, $2, $3) as u', [from, to, name])).rows[0]!.u;
    for (let i = 0; i < 30; i++) {
      await db.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), $1, '2030-01-01T00:00:00Z'::timestamptz + $2 * interval '1 hour', $3)`, [
        i % 3 === 0 ? 'signup' : 'page_view',
        i,
        `split-${String(i).padStart(2, '0')}`,
      ]);
    }
    const u = await split('2030-01-01T00:00:00Z', '2030-01-03T00:00:00Z');
    expect(u).toMatch(/^split-\d\d$/);
    expect(await split('2030-01-01T00:00:00Z', '2030-01-03T00:00:00Z')).toBe(u);
    const s = await split('2030-01-01T00:00:00Z', '2030-01-03T00:00:00Z', 'signup');
    expect(Number(s.slice(6)) % 3).toBe(0);
    expect(await split('2040-01-01T00:00:00Z', '2040-01-02T00:00:00Z')).toBe('');
  });

  it('evtui_name_user_split: the (name, user) pair where the work is halved, an event in the window weighing two', async () => {
    const { db } = t();
    // 'a' events long before the window, 'b' events inside it: the window's
    // own median pair is a 'b' pair, but reading the 'a' entries is work too
    for (let i = 0; i < 12; i++) {
      await db.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), $1, $2, $3)`, [
        i < 8 ? 'a' : 'b',
        i < 8 ? '2031-01-01T00:00:00Z' : '2031-06-01T00:00:00Z',
        `nu-${String(i % 8).padStart(2, '0')}`,
      ]);
    }
    const [from, to] = ['2031-06-01T00:00:00Z', '2031-06-02T00:00:00Z'];
    // the whole table fits in the sample (under 128 pages): the expected cut is computable
    const all = (await db.query<{ k: string; inside: boolean }>(
      `select event_name || chr(1) || user_id as k, event_time >= $1 and event_time < $2 as inside from events`, [from, to])).rows;
    const keys = all.map((r) => ({ k: r.k, w: r.inside ? 2 : 1 })).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
    const total = keys.reduce((a, x) => a + x.w, 0);
    let below = 0;
    const cut = keys.find((x) => 2 * (below += x.w) >= total)!.k.split('\x01');
    const split = async () => (await db.query<{ c: string[] }>('select evtui_name_user_split($1, $2) as c', [from, to])).rows[0]!.c;
    const got = await split();
    expect(got).toEqual(cut);
    expect(got[0]).not.toBe('b'); // the window's own median pair would be a 'b' pair
    expect(await split()).toEqual(got);
  });
});

it.skipIf(!serverUrl())('psql -f sql/schema/events.sql works on an empty database, twice', () => {
  const name = `evtui_psql_${process.pid}`;
  const u = new URL(serverUrl());
  const base = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres', '-v', 'ON_ERROR_STOP=1', '-q'];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  execFileSync('psql', [...base, '-d', u.pathname.slice(1) || 'postgres', '-c', `drop database if exists ${name}`, '-c', `create database ${name}`], { env });
  try {
    for (let i = 0; i < 2; i++) execFileSync('psql', [...base, '-d', name, '-f', path.join(ROOT, 'sql/schema/events.sql')], { env });
    const out = execFileSync('psql', [...base, '-d', name, '-Atc', `select count(*) from pg_indexes where tablename = 'events'`], { env }).toString();
    expect(Number(out.trim())).toBeGreaterThanOrEqual(2);
  } finally {
    execFileSync('psql', [...base, '-d', u.pathname.slice(1) || 'postgres', '-c', `drop database if exists ${name} with (force)`], { env });
  }
});
