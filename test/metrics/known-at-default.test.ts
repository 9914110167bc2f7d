import { expect, it } from 'vitest';
import type { Db } from '../../src/db/types.js';
import { runMetric } from '../../src/metrics/run.js';
import { describeEachDb } from '../helpers/db.js';

/*
 * Without --known-at the metric SQL gets no ingested_at cut at all (known_at
 * 'infinity', see paramText in src/metrics/run.ts), and the run reports the
 * known_at it stood at. That value must cover every event the run counted and
 * none loaded after it: a rerun with it gives the same numbers.
 */
const W = { from: '2025-05-01', to: '2025-05-01', tz: 'UTC' };

async function load(db: Db, users: string[]): Promise<void> {
  // ingested_at left to the database (now()), as evtui load leaves it
  await db.query(
    `insert into events (event_id, event_name, event_time, user_id)
     select gen_random_uuid(), 'page_view', '2025-05-01T12:00:00Z', u from unnest($1::text[]) u`,
    [users],
  );
}

const counts = (r: Record<string, unknown>[]) => r.map((x) => [x.event_name, Number(x.events), Number(x.users)]);

describeEachDb('known_at not given', (t) => {
  it('reports a known_at at or after every counted event, and a rerun at it after a later load gives the same rows', async () => {
    const { db } = t();
    await load(db, ['ka-1', 'ka-2', 'ka-3']);
    const first = await runMetric(db, 'events_by_name', W);
    expect(first.params.known_at_given).toBe(false);
    expect(counts(first.rows)).toEqual([['page_view', 3, 3]]);
    const covers = await db.query<{ ok: boolean }>('select $1::timestamptz >= max(ingested_at) as ok from events', [first.params.known_at]);
    expect(covers.rows[0]!.ok).toBe(true);

    await load(db, ['ka-4']);
    const again = await runMetric(db, 'events_by_name', { ...W, known_at: first.params.known_at });
    expect(again.params.known_at).toBe(first.params.known_at);
    expect(counts(again.rows)).toEqual([['page_view', 3, 3]]);
    expect(counts((await runMetric(db, 'events_by_name', W)).rows)).toEqual([['page_view', 4, 4]]);
  });
});
