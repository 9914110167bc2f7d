import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/*
 * Funnel fixtures (UTC). Seconds from the earliest signup to the first activity after it:
 *   f1  signup 06-01 00:00;     pv 06-08 00:00:00 = exactly 7×24 h → 604800 s (boundary counts)
 *   f2  signup 06-01 12:00;     pv 06-08 12:00:00.001 = 7×24 h + 1 ms (too late for 7 days) → 604800.001 s
 *   f3  pv 06-01 08:00 (before signup); signup 06-02 08:00; pv 06-02 09:00 → 3600 s; pv 06-03 08:00
 *   f4  signup 06-03 00:00;     pv 06-05 00:00 → 172800 s
 *   f5  signup 06-03 12:00; signup again 06-04 12:00; pv 06-04 12:00:00.5 → 86400.5 s from the first signup
 *   f6  no signup; pv 06-02 (not in any funnel)
 *   f7  signup 06-06 10:00; nothing else (7-day window ends 06-13 10:00)
 *   f8  signup 06-07 23:00; nothing else (window ends 06-14 23:00)
 *   f9  signup 06-20 10:00 and a pv at the very same instant (not *after* the signup)
 */
const funnelData = [
  ev('f1', 'signup', '2025-06-01T00:00:00Z'),
  ev('f1', 'page_view', '2025-06-08T00:00:00Z'),
  ev('f2', 'signup', '2025-06-01T12:00:00Z'),
  ev('f2', 'page_view', '2025-06-08T12:00:00.001Z'),
  ev('f3', 'page_view', '2025-06-01T08:00:00Z'),
  ev('f3', 'signup', '2025-06-02T08:00:00Z'),
  ev('f3', 'page_view', '2025-06-02T09:00:00Z'),
  ev('f3', 'page_view', '2025-06-03T08:00:00Z'),
  ev('f4', 'signup', '2025-06-03T00:00:00Z'),
  ev('f4', 'page_view', '2025-06-05T00:00:00Z'),
  ev('f5', 'signup', '2025-06-03T12:00:00Z'),
  ev('f5', 'signup', '2025-06-04T12:00:00Z'),
  ev('f5', 'page_view', '2025-06-04T12:00:00.500Z'),
  ev('f6', 'page_view', '2025-06-02T10:00:00Z'),
  ev('f7', 'signup', '2025-06-06T10:00:00Z'),
  ev('f8', 'signup', '2025-06-07T23:00:00Z'),
  ev('f9', 'signup', '2025-06-20T10:00:00Z'),
  ev('f9', 'page_view', '2025-06-20T10:00:00Z'),
];

const WEEK = { from: '2025-06-01', to: '2025-06-07' };
const step1 = (users: number) => ({ step: 1, name: 'signed_up', users, conversion_rate: users ? 1 : null, median_seconds_to_convert: null });
const step2 = (name: string, users: number, of: number, median: number | null, open_windows: number) => ({
  step: 2,
  name,
  users,
  conversion_rate: of ? users / of : null,
  median_seconds_to_convert: median,
  open_windows,
});
/** Step 1's open_windows is not defined by the spec: compare everything else. */
function strip(r: Record<string, unknown>[]): Record<string, unknown>[] {
  return r.map((x, i) => {
    if (i > 0) return x;
    const { open_windows: _unspecified, ...rest } = x;
    return rest;
  });
}

