import { expect, it } from 'vitest';
// The worker thread is compiled JS: test the built module, as the UI runs it.
const built = '../../dist/src/db/open.js';
const { openDb } = (await import(built)) as typeof import('../../src/db/open.js');

it('runs the embedded database on a worker thread without blocking this one', async () => {
  const db = await openDb({ memory: true }, { worker: true });
  try {
    expect(db.kind).toBe('embedded');
    let ticks = 0;
    const iv = setInterval(() => ticks++, 5);
    const r = await db.query<{ n: number }>('select count(*)::int8 as n from generate_series(1, 3000000)');
    clearInterval(iv);
    expect(r.rows[0]!.n).toBe(3_000_000);
    expect(ticks).toBeGreaterThan(3); // the timer kept firing while PGlite worked

    // transactions keep their session: concurrent callers wait their turn
    const id = '22222222-2222-4222-8222-222222222222';
    await Promise.all([
      db.transaction(async (s) => {
        await s.copyFrom('copy events (event_id, event_name, event_time, user_id) from stdin', `${id}\tx\t2024-01-01T00:00:00Z\tu1\n`);
        await s.query('select pg_sleep(0.05)');
      }),
      db.query('select count(*)::int8 as n from events').then((x) => expect((x.rows[0] as { n: number }).n).toBe(1)),
    ]);
    await expect(db.query('delete from events')).rejects.toMatchObject({ code: 'P0001', message: 'events is append-only: DELETE is not allowed' });
    await expect(
      db.transaction((s) => s.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'a', now(), 'u')`), { readOnly: true }),
    ).rejects.toThrow(/read-only transaction/);
    const again = await db.query<{ d: string; t: Date }>(`select date '2025-01-02' as d, max(event_time) as t from events`);
    expect(again.rows[0]).toEqual({ d: '2025-01-02', t: new Date('2024-01-01T00:00:00Z') });
  } finally {
    await db.close();
  }
});
