import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows, series } from './fixtures-db.js';

/*
 * A day that begins twice. The Azores leave summer time (UTC+0) for UTC-1 on
 * 2025-10-26 at 01:00Z: the local clock goes from 01:00 back to 00:00, so the
 * hour 00:00-01:00 of local 10-26 happens twice, 00:00Z-01:00Z and again
 * 01:00Z-02:00Z. Local 10-26 starts at its first midnight, 00:00Z; a plain
 * `timestamp at time zone` takes the second one, 01:00Z, and would put the
 * first hour of the day on the day before.
 *
 *   user  event      event_time (Z)   local (Atlantic/Azores)
 *   u1    signup     10-25 12:00      10-25 12:00
 *   u1    page_view  10-26 00:30      10-26 00:30, the first pass
 *   u2    signup     10-25 13:00      10-25 13:00
 *   u2    page_view  10-25 23:59:59   10-25 23:59:59
 *   u3    page_view  10-26 01:30      10-26 00:30, the second pass
 */
const events = [
  ev('u1', 'signup', '2025-10-25T12:00:00Z'),
  ev('u1', 'page_view', '2025-10-26T00:30:00Z'),
  ev('u2', 'signup', '2025-10-25T13:00:00Z'),
  ev('u2', 'page_view', '2025-10-25T23:59:59Z'),
  ev('u3', 'page_view', '2025-10-26T01:30:00Z'),
];
const tz = 'Atlantic/Azores';

describeEachDb('metrics on a day that begins twice (Atlantic/Azores, 2025-10-26)', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, events);
  });

  it('dau: the first hour of 10-26 is 10-26', async () => {
    expect(await series(t().db, 'dau', 'active_users', { from: '2025-10-25', to: '2025-10-26', tz })).toEqual({ '2025-10-25': 2, '2025-10-26': 2 });
  });

  it('events_by_name: a window starting 10-26 holds both passes of its first hour; one ending 10-25 holds neither', async () => {
    const byName = async (input: Parameters<typeof rows>[2]) =>
      Object.fromEntries((await rows(t().db, 'events_by_name', input)).map((r) => [r.event_name, [r.events, r.users]]));
    expect(await byName({ from: '2025-10-26', to: '2025-10-26', tz })).toEqual({ page_view: [2, 2] });
    expect(await byName({ from: '2025-10-25', to: '2025-10-25', tz })).toEqual({ signup: [2, 2], page_view: [1, 1] });
  });

  it('retention, day1_retention, funnel_day1: u1 is active on the day after signing up, u2 only on the signup day', async () => {
    const w = { from: '2025-10-25', to: '2025-10-25', as_of: '2025-10-26', tz };
    expect(await rows(t().db, 'retention', w)).toEqual([{ cohort_users: 2, retained_users: 1, retention_rate: 0.5 }]);
    expect(await rows(t().db, 'day1_retention', w)).toEqual([{ day: '2025-10-25', cohort_users: 2, retained_users: 1, retention_rate: 0.5, complete: true }]);
    const f = await rows(t().db, 'funnel_day1', w);
    expect(f.map((r) => [r.name, r.users])).toEqual([
      ['signed_up', 2],
      ['active_day1', 1],
    ]);
  });

  it('churn_users as of 10-25 sees nothing of 10-26', async () => {
    const r = await rows(t().db, 'churn_users', { as_of: '2025-10-25', tz, status: 'active' });
    expect(r.map((x) => [x.user_id, (x.last_seen as Date).toISOString(), x.events])).toEqual([
      ['u1', '2025-10-25T12:00:00.000Z', 1],
      ['u2', '2025-10-25T23:59:59.000Z', 2],
    ]);
  });
});