describeEachDb('hand-made funnels', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, funnelData);
  });
  const fa = async (input: Record<string, unknown>) => strip(await rows(t().db, 'funnel_activity', { ...WEEK, tz: 'UTC', ...input }));
  const fd = async (input: Record<string, unknown>) => strip(await rows(t().db, 'funnel_day1', { ...WEEK, tz: 'UTC', ...input }));

  it('funnel_activity, 7 days: the boundary instant counts, 1 ms later does not; median of an even count', async () => {
    // step 1: f1 f2 f3 f4 f5 f7 f8 = 7. Converted f3 3600, f5 86400.5, f4 172800, f1 604800
    // median = (86400.5 + 172800) / 2 = 129600.25
    expect(await fa({ as_of: '2025-06-30' })).toEqual([step1(7), step2('activated', 4, 7, 129600.25, 0)]);
  });

  it('funnel_activity open_windows: unconverted users whose window ends after as_of', async () => {
    // as_of 06-10: f2's window closed 06-08 12:00 (drop-off); f7 (06-13) and f8 (06-14) still open
    expect(await fa({ as_of: '2025-06-10' })).toEqual([step1(7), step2('activated', 4, 7, 129600.25, 2)]);
  });

  it('funnel_activity with as_of on the day before a boundary conversion', async () => {
    // as_of 06-07 ends at 06-08 00:00Z: f1's pv at that instant is not seen yet, and f1's window
    // (ending at that very instant, on 06-08) is still open. Converted f3 f5 f4 → median 86400.5.
    // Open: f1 f2 f7 f8 = every unconverted user.
    expect(await fa({ as_of: '2025-06-07' })).toEqual([step1(7), step2('activated', 3, 7, 86400.5, 4)]);
  });

  it('funnel_activity with window_days 1 and 30', async () => {
    // 1 day: only f3 (3600); f5 misses by half a second
    expect(await fa({ as_of: '2025-06-30', window_days: 1 })).toEqual([step1(7), step2('activated', 1, 7, 3600, 0)]);
    // 30 days: f1 f2 f3 f4 f5 → median of 3600, 86400.5, 172800, 604800, 604800.001 = 172800;
    // f7 and f8 windows end 07-06 / 07-07, after as_of
    expect(await fa({ as_of: '2025-06-30', window_days: 30 })).toEqual([step1(7), step2('activated', 5, 7, 172800, 2)]);
  });

  it('funnel_activity in New York: step 1 is by local signup day', async () => {
    // f1's signup 06-01 00:00Z is 05-31 20:00 in New York: out. Converted f3 f4 f5 → median 86400.5
    expect(await fa({ as_of: '2025-06-30', tz: 'America/New_York' })).toEqual([step1(6), step2('activated', 3, 6, 86400.5, 0)]);
  });

  it('funnel_activity: an activity at the signup instant is not after it', async () => {
    expect(await fa({ from: '2025-06-20', to: '2025-06-20', as_of: '2025-07-31' })).toEqual([step1(1), step2('activated', 0, 1, null, 0)]);
  });

  it('funnel with nobody signed up: null rates and medians', async () => {
    expect(await fa({ from: '2025-07-01', to: '2025-07-02' })).toEqual([step1(0), step2('activated', 0, 0, null, 0)]);
    expect(await fd({ from: '2025-07-01', to: '2025-07-02' })).toEqual([step1(0), step2('active_day1', 0, 0, null, 0)]);
  });

  it('funnel_day1: an activity on signup day + 1', async () => {
    // f3 (06-02 → 06-03 08:00: 86400 s), f5 (06-03 → 06-04 12:00:00.5: 86400.5 s); median 86400.25
    expect(await fd({ as_of: '2025-06-30' })).toEqual([step1(7), step2('active_day1', 2, 7, 86400.25, 0)]);
    // as_of 06-07: only f8 (signed up 06-07) can still convert on 06-08
    expect(await fd({ as_of: '2025-06-07' })).toEqual([step1(7), step2('active_day1', 2, 7, 86400.25, 1)]);
  });

  it('open_windows is exactly the unconverted users with open windows (window_days 1..8, as_of 06-04..06-08)', async () => {
    // Each window end instant W = signup + d×24 h; open iff unconverted and W falls on a day after as_of.
    const signup: Record<string, number> = {
      f1: Date.parse('2025-06-01T00:00:00Z'),
      f2: Date.parse('2025-06-01T12:00:00Z'),
      f3: Date.parse('2025-06-02T08:00:00Z'),
      f4: Date.parse('2025-06-03T00:00:00Z'),
      f5: Date.parse('2025-06-03T12:00:00Z'),
      f7: Date.parse('2025-06-06T10:00:00Z'),
      f8: Date.parse('2025-06-07T23:00:00Z'),
    };
    const firstAfter: Record<string, number | undefined> = {
      f1: Date.parse('2025-06-08T00:00:00Z'),
      f2: Date.parse('2025-06-08T12:00:00.001Z'),
      f3: Date.parse('2025-06-02T09:00:00Z'),
      f4: Date.parse('2025-06-05T00:00:00Z'),
      f5: Date.parse('2025-06-04T12:00:00.500Z'),
    };
    for (let d = 1; d <= 8; d++) {
      for (const asOf of ['2025-06-04', '2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08']) {
        const end = Date.parse(`${asOf}T00:00:00Z`) + 86_400_000;
        let conv = 0;
        let open = 0;
        for (const u of Object.keys(signup)) {
          if (signup[u]! >= end) continue; // signup itself unseen
          const a = firstAfter[u];
          if (a !== undefined && a < end && a <= signup[u]! + d * 86_400_000) conv++;
          else if (signup[u]! + d * 86_400_000 >= end) open++;
        }
        const r = await fa({ as_of: asOf, window_days: d });
        expect([r[1]!.users, r[1]!.open_windows], `window_days ${d}, as_of ${asOf}`).toEqual([conv, open]);
      }
    }
  });
});

