import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/** The worked example of docs/metrics.md, so the numbers printed there stay true. */
describeEachDb('docs/metrics.md worked example', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('ana', 'signup', '2025-03-03T09:00:00Z'),
      ev('ana', 'page_view', '2025-03-04T10:00:00Z'),
      ev('ana', 'purchase', '2025-03-10T18:00:00Z'),
      ev('ben', 'page_view', '2025-03-02T12:00:00Z'),
      ev('ben', 'signup', '2025-03-03T23:30:00Z'),
      ev('ben', 'signup', '2025-03-05T08:00:00Z'),
      ev('cai', 'page_view', '2025-03-04T07:00:00Z'),
      ev('dee', 'signup', '2025-03-09T20:00:00Z'),
    ]);
  });
  const P = { from: '2025-03-03', to: '2025-03-09', as_of: '2025-03-10', tz: 'UTC' };

  it('day series', async () => {
    expect(await series(t().db, 'dau', 'active_users', P)).toEqual({
      '2025-03-03': 2, '2025-03-04': 2, '2025-03-05': 1, '2025-03-06': 0, '2025-03-07': 0, '2025-03-08': 0, '2025-03-09': 1,
    });
    expect(await series(t().db, 'signups', 'signups', P)).toEqual({
      '2025-03-03': 2, '2025-03-04': 0, '2025-03-05': 0, '2025-03-06': 0, '2025-03-07': 0, '2025-03-08': 0, '2025-03-09': 1,
    });
    expect(await series(t().db, 'signups', 'signups', { ...P, tz: 'Asia/Kolkata' })).toMatchObject({ '2025-03-03': 1, '2025-03-04': 1 });
  });

  it('retention, day 1, funnels', async () => {
    expect((await rows(t().db, 'retention', P))[0]).toMatchObject({ cohort_users: 3, retained_users: 1 });
    const d1 = await rows(t().db, 'day1_retention', P);
    expect(d1[0]).toEqual({ day: '2025-03-03', cohort_users: 2, retained_users: 1, retention_rate: 0.5, complete: true });
    expect(d1[6]).toEqual({ day: '2025-03-09', cohort_users: 1, retained_users: 0, retention_rate: 0, complete: true });
    const fa = await rows(t().db, 'funnel_activity', P);
    expect(fa[1]).toMatchObject({ name: 'activated', users: 1, median_seconds_to_convert: 90000, open_windows: 1 });
    const fd = await rows(t().db, 'funnel_day1', P);
    expect(fd[1]).toMatchObject({ name: 'active_day1', users: 1, median_seconds_to_convert: 90000, open_windows: 0 });
  });

  it('cohorts and churn', async () => {
    const c = await rows(t().db, 'cohort_retention', { ...P, as_of: '2025-03-20', granularity: 'week' });
    expect(c.map((r) => [r.cohort, r.period, r.cohort_users, r.active_users, r.complete])).toEqual([
      ['2025-03-03', 0, 3, 3, true],
      ['2025-03-03', 1, 3, 1, true],
      ['2025-03-03', 2, 3, 0, false],
    ]);
    expect((await rows(t().db, 'churn', { ...P, as_of: '2025-03-20' })).map((r) => r.users)).toEqual([0, 2, 2, 0]);
  });
});
