import { beforeAll, expect, it } from 'vitest';
import { runMetric } from '../../src/metrics/run.js';
import { CHURN_STATUSES } from '../../src/metrics/types.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows } from './fixtures-db.js';

/*
 * Churn fixtures (times UTC), days_inactive at as_of 2025-08-31 in UTC / New York / Kolkata:
 *   u03 pv 08-10 08:00; click 08-31 23:59:59.999; pv 09-01 00:00 (after as_of)   0 / 0 (NY sees 09-01 00:00Z: 08-31 20:00) / 21 (Kolkata sees only 08-10)
 *   u07 signup 08-25 12:00 (no activity, still counts)                             6 / 6 / 6
 *   u02 pv 08-20 00:00; pv 08-25 00:00                                             6 / 7 (08-24 20:00) / 6
 *   u05 pv 08-24 23:59:59.999                                                      7 / 7 / 6 (08-25 05:29)
 *   u01 pv 07-01 10:00; pv 08-18 10:00                                            13 / 13 / 13
 *   u09 pv 08-17 00:00                                                            14 / 15 / 14
 *   u04 pv 08-02 23:59:59.999                                                     29 / 29 / 28
 *   u06 pv 08-01 00:00; LATE batch: pv 08-30 10:00 (ingested 09-10)                 1 / 1 / 1 (without the late batch: 30 / 31 / 30)
 *   u12 pv 08-01 12:00                                                            30 / 30 / 30
 *   u08 pv 06-01, 06-02, 06-03 10:00                                               89 / 89 / 89
 *   u10 pv 09-05 10:00 (after as_of: not a user yet)
 */
const LATE = '2025-09-10T00:00:00Z';
const data = [
  ev('u03', 'page_view', '2025-08-10T08:00:00Z'),
  ev('u03', 'click', '2025-08-31T23:59:59.999Z', undefined, { button: 'buy', n: 2 }),
  ev('u03', 'page_view', '2025-09-01T00:00:00Z'),
  ev('u07', 'signup', '2025-08-25T12:00:00Z'),
  ev('u02', 'page_view', '2025-08-20T00:00:00Z'),
  ev('u02', 'page_view', '2025-08-25T00:00:00Z'),
  ev('u05', 'page_view', '2025-08-24T23:59:59.999Z'),
  ev('u01', 'page_view', '2025-07-01T10:00:00Z'),
  ev('u01', 'page_view', '2025-08-18T10:00:00Z'),
  ev('u09', 'page_view', '2025-08-17T00:00:00Z'),
  ev('u04', 'page_view', '2025-08-02T23:59:59.999Z'),
  ev('u06', 'page_view', '2025-08-01T00:00:00Z'),
  ev('u06', 'page_view', '2025-08-30T10:00:00Z', LATE),
  ev('u12', 'page_view', '2025-08-01T12:00:00Z'),
  ev('u08', 'page_view', '2025-06-01T10:00:00Z'),
  ev('u08', 'page_view', '2025-06-02T10:00:00Z'),
  ev('u08', 'page_view', '2025-06-03T10:00:00Z'),
  ev('u10', 'page_view', '2025-09-05T10:00:00Z'),
];

const seg = (a: number, s: number, c: number, h: number) => {
  const n = a + s + c + h;
  return [
    { status: 'active', users: a, share: n ? a / n : null },
    { status: 'soft_churn', users: s, share: n ? s / n : null },
    { status: 'churned', users: c, share: n ? c / n : null },
    { status: 'hard_churn', users: h, share: n ? h / n : null },
  ];
};
const ids = (r: Record<string, unknown>[]) => r.map((x) => [x.user_id, x.days_inactive]);
const AS_OF = '2025-08-31';

