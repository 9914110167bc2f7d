import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/types.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { runMetric } from '../../src/metrics/run.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { generate, insertRef } from '../metrics/fixtures-random.js';

/**
 * A database made by the previous schema (its seven numbered files, kept in
 * previous-schema/, applied and recorded as that version's evtui did) is
 * upgraded in place on the next open: the same numbers as a new database on
 * the same events, the old functions gone, the files recorded once.
 */
const PREVIOUS = path.join(import.meta.dirname, 'previous-schema');

async function makePrevious(db: Db): Promise<void> {
  // a migrated test database starts from the current schema: take it back to nothing first
  await db.exec(`drop table events cascade; drop table evtui_schema_migrations; drop table evtui_deferred_indexes;
                 drop function evtui_params, evtui_latest_day, evtui_reject, evtui_known_zone, evtui_day_start, evtui_periods_between, evtui_churn_status`);
  await db.exec(`create table evtui_schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`);
  for (const f of fs.readdirSync(PREVIOUS).sort()) {
    await db.exec(fs.readFileSync(path.join(PREVIOUS, f), 'utf8'));
    await db.query('insert into evtui_schema_migrations (version, name) values ($1, $2)', [Number(f.slice(0, 3)), f]);
  }
}

const EVENTS = generate({ seed: 7, users: 60, start: '2025-03-01', days: 40, zones: ['UTC', 'Atlantic/Azores'], dst: [] });
const INPUT = { from: '2025-03-05', to: '2025-03-30', as_of: '2025-04-05', tz: 'Atlantic/Azores', granularity: 'week' as const, user_id: EVENTS[0]!.user, steps: ['signup', 'page_view'] };

for (const kind of backends()) {
  describe(`schema upgrade [${kind}]`, () => {
    let old: TestDb;
    let fresh: TestDb;
    beforeAll(async () => {
      [old, fresh] = await Promise.all([createTestDb(kind), createTestDb(kind)]);
      await makePrevious(old.db);
      await insertRef(old.db, EVENTS);
      await insertRef(fresh.db, EVENTS);
    });
    afterAll(async () => Promise.all([old?.close(), fresh?.close()]));

    it('upgrades in place: the current files recorded once, the old functions gone, the same numbers', async () => {
      const before = await old.db.query<{ n: number }>('select count(*)::int8 as n from events');
      expect(await migrate(old.db)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await migrate(old.db)).toEqual([]);
      const versions = await old.db.query<{ version: number }>('select version from evtui_schema_migrations order by 1');
      expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const gone = await old.db.query<{ n: number }>(
        `select count(*)::int8 as n from pg_proc where proname in ('evtui_period_starts', 'evtui_user_split', 'evtui_name_user_split', 'evtui_sample_percent')`);
      expect(gone.rows[0]!.n).toBe(0);
      const after = await old.db.query<{ n: number }>('select count(*)::int8 as n from events');
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      for (const m of METRICS) {
        const [a, b] = await Promise.all([runMetric(old.db, m.name, INPUT), runMetric(fresh.db, m.name, INPUT)]);
        // event ids are drawn anew for each database
        const same = (rows: Record<string, unknown>[]) => rows.map(({ event_id: _id, ...rest }) => rest);
        expect(same(a.rows), m.name).toEqual(same(b.rows));
        expect(a.rows.length, m.name).toBeGreaterThan(0);
      }
    });
  });
}
