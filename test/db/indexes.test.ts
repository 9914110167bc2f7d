import { expect, it } from 'vitest';
import { deferIndexes, restoreIndexes } from '../../src/db/indexes.js';
import { migrate } from '../../src/db/migrate.js';
import { describeEachDb } from '../helpers/db.js';

const defs = `select indexname, indexdef from pg_indexes where tablename = 'events' order by 1`;

describeEachDb('deferred indexes', (t) => {
  it('sets the secondary indexes of an empty table aside and builds the same ones again; the primary key stays', async () => {
    const { db } = t();
    const before = (await db.query(defs)).rows;
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(await deferIndexes(db)).toBe(true);
    const during = (await db.query<{ indexname: string }>(defs)).rows.map((r) => r.indexname);
    expect(during).toEqual(['events_pkey']);
    expect((await db.query('select name from evtui_deferred_indexes')).rows).toHaveLength(before.length - 1);
    expect(await restoreIndexes(db)).toBe(before.length - 1);
    expect((await db.query(defs)).rows).toEqual(before);
    expect((await db.query('select name from evtui_deferred_indexes')).rows).toEqual([]);
  });

  it('opening the database builds what a killed load left on the list', async () => {
    const { db } = t();
    const before = (await db.query(defs)).rows;
    expect(await deferIndexes(db)).toBe(true);
    expect(await migrate(db)).toEqual([]);
    expect((await db.query(defs)).rows).toEqual(before);
  });

  it('leaves a table that holds events as it is', async () => {
    const { db } = t();
    await db.query(`insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'u')`);
    const before = (await db.query(defs)).rows;
    expect(await deferIndexes(db)).toBe(false);
    expect((await db.query(defs)).rows).toEqual(before);
  });
});
