import { beforeAll, expect, it } from 'vitest';
import { runMetric } from '../../src/metrics/run.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/*
 * --segment and --where by hand (UTC), 06-01..06-03, as_of 06-10:
 *   a  signup 06-01 10:00 {plan: pro}; signup again 06-02 09:00 {plan: free} (not the earliest: a stays pro);
 *      page_view 06-02 {platform: web}; page_view 06-03 {platform: ios}
 *   b  signup 06-01 12:00 {plan: free}; page_view 06-02 {platform: web}
 *   c  no signup (no properties, in no segment); page_view 06-01 {platform: web}
 *   d  signup 06-02 {plan: pro, seats: 3}; page_view 06-03 {platform: ios}
 *   e  two signups at the same instant 06-01 08:00: the smaller event_id {plan: pro}, the other {plan: free};
 *      page_view 06-03 {platform: web}
 * Segment plan=pro: a d e.
 */
const E1 = '00000000-0000-4000-8000-000000000001';
const E2 = '00000000-0000-4000-8000-000000000002';

describeEachDb('hand-made segments and event filters', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('a', 'signup', '2025-06-01T10:00:00Z', undefined, { plan: 'pro' }),
      ev('a', 'signup', '2025-06-02T09:00:00Z', undefined, { plan: 'free' }),
      ev('a', 'page_view', '2025-06-02T10:00:00Z', undefined, { platform: 'web' }),
      ev('a', 'page_view', '2025-06-03T10:00:00Z', undefined, { platform: 'ios' }),
      ev('b', 'signup', '2025-06-01T12:00:00Z', undefined, { plan: 'free' }),
      ev('b', 'page_view', '2025-06-02T12:00:00Z', undefined, { platform: 'web' }),
      ev('c', 'page_view', '2025-06-01T12:00:00Z', undefined, { platform: 'web' }),
      ev('d', 'signup', '2025-06-02T12:00:00Z', undefined, { plan: 'pro', seats: 3 }),
      ev('d', 'page_view', '2025-06-03T12:00:00Z', undefined, { platform: 'ios' }),
      ev('e', 'page_view', '2025-06-03T12:00:00Z', undefined, { platform: 'web' }),
    ]);
    // the larger event_id goes in first, so only the tie rule can pick the other
    await t().db.query(
      `insert into events (event_id, event_name, event_time, user_id, properties, ingested_at) values
         ($2, 'signup', '2025-06-01T08:00:00Z', 'e', '{"plan": "free"}', '2020-01-01T00:00:00Z'),
         ($1, 'signup', '2025-06-01T08:00:00Z', 'e', '{"plan": "pro"}', '2020-01-01T00:00:00Z')`,
      [E1, E2],
    );
  });
  const W = { from: '2025-06-01', to: '2025-06-03', as_of: '2025-06-10', tz: 'UTC' };
  const PRO = { ...W, segment: { plan: 'pro' } };

  it('a segment keeps the users whose earliest signup event holds it, the smallest event_id on a tie', async () => {
    expect(await series(t().db, 'signups', 'signups', PRO)).toEqual({ '2025-06-01': 2, '2025-06-02': 1, '2025-06-03': 0 });
    expect(await series(t().db, 'dau', 'active_users', PRO)).toEqual({ '2025-06-01': 2, '2025-06-02': 2, '2025-06-03': 3 });
    expect((await rows(t().db, 'churn', PRO)).map((r) => r.users)).toEqual([0, 3, 0, 0]);
  });

  it('a value is compared as JSON: the number 3 is not the string "3"; an unknown key holds for no one', async () => {
    expect(await series(t().db, 'signups', 'signups', { ...W, segment: { seats: 3 } })).toEqual({ '2025-06-01': 0, '2025-06-02': 1, '2025-06-03': 0 });
    expect(await series(t().db, 'signups', 'signups', { ...W, segment: { seats: '3' } })).toEqual({ '2025-06-01': 0, '2025-06-02': 0, '2025-06-03': 0 });
    expect(await series(t().db, 'dau', 'active_users', { ...W, segment: { nope: 1 } })).toEqual({ '2025-06-01': 0, '2025-06-02': 0, '2025-06-03': 0 });
  });

  it('where filters the counted events, never the signups that define cohorts', async () => {
    const web = { ...W, where: { platform: 'web' } };
    // signup events have no platform: only web page views count
    expect(await series(t().db, 'dau', 'active_users', web)).toEqual({ '2025-06-01': 1, '2025-06-02': 2, '2025-06-03': 1 });
    expect(await rows(t().db, 'events_by_name', web)).toEqual([{ event_name: 'page_view', events: 4, users: 4 }]);
    // cohort a b d e; retained on a later day by an ios activity: a (06-03), d (06-03)
    expect(await rows(t().db, 'retention', { ...W, where: { platform: 'ios' } })).toEqual([{ cohort_users: 4, retained_users: 2, retention_rate: 0.5 }]);
    expect(await series(t().db, 'signups', 'signups', web)).toEqual({ '2025-06-01': 3, '2025-06-02': 1, '2025-06-03': 0 });
  });

  it('segment and where together', async () => {
    const both = { ...PRO, where: { platform: 'web' } };
    expect(await series(t().db, 'dau', 'active_users', both)).toEqual({ '2025-06-01': 0, '2025-06-02': 1, '2025-06-03': 1 });
    // cohort a d e; retained with a web activity on a later day: a (06-02), e (06-03)
    const r = await rows(t().db, 'retention', both);
    expect(r[0]).toMatchObject({ cohort_users: 3, retained_users: 2 });
    // funnel page_view → page_view (7 days): pro users enter with a (06-02), d and e (06-03); a reaches
    // step 2 (06-03). With where web, a's ios view and all of d's are not counted: a and e enter, no one reaches step 2
    expect((await rows(t().db, 'funnel', { ...PRO, steps: ['page_view', 'page_view'] })).map((x) => x.users)).toEqual([3, 1]);
    expect((await rows(t().db, 'funnel', { ...both, steps: ['page_view', 'page_view'] })).map((x) => x.users)).toEqual([2, 0]);
  });

  it('refuses a segment that is not KEY=VALUE pairs, and a value that is an array or object', async () => {
    await expect(runMetric(t().db, 'dau', { ...W, segment: '[1, 2]' })).rejects.toThrow(/segment must be KEY=VALUE pairs/);
    await expect(runMetric(t().db, 'dau', { ...W, where: { tags: ['a'] } })).rejects.toThrow(/where values must be strings, numbers, booleans or null/);
  });
});