/*
 * A source that names its signup `user_signed_up` (times UTC, as_of 05-10):
 *   s1  user_signed_up 05-01 10:00; pv 05-02 10:00; signup 05-03 10:00
 *   s2  signup 05-01 12:00; user_signed_up 05-02 12:00
 *   s3  pv 05-01 09:00; user_signed_up 05-02 09:00
 * With the default `signup`, user_signed_up is just an activity; with `user_signed_up`, `signup` is.
 */
describeEachDb('hand-made non-default signup_event', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [
      ev('s1', 'user_signed_up', '2025-05-01T10:00:00Z'),
      ev('s1', 'page_view', '2025-05-02T10:00:00Z'),
      ev('s1', 'signup', '2025-05-03T10:00:00Z'),
      ev('s2', 'signup', '2025-05-01T12:00:00Z'),
      ev('s2', 'user_signed_up', '2025-05-02T12:00:00Z'),
      ev('s3', 'page_view', '2025-05-01T09:00:00Z'),
      ev('s3', 'user_signed_up', '2025-05-02T09:00:00Z'),
    ]);
  });
  const P = { from: '2025-05-01', to: '2025-05-03', tz: 'UTC', as_of: '2025-05-10' };
  const U = { ...P, signup_event: 'user_signed_up' };

  it('signups', async () => {
    expect(await series(t().db, 'signups', 'signups', P)).toEqual({ '2025-05-01': 1, '2025-05-02': 0, '2025-05-03': 1 });
    expect(await series(t().db, 'signups', 'signups', U)).toEqual({ '2025-05-01': 1, '2025-05-02': 2, '2025-05-03': 0 });
  });

  it('retention and day1_retention', async () => {
    // signup: s2 (05-01; its user_signed_up 05-02 is an activity ✓), s1 (05-03, nothing after) → 1/2
    expect(await rows(t().db, 'retention', P)).toEqual([{ cohort_users: 2, retained_users: 1, retention_rate: 0.5 }]);
    // user_signed_up: s1 (05-01; pv 05-02 ✓), s2 (05-02; its signup is before), s3 (05-02; pv before) → 1/3
    const r = await rows(t().db, 'retention', U);
    expect(r[0]).toMatchObject({ cohort_users: 3, retained_users: 1 });
    expect(r[0]!.retention_rate as number).toBeCloseTo(1 / 3, 9);
    expect(await rows(t().db, 'day1_retention', U)).toEqual([
      { day: '2025-05-01', cohort_users: 1, retained_users: 1, retention_rate: 1, complete: true },
      { day: '2025-05-02', cohort_users: 2, retained_users: 0, retention_rate: 0, complete: true },
      { day: '2025-05-03', cohort_users: 0, retained_users: 0, retention_rate: null, complete: true },
    ]);
  });

  it('funnel_activity', async () => {
    // signup: s2 → user_signed_up 24 h later ✓; s1 (05-03 10:00) nothing after; its window ends 05-10 10:00, on as_of: closed
    expect(strip(await rows(t().db, 'funnel_activity', P))).toEqual([step1(2), step2('activated', 1, 2, 86400, 0)]);
    // user_signed_up: s1 → pv 24 h later ✓; s2 and s3 nothing after
    expect(strip(await rows(t().db, 'funnel_activity', U))).toEqual([step1(3), step2('activated', 1, 3, 86400, 0)]);
  });
});
