import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/*
 * Cohort fixtures (times UTC; 2025-01-06 is a Monday).
 *   u1  signup 01-06 10:00; pv 01-07 09:00; pv 01-20 10:00
 *   u2  signup 01-06 23:59:59.999; signup again 01-08 12:00 (ignored: earliest counts); pv 01-08 12:00:01
 *   u3  pv 01-05 12:00 (before signup); signup 01-07 00:00:00; pv 01-07 08:00 (same day)
 *   u4  no signup; pv 01-07, 01-08
 *   u5  signup 01-08 10:00; signup again 01-09 11:00; pv 01-09 00:00:00
 *   u7  signup 01-12 10:00 (Sunday); pv 01-13 10:00
 *   u8  signup 01-05 10:00 (Sunday, week of Mon 2024-12-30); pv 01-06 10:00
 * Year end:
 *   u9  signup 2024-12-31 23:59:59.999 (Shanghai: 01-01 07:59); pv 01-15 10:00; pv 02-03 10:00
 *   u10 signup 2024-12-15 10:00; pv 02-10 10:00
 *   u11 signup 2025-01-01 00:00:00 (New York: 12-31 19:00); pv 01-02 10:00
 * Day edges around DST in New York:
 *   n1  signup 03-09 04:30Z (NY 03-08 23:30 EST); pv 03-10 03:30Z (NY 03-09 23:30 EDT, 23 h later): day + 1
 *   n2  signup 03-08 17:00Z (NY 03-08 12:00); pv 03-10 04:15Z (NY 03-10 00:15 EDT): day + 2, not day + 1
 *   n3  signup 11-02 03:30Z (NY 11-01 23:30 EDT); pv 11-03 04:30Z (NY 11-02 23:30 EST, 25 h later): day + 1
 *   n4  signup 11-01 16:00Z (NY 11-01 12:00); pv 11-03 04:59:59.999Z (NY 11-02 23:59:59.999 EST): day + 1
 */
const LATE = '2025-04-10T00:00:00Z';
const data = [
  ev('u1', 'signup', '2025-01-06T10:00:00Z'),
  ev('u1', 'page_view', '2025-01-07T09:00:00Z'),
  ev('u1', 'page_view', '2025-01-20T10:00:00Z'),
  ev('u2', 'signup', '2025-01-06T23:59:59.999Z'),
  ev('u2', 'signup', '2025-01-08T12:00:00Z'),
  ev('u2', 'page_view', '2025-01-08T12:00:01Z'),
  ev('u3', 'page_view', '2025-01-05T12:00:00Z'),
  ev('u3', 'signup', '2025-01-07T00:00:00Z'),
  ev('u3', 'page_view', '2025-01-07T08:00:00Z'),
  ev('u4', 'page_view', '2025-01-07T10:00:00Z'),
  ev('u4', 'page_view', '2025-01-08T10:00:00Z'),
  ev('u5', 'signup', '2025-01-08T10:00:00Z'),
  ev('u5', 'signup', '2025-01-09T11:00:00Z'),
  ev('u5', 'page_view', '2025-01-09T00:00:00Z'),
  ev('u7', 'signup', '2025-01-12T10:00:00Z'),
  ev('u7', 'page_view', '2025-01-13T10:00:00Z'),
  ev('u8', 'signup', '2025-01-05T10:00:00Z'),
  ev('u8', 'page_view', '2025-01-06T10:00:00Z'),
  ev('u9', 'signup', '2024-12-31T23:59:59.999Z'),
  ev('u9', 'page_view', '2025-01-15T10:00:00Z'),
  ev('u9', 'page_view', '2025-02-03T10:00:00Z'),
  ev('u10', 'signup', '2024-12-15T10:00:00Z'),
  ev('u10', 'page_view', '2025-02-10T10:00:00Z'),
  ev('u11', 'signup', '2025-01-01T00:00:00Z'),
  ev('u11', 'page_view', '2025-01-02T10:00:00Z'),
  ev('n1', 'signup', '2025-03-09T04:30:00Z'),
  ev('n1', 'page_view', '2025-03-10T03:30:00Z'),
  ev('n2', 'signup', '2025-03-08T17:00:00Z'),
  ev('n2', 'page_view', '2025-03-10T04:15:00Z'),
  ev('n3', 'signup', '2025-11-02T03:30:00Z'),
  ev('n3', 'page_view', '2025-11-03T04:30:00Z'),
  ev('n4', 'signup', '2025-11-01T16:00:00Z'),
  ev('n4', 'page_view', '2025-11-03T04:59:59.999Z'),
  // k1: signup 04-02 09:00 known early; an earlier signup (04-01 09:00) arrives in a late batch; pv 04-02 10:00
  ev('k1', 'signup', '2025-04-02T09:00:00Z'),
  ev('k1', 'signup', '2025-04-01T09:00:00Z', LATE),
  ev('k1', 'page_view', '2025-04-02T10:00:00Z'),
];