describeEachDb('hand-made churn', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, data);
  });
  const cu = (status: string, input: Record<string, unknown> = {}) =>
    rows(t().db, 'churn_users', { as_of: AS_OF, tz: 'UTC', status: status as never, limit: 100, offset: 0, ...input });

  it('segments at the boundaries 6/7, 13/14, 29/30 in UTC', async () => {
    // active u03 u06 u02 u07; soft u05 u01; churned u09 u04; hard u12 u08
    expect(await rows(t().db, 'churn', { as_of: AS_OF, tz: 'UTC' })).toEqual(seg(4, 2, 2, 2));
    expect(ids(await cu('active'))).toEqual([['u03', 0], ['u06', 1], ['u02', 6], ['u07', 6]]);
    expect(ids(await cu('soft_churn'))).toEqual([['u05', 7], ['u01', 13]]);
    expect(ids(await cu('churned'))).toEqual([['u09', 14], ['u04', 29]]);
    expect(ids(await cu('hard_churn'))).toEqual([['u12', 30], ['u08', 89]]);
  });

  it('known_at before the late batch: u06 falls back to hard churn; at it, the batch counts', async () => {
    expect(await rows(t().db, 'churn', { as_of: AS_OF, tz: 'UTC', known_at: '2025-09-05T00:00:00Z' })).toEqual(seg(3, 2, 2, 3));
    expect(ids(await cu('hard_churn', { known_at: '2025-09-05T00:00:00Z' }))).toEqual([['u06', 30], ['u12', 30], ['u08', 89]]);
    expect(await rows(t().db, 'churn', { as_of: AS_OF, tz: 'UTC', known_at: LATE })).toEqual(seg(4, 2, 2, 2));
  });

  it('days are local: New York and Kolkata', async () => {
    // NY: active u03 u06 u07; soft u02 u05 u01; churned u09(15) u04; hard u12 u08
    expect(await rows(t().db, 'churn', { as_of: AS_OF, tz: 'America/New_York' })).toEqual(seg(3, 3, 2, 2));
    // Kolkata: active u06 u02 u05 u07; soft u01; churned u09 u03(21) u04(28); hard u12 u08
    expect(await rows(t().db, 'churn', { as_of: AS_OF, tz: 'Asia/Kolkata' })).toEqual(seg(4, 1, 3, 2));
    expect(ids(await cu('churned', { tz: 'Asia/Kolkata' }))).toEqual([['u09', 14], ['u03', 21], ['u04', 28]]);
  });

  it('churn_users rows: first_seen, last_seen, events over the events on or before as_of', async () => {
    const ny = await cu('active', { tz: 'America/New_York' });
    // NY sees u03's 09-01 00:00Z event (08-31 20:00 local): 3 events
    expect(ny[0]).toEqual({
      user_id: 'u03',
      first_seen: new Date('2025-08-10T08:00:00Z'),
      last_seen: new Date('2025-09-01T00:00:00Z'),
      days_inactive: 0,
      events: 3,
    });
    expect((await cu('active'))[0]).toMatchObject({ user_id: 'u03', last_seen: new Date('2025-08-31T23:59:59.999Z'), events: 2 });
    expect((await cu('churned', { tz: 'Asia/Kolkata' }))[1]).toEqual({
      user_id: 'u03',
      first_seen: new Date('2025-08-10T08:00:00Z'),
      last_seen: new Date('2025-08-10T08:00:00Z'),
      days_inactive: 21,
      events: 1,
    });
    expect(await cu('hard_churn')).toEqual([
      { user_id: 'u12', first_seen: new Date('2025-08-01T12:00:00Z'), last_seen: new Date('2025-08-01T12:00:00Z'), days_inactive: 30, events: 1 },
      { user_id: 'u08', first_seen: new Date('2025-06-01T10:00:00Z'), last_seen: new Date('2025-06-03T10:00:00Z'), days_inactive: 89, events: 3 },
    ]);
  });

  it('churn_users pages in order of days_inactive, then user_id', async () => {
    const page = async (limit: number, offset: number) => (await cu('active', { limit, offset })).map((x) => x.user_id);
    expect(await page(2, 0)).toEqual(['u03', 'u06']);
    expect(await page(2, 2)).toEqual(['u02', 'u07']);
    expect(await page(2, 4)).toEqual([]);
    expect(await page(3, 1)).toEqual(['u06', 'u02', 'u07']);
  });

  it("each segment's count equals the number of users churn_users lists for it", async () => {
    for (const input of [{ tz: 'UTC' }, { tz: 'America/New_York' }, { tz: 'Asia/Kolkata' }, { tz: 'UTC', known_at: '2025-09-05T00:00:00Z' }, { tz: 'UTC', as_of: '2025-09-05' }]) {
      const churn = await rows(t().db, 'churn', { as_of: AS_OF, ...input });
      for (const s of CHURN_STATUSES) {
        const listed = await cu(s, { limit: 1000, ...input });
        expect(listed.length, `${s} ${JSON.stringify(input)}`).toBe(churn.find((r) => r.status === s)!.users);
      }
    }
  });

  it('churn ignores from/to', async () => {
    expect(await rows(t().db, 'churn', { from: '2025-08-30', to: '2025-08-31', as_of: AS_OF, tz: 'UTC' })).toEqual(seg(4, 2, 2, 2));
  });

  it('four rows even when segments are empty', async () => {
    // as_of 06-05: only u08 (last 06-03, 2 days)
    expect(await rows(t().db, 'churn', { as_of: '2025-06-05', tz: 'UTC' })).toEqual(seg(1, 0, 0, 0));
  });

  it('nobody seen yet: four zero rows with a null share', async () => {
    expect(await rows(t().db, 'churn', { as_of: '2025-05-01', tz: 'UTC' })).toEqual(seg(0, 0, 0, 0));
  });

  it('defaults: as_of is the day of the latest stored event (09-05)', async () => {
    // u10 0; u03 4; u06 6 | u02 11; u07 11; u05 12 | u01 18; u09 19 | u04 34; u12 35; u08 94
    const r = await runMetric(t().db, 'churn', {});
    expect(r.params.as_of).toBe('2025-09-05');
    expect(r.rows).toEqual(seg(3, 3, 2, 3));
  });

  it('user_timeline: one user, oldest first, up to as_of, with properties', async () => {
    const tl = await rows(t().db, 'user_timeline', { user_id: 'u03', as_of: AS_OF, tz: 'UTC' });
    expect(tl.map((r) => [r.event_name, r.event_time, r.day])).toEqual([
      ['page_view', new Date('2025-08-10T08:00:00Z'), '2025-08-10'],
      ['click', new Date('2025-08-31T23:59:59.999Z'), '2025-08-31'],
    ]);
    expect(tl[1]!.properties).toEqual({ button: 'buy', n: 2 });
    // New York sees the 09-01 00:00Z event on 08-31
    const ny = await rows(t().db, 'user_timeline', { user_id: 'u03', as_of: AS_OF, tz: 'America/New_York' });
    expect(ny.map((r) => r.day)).toEqual(['2025-08-10', '2025-08-31', '2025-08-31']);
    // known_at hides u06's late event
    const u06 = await rows(t().db, 'user_timeline', { user_id: 'u06', as_of: AS_OF, tz: 'UTC', known_at: '2025-09-05T00:00:00Z' });
    expect(u06.map((r) => r.event_time)).toEqual([new Date('2025-08-01T00:00:00Z')]);
    expect(await rows(t().db, 'user_timeline', { user_id: 'nobody', as_of: AS_OF, tz: 'UTC' })).toEqual([]);
  });
});
