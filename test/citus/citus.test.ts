import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgDb } from '../../src/db/pg.js';
import { migrate } from '../../src/db/migrate.js';
import { loadSource } from '../../src/ingest/load.js';
import type { DbKind } from '../../src/db/types.js';
import { withClient, type TestDb } from '../helpers/db.js';
import { ev, jsonl, scratchDir, stored, writeInput } from '../ingest/helpers.js';
import { crossCheck, DATASETS } from '../metrics/cross-check.js';
import { PROPERTY_EVENTS } from '../metrics/property-events.js';
import { insertEvents } from '../tui/helpers.js';
import { eventNames, eventProperties, userProperties } from '../../src/metrics/properties.js';

/**
 * evtui on a Citus cluster (a coordinator with worker nodes registered, the
 * citus extension installed in the database TEST_CITUS_URL names): the schema
 * distributes events by user_id, loads keep their exact outcomes, and every
 * metric gives the randomized cross-check's numbers. Each describe block gets
 * its own schema, dropped at the end.
 */
const url = process.env.TEST_CITUS_URL;
if (!url) console.log('Citus tests skipped: TEST_CITUS_URL is not set');

const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(url!, fn);

async function createCitusDb(): Promise<TestDb> {
  const schema = `evtui_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`create schema ${schema}`));
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const db = await PgDb.connect(u.toString());
  await migrate(db);
  return {
    db,
    kind: 'server' as DbKind,
    cliArgs: ['--database-url', u.toString()],
    close: async () => {
      await db.close();
      await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

function describeCitus(name: string, body: (t: () => TestDb) => void): void {
  describe.skipIf(!url)(`${name} [citus]`, () => {
    let current: TestDb | undefined;
    beforeAll(async () => {
      current = await createCitusDb();
    }, 60_000);
    afterAll(async () => current?.close());
    body(() => {
      if (!current) throw new Error('Citus database not ready');
      return current;
    });
  });
}

describeCitus('schema and load on Citus', (t) => {
  const dir = scratchDir();

  it('distributes events by user_id', async () => {
    const r = await t().db.query<{ col: string }>(
      `select column_to_column_name(logicalrelid, partkey) as col from pg_dist_partition where logicalrelid = 'events'::regclass`);
    expect(r.rows).toEqual([{ col: 'user_id' }]);
  });

  it('a load, a reload and a changed copy end as on one server', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ev({ user_id: `u${i % 9}`, properties: { i } }));
    const file = writeInput(dir, jsonl(events));
    expect(await loadSource(t().db, file, { batchSize: 7 })).toMatchObject({ lines: 40, inserted: 40, duplicates: 0, conflicts: 0, rejected: 0 });
    expect(await loadSource(t().db, file, { batchSize: 7 })).toMatchObject({ lines: 40, inserted: 0, duplicates: 40, conflicts: 0 });
    const changed = { ...events[3]!, event_name: 'something_else' };
    expect(await loadSource(t().db, writeInput(dir, jsonl([changed])))).toMatchObject({ lines: 1, inserted: 0, conflicts: 1 });
    expect((await stored(t().db)).length).toBe(40);
  });

  it('an event_id already stored under another user_id is a conflict, never a second row', async () => {
    const first = ev({ user_id: 'alice' });
    await loadSource(t().db, writeInput(dir, jsonl([first])));
    const again = { ...first, user_id: 'bob' };
    const r = await loadSource(t().db, writeInput(dir, jsonl([again])));
    expect(r).toMatchObject({ lines: 1, inserted: 0, duplicates: 0, conflicts: 1 });
    const rows = await t().db.query<{ user_id: string }>('select user_id from events where event_id = $1', [first.event_id]);
    expect(rows.rows).toEqual([{ user_id: 'alice' }]);
  });

  it('one event_id under two users within one batch: the first line is stored, the second is a conflict', async () => {
    const first = ev({ user_id: 'carol' });
    const r = await loadSource(t().db, writeInput(dir, jsonl([first, { ...first, user_id: 'dave' }])));
    expect(r).toMatchObject({ lines: 2, inserted: 1, conflicts: 1 });
    const rows = await t().db.query<{ user_id: string }>('select user_id from events where event_id = $1', [first.event_id]);
    expect(rows.rows).toEqual([{ user_id: 'carol' }]);
  });

  it('refuses update and delete on the shards too', async () => {
    await expect(t().db.query(`update events set event_name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t().db.query(`delete from events`)).rejects.toThrow(/append-only/);
  });
});

describeCitus('the UI pickers on Citus', (t) => {
  beforeAll(async () => insertEvents(t().db, PROPERTY_EVENTS));

  it('read the user properties, event properties and event names as on one server', async () => {
    // the figures of test/metrics/properties.test.ts on the same events
    const u = await userProperties(t().db, { tz: 'UTC' });
    expect(u.keys.map((k) => [k.key, k.count, k.distinct])).toEqual([['plan', 4, 2], ['seats', 2, 2], ['beta', 1, 1]]);
    expect(u.keys[0]!.values.map((v) => [v.text, v.count])).toEqual([['free', 2], ['pro', 2]]);
    expect((await eventProperties(t().db, { tz: 'UTC' })).read).toBe(10);
    expect((await eventNames(t().db, { tz: 'UTC' })).names.length).toBeGreaterThan(0);
  });
});

for (const ds of DATASETS) {
  describeCitus(`randomized cross-check: ${ds.name}`, (t) => crossCheck(ds, t));
}