const cr = (cohort: string, period: number, cohort_users: number, active_users: number, complete: boolean) => ({
  cohort,
  period,
  cohort_users,
  active_users,
  retention_rate: active_users / cohort_users,
  complete,
});
const d1 = (day: string, cohort_users: number, retained_users: number, complete: boolean) => ({
  day,
  cohort_users,
  retained_users,
  retention_rate: cohort_users ? retained_users / cohort_users : null,
  complete,
});

describeEachDb('hand-made cohorts', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, data);
  });

  it('signups: earliest signup only, zero days, no-signup users absent', async () => {
    // 01-05 u8; 01-06 u1 u2; 01-07 u3; 01-08 u5 (u2's second signup ignored); 01-09 none (u5's second); 01-12 u7
    expect(await series(t().db, 'signups', 'signups', { from: '2025-01-05', to: '2025-01-12', tz: 'UTC' })).toEqual({
      '2025-01-05': 1,
      '2025-01-06': 2,
      '2025-01-07': 1,
      '2025-01-08': 1,
      '2025-01-09': 0,
      '2025-01-10': 0,
      '2025-01-11': 0,
      '2025-01-12': 1,
    });
  });

  it('retention: activity on a later day than the signup day, up to as_of', async () => {
    const q = (as_of: string) => rows(t().db, 'retention', { from: '2025-01-06', to: '2025-01-09', tz: 'UTC', as_of });
    // cohort u1 u2 u3 u5; retained u1 (01-07), u2 (01-08, from its earliest signup 01-06), u5 (01-09);
    // u3's activity is before its signup or on the signup day
    expect(await q('2025-01-31')).toEqual([{ cohort_users: 4, retained_users: 3, retention_rate: 0.75 }]);
    // as_of 01-08: u5's 01-09 activity unseen
    expect(await q('2025-01-08')).toEqual([{ cohort_users: 4, retained_users: 2, retention_rate: 0.5 }]);
    // as_of 01-07: u5's signup unseen too; cohort u1 u2 u3, retained u1
    const r = await q('2025-01-07');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ cohort_users: 3, retained_users: 1 });
    expect(r[0]!.retention_rate as number).toBeCloseTo(1 / 3, 9);
  });

  it('retention of an empty cohort has a null rate', async () => {
    expect(await rows(t().db, 'retention', { from: '2025-01-10', to: '2025-01-11', tz: 'UTC', as_of: '2025-01-31' })).toEqual([
      { cohort_users: 0, retained_users: 0, retention_rate: null },
    ]);
  });

  it('day1_retention with as_of cutting the last day: complete = false', async () => {
    // 01-05 u8 → pv 01-06 ✓; 01-06 u1 ✓ u2 ✗; 01-07 u3 ✗; 01-08 u5: 01-09 after as_of; 01-09 empty
    expect(await rows(t().db, 'day1_retention', { from: '2025-01-05', to: '2025-01-09', tz: 'UTC', as_of: '2025-01-08' })).toEqual([
      d1('2025-01-05', 1, 1, true),
      d1('2025-01-06', 2, 1, true),
      d1('2025-01-07', 1, 0, true),
      d1('2025-01-08', 1, 0, false),
      d1('2025-01-09', 0, 0, false),
    ]);
    const late = await rows(t().db, 'day1_retention', { from: '2025-01-08', to: '2025-01-09', tz: 'UTC', as_of: '2025-01-31' });
    expect(late).toEqual([d1('2025-01-08', 1, 1, true), d1('2025-01-09', 0, 0, true)]);
  });

  it('day1_retention uses local calendar days across both DST changes, never +24 hours', async () => {
    const q = (day: string, tz: string) => rows(t().db, 'day1_retention', { from: day, to: day, tz, as_of: '2025-12-31' });
    // NY 03-08: n1 (next local day 23 h later ✓), n2 (activity on 03-10 ✗)
    expect(await q('2025-03-08', 'America/New_York')).toEqual([d1('2025-03-08', 2, 1, true)]);
    // UTC 03-08: n2 only (pv UTC 03-10 ✗)
    expect(await q('2025-03-08', 'UTC')).toEqual([d1('2025-03-08', 1, 0, true)]);
    // NY 11-01: n3 (25 h later ✓), n4 (11-02 23:59:59.999 EST ✓)
    expect(await q('2025-11-01', 'America/New_York')).toEqual([d1('2025-11-01', 2, 2, true)]);
    // UTC 11-01: n4 (pv UTC 11-03 ✗); UTC 11-02: n3 (pv UTC 11-03 ✓)
    expect(await q('2025-11-01', 'UTC')).toEqual([d1('2025-11-01', 1, 0, true)]);
    expect(await q('2025-11-02', 'UTC')).toEqual([d1('2025-11-02', 1, 1, true)]);
  });

  it('cohort_retention by week: Monday starts, a cut first week, complete periods', async () => {
    // cohort 2024-12-30: u8 only (its 01-05 signup is inside [from, to]); cohort 2025-01-06: u1 u2 u3 u5 u7.
    // Periods while their start <= as_of 01-26: 12-30 → k 0..3, 01-06 → k 0..2.
    // 12-30 k1 (01-06..01-12) u8 pv 01-06 ✓.  01-06 k1 (01-13..19) u7 ✓; k2 (01-20..26) u1 ✓.
    expect(await rows(t().db, 'cohort_retention', { from: '2025-01-05', to: '2025-01-12', tz: 'UTC', as_of: '2025-01-26', granularity: 'week' })).toEqual([
      cr('2024-12-30', 0, 1, 1, true),
      cr('2024-12-30', 1, 1, 1, true),
      cr('2024-12-30', 2, 1, 0, true),
      cr('2024-12-30', 3, 1, 0, true),
      cr('2025-01-06', 0, 5, 5, true),
      cr('2025-01-06', 1, 5, 1, true),
      cr('2025-01-06', 2, 5, 1, true),
    ]);
    // as_of Wednesday 01-22: the week of 01-20 is there but incomplete
    expect(await rows(t().db, 'cohort_retention', { from: '2025-01-05', to: '2025-01-12', tz: 'UTC', as_of: '2025-01-22', granularity: 'week' })).toEqual([
      cr('2024-12-30', 0, 1, 1, true),
      cr('2024-12-30', 1, 1, 1, true),
      cr('2024-12-30', 2, 1, 0, true),
      cr('2024-12-30', 3, 1, 0, false),
      cr('2025-01-06', 0, 5, 5, true),
      cr('2025-01-06', 1, 5, 1, true),
      cr('2025-01-06', 2, 5, 1, false),
    ]);
  });

  it('cohort_retention by day', async () => {
    // 01-06: u1 u2; k1 01-07 u1; k2 01-08 u2; k3 01-09 none. 01-07: u3, nothing after.
    expect(await rows(t().db, 'cohort_retention', { from: '2025-01-06', to: '2025-01-07', tz: 'UTC', as_of: '2025-01-09', granularity: 'day' })).toEqual([
      cr('2025-01-06', 0, 2, 2, true),
      cr('2025-01-06', 1, 2, 1, true),
      cr('2025-01-06', 2, 2, 1, true),
      cr('2025-01-06', 3, 2, 0, true),
      cr('2025-01-07', 0, 1, 1, true),
      cr('2025-01-07', 1, 1, 0, true),
      cr('2025-01-07', 2, 1, 0, true),
    ]);
  });

  it('cohort_retention by month across the year end, in three zones', async () => {
    const q = (tz: string) =>
      rows(t().db, 'cohort_retention', { from: '2024-12-01', to: '2025-01-31', tz, as_of: '2025-02-15', granularity: 'month' });
    // UTC: Dec {u9 u10}: Jan u9; Feb u9 u10 (Feb ends after as_of). Jan {u11 u1 u2 u3 u5 u7 u8}: nobody in Feb.
    expect(await q('UTC')).toEqual([
      cr('2024-12-01', 0, 2, 2, true),
      cr('2024-12-01', 1, 2, 1, true),
      cr('2024-12-01', 2, 2, 2, false),
      cr('2025-01-01', 0, 7, 7, true),
      cr('2025-01-01', 1, 7, 0, false),
    ]);
    // Shanghai: u9 signs up on 01-01 local → Dec {u10}; Jan has 8, u9 active in Feb
    expect(await q('Asia/Shanghai')).toEqual([
      cr('2024-12-01', 0, 1, 1, true),
      cr('2024-12-01', 1, 1, 0, true),
      cr('2024-12-01', 2, 1, 1, false),
      cr('2025-01-01', 0, 8, 8, true),
      cr('2025-01-01', 1, 8, 1, false),
    ]);
    // New York: u11 signs up on 12-31 local → Dec {u9 u10 u11}: Jan u9 u11, Feb u9 u10
    const ny = await q('America/New_York');
    expect(ny.map((r) => [r.cohort, r.period, r.cohort_users, r.active_users, r.complete])).toEqual([
      ['2024-12-01', 0, 3, 3, true],
      ['2024-12-01', 1, 3, 2, true],
      ['2024-12-01', 2, 3, 2, false],
      ['2025-01-01', 0, 6, 6, true],
      ['2025-01-01', 1, 6, 0, false],
    ]);
    expect(ny[1]!.retention_rate as number).toBeCloseTo(2 / 3, 9);
  });

  it('known_at: a late batch carrying an earlier signup moves the signup day', async () => {
    const P = { from: '2025-04-01', to: '2025-04-02', tz: 'UTC', as_of: '2025-04-30' };
    const before = { ...P, known_at: '2025-04-05T00:00:00Z' };
    // known then: signup 04-02, the pv is on the signup day → not retained
    expect(await series(t().db, 'signups', 'signups', before)).toEqual({ '2025-04-01': 0, '2025-04-02': 1 });
    expect(await rows(t().db, 'retention', before)).toEqual([{ cohort_users: 1, retained_users: 0, retention_rate: 0 }]);
    // everything (and known_at exactly at the late batch): signup 04-01, the pv on 04-02 is day + 1
    for (const input of [P, { ...P, known_at: LATE }]) {
      expect(await series(t().db, 'signups', 'signups', input)).toEqual({ '2025-04-01': 1, '2025-04-02': 0 });
      expect(await rows(t().db, 'retention', input)).toEqual([{ cohort_users: 1, retained_users: 1, retention_rate: 1 }]);
      expect((await rows(t().db, 'day1_retention', input))[0]).toEqual(d1('2025-04-01', 1, 1, true));
    }
  });

  it('cohort_retention leaves out periods with no signups and periods after as_of', async () => {
    // window 01-10..01-11 holds no signups at all
    expect(await rows(t().db, 'cohort_retention', { from: '2025-01-10', to: '2025-01-11', tz: 'UTC', as_of: '2025-03-01', granularity: 'day' })).toEqual([]);
    // as_of = the cohort's own first day: only k = 0, complete because the day ends on as_of
    expect(await rows(t().db, 'cohort_retention', { from: '2025-01-12', to: '2025-01-12', tz: 'UTC', as_of: '2025-01-12', granularity: 'day' })).toEqual([
      cr('2025-01-12', 0, 1, 1, true),
    ]);
  });
});
