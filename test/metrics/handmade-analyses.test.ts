import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows } from './fixtures-db.js';

/*
 * Rolling active users and stickiness (UTC), worked out by hand.
 *   a  events 05-01, 05-10            e  event 05-04
 *   b  event 05-25                    c  two events 06-01
 *   d  event 06-03 (after as_of 06-02: never seen)
 * active_users, 06-01..06-03, as_of 06-02:
 *   06-01  dau c = 1; wau (05-26..06-01) c = 1; mau (05-03..06-01) a e b c = 4
 *   06-02  dau 0;     wau (05-27..06-02) c = 1; mau (05-04..06-02) a e b c = 4
 *   06-03  dau 0 (d unseen); wau c = 1;        mau (05-05..06-03) a b c = 3 (e's 05-04 has left)
 */
describeEachDb('hand-made active_users', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('a', 'page_view', '2025-05-01T12:00:00Z'),
      ev('a', 'page_view', '2025-05-10T12:00:00Z'),
      ev('e', 'click', '2025-05-04T00:00:00Z'),
      ev('b', 'click', '2025-05-25T23:59:59.999Z'),
      ev('c', 'signup', '2025-06-01T00:00:00Z'),
      ev('c', 'page_view', '2025-06-01T10:00:00Z'),
      ev('d', 'page_view', '2025-06-03T10:00:00Z'),
    ]);
  });

  it('dau, wau and mau end on each day and reach before from; days after as_of see nothing new', async () => {
    expect(await rows(t().db, 'active_users', { from: '2025-06-01', to: '2025-06-03', as_of: '2025-06-02', tz: 'UTC' })).toEqual([
      { day: '2025-06-01', dau: 1, wau: 1, mau: 4, dau_mau: 0.25 },
      { day: '2025-06-02', dau: 0, wau: 1, mau: 4, dau_mau: 0 },
      { day: '2025-06-03', dau: 0, wau: 1, mau: 3, dau_mau: 0 },
    ]);
  });

  it('dau_mau is null when no one was active in the 30 days', async () => {
    expect(await rows(t().db, 'active_users', { from: '2025-04-01', to: '2025-04-01', tz: 'UTC' })).toEqual([
      { day: '2025-04-01', dau: 0, wau: 0, mau: 0, dau_mau: null },
    ]);
  });
});

/*
 * Stickiness, 06-01..06-03 (UTC), as_of 06-03:
 *   a  06-01 twice, 06-03     → 2 days      b  06-02               → 1 day
 *   c  05-31 23:59:59.999 and 06-04 00:00: neither day in the window (and 06-04 is after as_of)
 *   d  06-01, 06-02, 06-03    → 3 days      e  06-03 23:59:59.999  → 1 day
 * Users with an event in the window: a b d e = 4.
 */
describeEachDb('hand-made stickiness', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('a', 'page_view', '2025-06-01T08:00:00Z'),
      ev('a', 'click', '2025-06-01T09:00:00Z'),
      ev('a', 'page_view', '2025-06-03T08:00:00Z'),
      ev('b', 'signup', '2025-06-02T08:00:00Z'),
      ev('c', 'page_view', '2025-05-31T23:59:59.999Z'),
      ev('c', 'page_view', '2025-06-04T00:00:00Z'),
      ev('d', 'page_view', '2025-06-01T00:00:00Z'),
      ev('d', 'page_view', '2025-06-02T00:00:00Z'),
      ev('d', 'page_view', '2025-06-03T00:00:00Z'),
      ev('e', 'page_view', '2025-06-03T23:59:59.999Z'),
    ]);
  });

  it('users by their number of active days, every k listed', async () => {
    expect(await rows(t().db, 'stickiness', { from: '2025-06-01', to: '2025-06-03', tz: 'UTC' })).toEqual([
      { days_active: 1, users: 2, share: 0.5 },
      { days_active: 2, users: 1, share: 0.25 },
      { days_active: 3, users: 1, share: 0.25 },
    ]);
  });

  it('a window without events: zero users and null shares', async () => {
    expect(await rows(t().db, 'stickiness', { from: '2025-07-01', to: '2025-07-02', tz: 'UTC' })).toEqual([
      { days_active: 1, users: 0, share: null },
      { days_active: 2, users: 0, share: null },
    ]);
  });
});

/*
 * Lifecycle across New York's spring DST change (03-09 07:00Z: EST -05 → EDT -04;
 * local 03-09 is a 23-hour day, 05:00Z to 04:00Z next).
 *   user  event (Z)        New York day          UTC day
 *   u1    03-09 04:30      03-08 23:30 EST       03-09
 *   u1    03-10 04:30      03-10 00:30 EDT       03-10
 *   u2    03-07 12:00      03-07                 03-07
 *   u2    03-08 15:00      03-08                 03-08
 *   u2    03-09 15:00      03-09                 03-09
 *   u3    03-01 12:00      03-01                 03-01
 *   u3    03-09 06:00      03-09 01:00 EST       03-09
 * By day, 03-08..03-11 with as_of 03-10 (03-11 starts after as_of: left out), in New York:
 *   03-08  new u1; returning u2
 *   03-09  returning u2; resurrecting u3; dormant u1
 *   03-10  resurrecting u1; dormant u2 u3
 * In UTC u1 is new on 03-09 and returning on 03-10 instead, and 03-08 has only u2 returning.
 * By week (Mondays 03-03, 03-10, 03-17), 03-08..03-20, as_of 03-20, New York:
 *   03-03  new u1 u2 (first events 03-08, 03-07); returning u3 (03-01 is in the week of 02-24)
 *   03-10  returning u1; dormant u2 u3
 *   03-17  dormant u1
 */
