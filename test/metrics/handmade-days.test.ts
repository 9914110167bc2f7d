import { beforeAll, expect, it } from 'vitest';
import { runMetric } from '../../src/metrics/run.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/*
 * Day buckets by hand: one user per edge instant, so each day's count names
 * exactly which instants fell on it. Local days of each instant (UTC / New York /
 * Kolkata +05:30 / Shanghai +08:00). New York springs forward on 2025-03-09 at
 * 07:00Z (EST -05 before, EDT -04 after) and falls back on 2025-11-02 at 06:00Z.
 *
 *   user  event_time (Z)             UTC    NY                     Kolkata              Shanghai
 *   a     03-09 04:59:59.999 pv      03-09  03-08 23:59:59.999 EST 03-09                03-09
 *   b     03-09 05:00:00.000 pv      03-09  03-09 00:00 EST        03-09                03-09
 *   c     03-10 03:59:59.999 pv      03-10  03-09 23:59:59.999 EDT 03-10                03-10
 *   d     03-10 04:00:00.000 pv      03-10  03-10 00:00 EDT        03-10                03-10
 *   e     03-09 23:59:59.999 click   03-09  03-09                  03-10 05:29          03-10
 *   f     03-10 00:00:00.000 click   03-10  03-09                  03-10                03-10
 *   g     03-08 18:29:59.999 pv      03-08  03-08                  03-08 23:59:59.999   03-09
 *   h     03-08 18:30:00.000 pv      03-08  03-08                  03-09 00:00          03-09
 *   i     03-10 15:59:59.999 purch.  03-10  03-10                  03-10                03-10 23:59:59.999
 *   j     03-10 16:00:00.000 purch.  03-10  03-10                  03-10                03-11 00:00
 *   k     03-11 12:00/12:05 pv×2, 12:10 click: 03-11 everywhere (one user, three events)
 *   late  03-11 10:00 pv, ingested 2025-03-20 (the late batch): 03-11 everywhere
 */
const LATE = '2025-03-20T00:00:00Z';
const spring = [
  ev('a', 'page_view', '2025-03-09T04:59:59.999Z'),
  ev('b', 'page_view', '2025-03-09T05:00:00.000Z'),
  ev('c', 'page_view', '2025-03-10T03:59:59.999Z'),
  ev('d', 'page_view', '2025-03-10T04:00:00.000Z'),
  ev('e', 'click', '2025-03-09T23:59:59.999Z'),
  ev('f', 'click', '2025-03-10T00:00:00.000Z'),
  ev('g', 'page_view', '2025-03-08T18:29:59.999Z'),
  ev('h', 'page_view', '2025-03-08T18:30:00.000Z'),
  ev('i', 'purchase', '2025-03-10T15:59:59.999Z'),
  ev('j', 'purchase', '2025-03-10T16:00:00.000Z'),
  ev('k', 'page_view', '2025-03-11T12:00:00Z'),
  ev('k', 'page_view', '2025-03-11T12:05:00Z'),
  ev('k', 'click', '2025-03-11T12:10:00Z'),
  ev('late', 'page_view', '2025-03-11T10:00:00Z', LATE),
];
/*
 * Fall back, New York: 11-02 has 25 hours (04:00Z to 05:00Z next day).
 *   m 11-02 03:59:59.999Z → NY 11-01 23:59:59.999 EDT (UTC 11-02)
 *   n 11-02 04:00:00Z     → NY 11-02 00:00 EDT          (UTC 11-02)
 *   o 11-03 04:59:59.999Z → NY 11-02 23:59:59.999 EST   (UTC 11-03)
 *   p 11-03 05:00:00Z     → NY 11-03 00:00 EST          (UTC 11-03)
 *   q 11-02 05:30Z and 06:30Z → 01:30 EDT and 01:30 EST, both NY 11-02 (UTC 11-02); one user
 */
const fall = [
  ev('m', 'page_view', '2025-11-02T03:59:59.999Z'),
  ev('n', 'page_view', '2025-11-02T04:00:00Z'),
  ev('o', 'page_view', '2025-11-03T04:59:59.999Z'),
  ev('p', 'page_view', '2025-11-03T05:00:00Z'),
  ev('q', 'page_view', '2025-11-02T05:30:00Z'),
  ev('q', 'page_view', '2025-11-02T06:30:00Z'),
];

const WIN = { from: '2025-03-07', to: '2025-03-12' };
const zeros = (days: Record<string, number>) => ({ '2025-03-07': 0, '2025-03-08': 0, '2025-03-09': 0, '2025-03-10': 0, '2025-03-11': 0, '2025-03-12': 0, ...days });

