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

  it('refuses a segment that is not KEY=VALUE pairs', async () => {
    await expect(runMetric(t().db, 'dau', { ...W, segment: '[1, 2]' })).rejects.toThrow(/segment must be KEY=VALUE pairs/);
  });

  it('an array or object VALUE is compared whole, as JSON: ["a"] is not ["a", "b"]', async () => {
    // f, on 07-01 (after everything above): signup {tags: [a, b], team: {size: 2}}, page views tagged [a] and [a, b]
    await insertEvents(t().db, [
      ev('f', 'signup', '2025-07-01T08:00:00Z', undefined, { tags: ['a', 'b'], team: { size: 2 } }),
      ev('f', 'page_view', '2025-07-01T09:00:00Z', undefined, { tags: ['a'] }),
      ev('f', 'page_view', '2025-07-01T10:00:00Z', undefined, { tags: ['a', 'b'] }),
    ]);
    const day = { from: '2025-07-01', to: '2025-07-01', tz: 'UTC' };
    expect(await rows(t().db, 'events_by_name', { ...day, where: { tags: ['a'] } })).toEqual([{ event_name: 'page_view', events: 1, users: 1 }]);
    expect(await rows(t().db, 'events_by_name', { ...day, where: { tags: ['a', 'b'] } })).toEqual([
      { event_name: 'page_view', events: 1, users: 1 },
      { event_name: 'signup', events: 1, users: 1 },
    ]);
    expect(await series(t().db, 'signups', 'signups', { ...day, segment: { team: { size: 2 } } })).toEqual({ '2025-07-01': 1 });
    expect(await series(t().db, 'signups', 'signups', { ...day, segment: { team: {} } })).toEqual({ '2025-07-01': 0 });
    expect(await series(t().db, 'signups', 'signups', { ...day, segment: { tags: ['b', 'a'] } })).toEqual({ '2025-07-01': 0 });
  });
  /*
   * --by by hand: plan is pro for a d e, free for b; c has no signup, so no plan (the null group).
   * Events per day: 06-01 a b c e, 06-02 a b d, 06-03 a d e. As of 06-10 everyone is soft_churn:
   * a d e 7 days inactive, b 8, c 9.
   */
  const dayRows = (r: Record<string, unknown>[], col: string) => r.map((x) => [x.segment, x.day, x[col]]);

  it('by: one zero-filled group per text in byte order, the users without the property last', async () => {
    const r = await runMetric(t().db, 'dau', { ...W, by: 'plan' });
    expect(r.columns).toEqual(['segment', 'day', 'active_users']);
    expect(dayRows(r.rows, 'active_users')).toEqual([
      ['free', '2025-06-01', 1], ['free', '2025-06-02', 1], ['free', '2025-06-03', 0],
      ['pro', '2025-06-01', 2], ['pro', '2025-06-02', 2], ['pro', '2025-06-03', 3],
      [null, '2025-06-01', 1], [null, '2025-06-02', 0], [null, '2025-06-03', 0],
    ]);
    // d alone has seats; the others, c with no signup included, are the null group
    expect(await rows(t().db, 'retention', { ...W, by: 'seats' })).toEqual([
      { segment: '3', cohort_users: 1, retained_users: 1, retention_rate: 1 },
      { segment: null, cohort_users: 3, retained_users: 3, retention_rate: 1 },
    ]);
    expect((await rows(t().db, 'churn', { ...W, by: 'plan' })).map((x) => [x.segment, x.status, x.users, x.share])).toEqual([
      ['free', 'active', 0, 0], ['free', 'soft_churn', 1, 1], ['free', 'churned', 0, 0], ['free', 'hard_churn', 0, 0],
      ['pro', 'active', 0, 0], ['pro', 'soft_churn', 3, 1], ['pro', 'churned', 0, 0], ['pro', 'hard_churn', 0, 0],
      [null, 'active', 0, 0], [null, 'soft_churn', 1, 1], [null, 'churned', 0, 0], [null, 'hard_churn', 0, 0],
    ]);
    expect((await rows(t().db, 'funnel', { ...W, by: 'plan', steps: ['page_view', 'page_view'] })).map((x) => [x.segment, x.users])).toEqual([
      ['free', 1], ['free', 0], ['pro', 3], ['pro', 1], [null, 1], [null, 0],
    ]);
  });

  it('by a key no one has: one null group holding everyone; with a segment, only its groups', async () => {
    expect(dayRows(await rows(t().db, 'dau', { ...W, by: 'nope' }), 'active_users')).toEqual([
      [null, '2025-06-01', 4], [null, '2025-06-02', 3], [null, '2025-06-03', 3],
    ]);
    expect(dayRows(await rows(t().db, 'dau', { ...PRO, by: 'plan' }), 'active_users')).toEqual([
      ['pro', '2025-06-01', 2], ['pro', '2025-06-02', 2], ['pro', '2025-06-03', 3],
    ]);
  });

  it('by: churn_users is ordered by group first, and a page runs across groups', async () => {
    const page = await rows(t().db, 'churn_users', { ...W, by: 'plan', status: 'soft_churn', limit: 3, offset: 0 });
    expect(page.map((x) => [x.segment, x.user_id, x.days_inactive])).toEqual([['free', 'b', 8], ['pro', 'a', 7], ['pro', 'd', 7]]);
    const next = await rows(t().db, 'churn_users', { ...W, by: 'plan', status: 'soft_churn', limit: 3, offset: 3 });
    expect(next.map((x) => [x.segment, x.user_id])).toEqual([['pro', 'e'], [null, 'c']]);
  });
});