describeEachDb('hand-made lifecycle', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('u1', 'page_view', '2025-03-09T04:30:00Z'),
      ev('u1', 'page_view', '2025-03-10T04:30:00Z'),
      ev('u2', 'signup', '2025-03-07T12:00:00Z'),
      ev('u2', 'page_view', '2025-03-08T15:00:00Z'),
      ev('u2', 'click', '2025-03-09T15:00:00Z'),
      ev('u3', 'page_view', '2025-03-01T12:00:00Z'),
      ev('u3', 'page_view', '2025-03-09T06:00:00Z'),
    ]);
  });
  const table = (r: Record<string, unknown>[]) => r.map((x) => `${x.period as string} ${x.status as string} ${x.users as number}`);
  const day = (period: string, n: number, ret: number, res: number, dor: number) => [
    `${period} new ${n}`, `${period} returning ${ret}`, `${period} resurrecting ${res}`, `${period} dormant ${dor}`,
  ];

  it('new, dormant, then resurrecting across the DST change, by local day', async () => {
    const r = await rows(t().db, 'lifecycle', { from: '2025-03-08', to: '2025-03-11', as_of: '2025-03-10', tz: 'America/New_York' });
    expect(table(r)).toEqual([...day('2025-03-08', 1, 1, 0, 0), ...day('2025-03-09', 0, 1, 1, 1), ...day('2025-03-10', 0, 0, 1, 2)]);
  });

  it('the same events by UTC day', async () => {
    const r = await rows(t().db, 'lifecycle', { from: '2025-03-08', to: '2025-03-11', as_of: '2025-03-10', tz: 'UTC' });
    expect(table(r)).toEqual([...day('2025-03-08', 0, 1, 0, 0), ...day('2025-03-09', 1, 1, 1, 0), ...day('2025-03-10', 0, 1, 0, 2)]);
  });

  it('by week: the period holding from starts before it', async () => {
    const r = await rows(t().db, 'lifecycle', { from: '2025-03-08', to: '2025-03-20', as_of: '2025-03-20', tz: 'America/New_York', granularity: 'week' });
    expect(table(r)).toEqual([...day('2025-03-03', 2, 1, 0, 0), ...day('2025-03-10', 0, 1, 0, 2), ...day('2025-03-17', 0, 0, 0, 1)]);
  });
});

/*
 * Cohort retention by week (UTC), cohort of Monday 06-02, from 06-02 to 06-08, as_of 06-22:
 *   x1 signup 06-02, active 06-16 (k=2)      x2 signup 06-03, active 06-10 (k=1)
 *   x3 signup 06-04, never active            x4 signup 06-05, active 06-11 (k=1) and 06-17 (k=2)
 *   on:          k1 x2 x4 = 2; k2 x1 x4 = 2
 *   on_or_after: k1 x1 x2 x4 = 3 (x1 is active later); k2 x1 x4 = 2
 */
describeEachDb('hand-made cohort_retention modes', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('x1', 'signup', '2025-06-02T10:00:00Z'),
      ev('x1', 'page_view', '2025-06-16T10:00:00Z'),
      ev('x2', 'signup', '2025-06-03T10:00:00Z'),
      ev('x2', 'page_view', '2025-06-10T10:00:00Z'),
      ev('x3', 'signup', '2025-06-04T10:00:00Z'),
      ev('x4', 'signup', '2025-06-05T10:00:00Z'),
      ev('x4', 'page_view', '2025-06-11T10:00:00Z'),
      ev('x4', 'page_view', '2025-06-17T10:00:00Z'),
    ]);
  });
  const P = { from: '2025-06-02', to: '2025-06-08', as_of: '2025-06-22', tz: 'UTC', granularity: 'week' as const };
  const active = (r: Record<string, unknown>[]) => r.map((x) => [x.period, x.active_users, x.retention_rate, x.complete]);

  it('on (the default): active in period k', async () => {
    expect(active(await rows(t().db, 'cohort_retention', P))).toEqual([[0, 4, 1, true], [1, 2, 0.5, true], [2, 2, 0.5, true]]);
    expect(active(await rows(t().db, 'cohort_retention', { ...P, mode: 'on' }))).toEqual([[0, 4, 1, true], [1, 2, 0.5, true], [2, 2, 0.5, true]]);
  });

  it('on_or_after: active in period k or a later one', async () => {
    expect(active(await rows(t().db, 'cohort_retention', { ...P, mode: 'on_or_after' }))).toEqual([[0, 4, 1, true], [1, 3, 0.75, true], [2, 2, 0.5, true]]);
  });
});