describeEachDb('hand-made day series', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [...spring, ...fall]);
  });

  it('dau in UTC: edges and zero days (03-07, 03-12 have no events)', async () => {
    // 03-08: g h; 03-09: a b e; 03-10: c d f i j; 03-11: k late
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'UTC' })).toEqual(
      zeros({ '2025-03-08': 2, '2025-03-09': 3, '2025-03-10': 5, '2025-03-11': 2 }),
    );
  });

  it('dau in America/New_York across the spring-forward day', async () => {
    // 03-08: a g h; 03-09 (23 h): b c e f; 03-10: d i j; 03-11: k late
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'America/New_York' })).toEqual(
      zeros({ '2025-03-08': 3, '2025-03-09': 4, '2025-03-10': 3, '2025-03-11': 2 }),
    );
  });

  it('dau in America/New_York across the fall-back day (25 hours)', async () => {
    // 11-01: m; 11-02: n o q (q twice, counted once); 11-03: p
    expect(await series(t().db, 'dau', 'active_users', { from: '2025-11-01', to: '2025-11-03', tz: 'America/New_York' })).toEqual({
      '2025-11-01': 1,
      '2025-11-02': 3,
      '2025-11-03': 1,
    });
    // UTC: 11-02: m n q; 11-03: o p
    expect(await series(t().db, 'dau', 'active_users', { from: '2025-11-01', to: '2025-11-03', tz: 'UTC' })).toEqual({
      '2025-11-01': 0,
      '2025-11-02': 3,
      '2025-11-03': 2,
    });
  });

  it('dau in Asia/Kolkata (+05:30) and Asia/Shanghai (+08:00)', async () => {
    // Kolkata 03-08: g; 03-09: a b h; 03-10: c d e f i j; 03-11: k late
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'Asia/Kolkata' })).toEqual(
      zeros({ '2025-03-08': 1, '2025-03-09': 3, '2025-03-10': 6, '2025-03-11': 2 }),
    );
    // Shanghai 03-09: a b g h; 03-10: c d e f i; 03-11: j k late
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'Asia/Shanghai' })).toEqual(
      zeros({ '2025-03-09': 4, '2025-03-10': 5, '2025-03-11': 3 }),
    );
  });

  it('as_of before the last events: later events are invisible, their days are zero', async () => {
    // UTC as_of 03-09: 03-10 and 03-11 lose everything
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'UTC', as_of: '2025-03-09' })).toEqual(
      zeros({ '2025-03-08': 2, '2025-03-09': 3 }),
    );
    // NY as_of 03-09 ends at 03-10 04:00Z: c (03:59:59.999Z) is seen, d (04:00Z) is not
    expect(await series(t().db, 'dau', 'active_users', { ...WIN, tz: 'America/New_York', as_of: '2025-03-09' })).toEqual(
      zeros({ '2025-03-08': 3, '2025-03-09': 4 }),
    );
  });

  it('known_at before the late batch hides it; at or after it shows it', async () => {
    const q = (known_at?: string) => series(t().db, 'dau', 'active_users', { ...WIN, tz: 'UTC', known_at });
    expect((await q('2025-03-19T23:59:59.999Z'))['2025-03-11']).toBe(1); // k only
    expect((await q(LATE))['2025-03-11']).toBe(2); // ingested_at <= known_at counts
    expect((await q(undefined))['2025-03-11']).toBe(2);
  });

  it('signups: users without a signup event give a zero series', async () => {
    expect(await series(t().db, 'signups', 'signups', { ...WIN, tz: 'UTC' })).toEqual(zeros({}));
  });

  it('events_by_name counts events and distinct users in [from, to]', async () => {
    const byName = async (input: Parameters<typeof rows>[2]) =>
      Object.fromEntries((await rows(t().db, 'events_by_name', input)).map((r) => [r.event_name, [r.events, r.users]]));
    // UTC 03-07..03-12: page_view a b c d g h k k late = 9 events, 8 users; click e f k; purchase i j
    expect(await byName({ ...WIN, tz: 'UTC' })).toEqual({ page_view: [9, 8], click: [3, 3], purchase: [2, 2] });
    // UTC 03-10 only: c d (pv), f (click), i j (purchase)
    expect(await byName({ from: '2025-03-10', to: '2025-03-10', tz: 'UTC' })).toEqual({ page_view: [2, 2], click: [1, 1], purchase: [2, 2] });
    // NY 03-09 only: b c (pv), e f (click); no purchase row at all
    expect(await byName({ from: '2025-03-09', to: '2025-03-09', tz: 'America/New_York' })).toEqual({ page_view: [2, 2], click: [2, 2] });
    // the late batch unknown yet: page_view loses one event and one user
    expect(await byName({ ...WIN, tz: 'UTC', known_at: '2025-03-15T00:00:00Z' })).toEqual({ page_view: [8, 7], click: [3, 3], purchase: [2, 2] });
    // as_of 03-09 in Shanghai (ends 03-09 16:00Z): a b g h (pv) only
    expect(await byName({ ...WIN, tz: 'Asia/Shanghai', as_of: '2025-03-09' })).toEqual({ page_view: [4, 4] });
  });

  it('defaults: the 30 days ending on the day of the latest stored event, as_of = to', async () => {
    // latest event: p at 2025-11-03 05:00Z → UTC 11-03; from = 11-03 − 29 days = 10-05
    const r = await runMetric(t().db, 'dau', {});
    expect(r.params.to).toBe('2025-11-03');
    expect(r.params.from).toBe('2025-10-05');
    expect(r.params.as_of).toBe('2025-11-03');
    expect(r.params.tz).toBe('UTC');
    expect(r.rows).toHaveLength(30);
    expect(r.rows.slice(-2)).toEqual([
      { day: '2025-11-02', active_users: 3 },
      { day: '2025-11-03', active_users: 2 },
    ]);
  });

  it('an unknown time zone is an error naming it', async () => {
    await expect(runMetric(t().db, 'dau', { ...WIN, tz: 'Mars/Olympus_Mons' })).rejects.toThrow(/Mars\/Olympus_Mons/);
  });
});
