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
    expect(r.rows.map((x) => x.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
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

  it('evtui_day_start: the first instant of a local day, across DST changes', async () => {
    const { db } = t();
    const starts = async (tz: string, ...days: string[]) =>
      (await db.query<{ s: string }>(
        `select to_char(evtui_day_start(d, $1) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as s from unnest($2::date[]) with ordinality as u(d, n) order by n`,
        [tz, days],
      )).rows.map((r) => r.s);
    // New York springs forward on Sunday 2025-03-09: the days still start at local midnight, 05:00Z then 04:00Z
    expect(await starts('America/New_York', '2025-03-03', '2025-03-10', '2025-03-17')).toEqual([
      '2025-03-03 05:00:00.000000',
      '2025-03-10 04:00:00.000000',
      '2025-03-17 04:00:00.000000',
    ]);
    // the Azores skip 00:00-01:00 on 2025-03-30 (that day starts at 01:00 local, 01:00Z) and
    // repeat 00:00-01:00 on 2025-10-26 (that day starts at the first of its two midnights, 00:00-01 = 01:00Z)
    expect(await starts('Atlantic/Azores', '2025-03-29', '2025-03-30', '2025-03-31')).toEqual([
      '2025-03-29 01:00:00.000000',
      '2025-03-30 01:00:00.000000',
      '2025-03-31 00:00:00.000000',
    ]);
    expect(await starts('Atlantic/Azores', '2025-10-26', '2025-10-27')).toEqual(['2025-10-26 00:00:00.000000', '2025-10-27 01:00:00.000000']);
    // month starts across a year end, east of UTC
    expect(await starts('Asia/Kolkata', '2024-12-01', '2025-01-01', '2025-02-01')).toEqual([
      '2024-11-30 18:30:00.000000',
      '2024-12-31 18:30:00.000000',
      '2025-01-31 18:30:00.000000',
    ]);
  });

  it('evtui_params: the shared defaults, and one clear error per bad window', async () => {
    const { db } = t();
    const p = async (...a: string[]) =>
      (await db.query<Record<string, string>>(
        `select from_day::text as f, to_day::text as t, as_of_day::text as a, tz, signup_event as s from evtui_params($1, $2, $3, $4, $5, $6)`,
        a,
      )).rows[0]!;
    // the latest event is the one stored above (2025-01-01 10:00Z) or a later one of this file's tests
    const latest = (await db.query<{ d: string }>(`select (max(event_time) at time zone 'UTC')::date::text as d from events`)).rows[0]!.d;
    const back29 = (await db.query<{ d: string }>(`select ($1::date - 29)::text as d`, [latest])).rows[0]!.d;
    expect(await p('infinity', 'infinity', 'infinity', '', 'infinity', '')).toEqual({ f: back29, t: latest, a: latest, tz: 'UTC', s: 'signup' });
    expect(await p('2025-01-01', '2025-01-31', '2025-02-10', 'Europe/Berlin', 'infinity', 'user_signed_up')).toEqual({
      f: '2025-01-01', t: '2025-01-31', a: '2025-02-10', tz: 'Europe/Berlin', s: 'user_signed_up' });
    // known_at before every event: to falls back to the day of known_at
    expect((await p('infinity', 'infinity', 'infinity', '', '2000-01-05T12:00:00Z', '')).t).toBe('2000-01-05');
    await expect(p('2025-02-01', '2025-01-31', 'infinity', '', 'infinity', '')).rejects.toThrow('from (2025-02-01) is after to (2025-01-31)');
    await expect(p('1900-01-01', '2100-12-31', 'infinity', '', 'infinity', '')).rejects.toThrow('the window 1900-01-01 to 2100-12-31 is 50 years or longer');
    await expect(p('infinity', 'infinity', 'infinity', '', 'infinity', 'x'.repeat(129))).rejects.toThrow('signup_event is longer than 128 characters (129)');
    await expect(p('2025-01-01', '2025-01-31', 'infinity', 'Mars/Olympus', 'infinity', '')).rejects.toThrow('time zone "Mars/Olympus" not recognized');
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
