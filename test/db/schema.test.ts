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
    expect(r.rows.map((x) => x.version)).toEqual([1, 2, 3]);
  });

  it('returns dates as YYYY-MM-DD text and counts as numbers', async () => {
    const { db } = t();
    const r = await db.query(`select date '2025-03-09' as d, count(*)::int8 as n, 0.5::numeric as x from events`);
    expect(r.rows[0]).toEqual({ d: '2025-03-09', n: 2, x: 0.5 });
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
