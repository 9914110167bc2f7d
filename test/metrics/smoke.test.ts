import { expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { runMetric, dataSummary, metricSqlText } from '../../src/metrics/run.js';
import { describeEachDb } from '../helpers/db.js';
import { insertSmoke } from './smoke-data.js';

const W = { from: '2025-01-01', to: '2025-01-10', tz: 'UTC' };

describeEachDb('metrics smoke', (t) => {
  it('runs every metric on an empty database with the catalogue columns', async () => {
    for (const m of METRICS) {
      const r = await runMetric(t().db, m.name, { ...W, user_id: 'nobody', steps: ['signup', 'view'] });
      expect(r.columns, m.name).toEqual(m.columns.map((c) => c.name));
      expect(r.newestEvent).toBeNull();
    }
    expect((await runMetric(t().db, 'dau', W)).rows).toHaveLength(10);
    expect((await runMetric(t().db, 'churn', W)).rows).toEqual([
      { status: 'active', users: 0, share: null },
      { status: 'soft_churn', users: 0, share: null },
      { status: 'churned', users: 0, share: null },
      { status: 'hard_churn', users: 0, share: null },
    ]);
    expect((await runMetric(t().db, 'retention', W)).rows).toEqual([{ cohort_users: 0, retained_users: 0, retention_rate: null }]);
    expect((await runMetric(t().db, 'cohort_retention', W)).rows).toEqual([]);
  });

  it('defaults to the 30 days ending today when there are no events, and records known_at', async () => {
    const r = await runMetric(t().db, 'dau', {});
    expect(r.rows).toHaveLength(30);
    expect(r.params.to).toBe(new Date().toISOString().slice(0, 10));
    expect(r.params.known_at_given).toBe(false);
    expect(Math.abs(Date.parse(r.params.known_at) - Date.now())).toBeLessThan(60_000);
    expect(r.params.known_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('gives the hand-worked numbers on a small dataset', async () => {
    await insertSmoke(t().db);
    const run = async (name: string, extra = {}) => (await runMetric(t().db, name, { ...W, ...extra })).rows;
    const dau = await run('dau');
    expect(dau.map((r) => r.active_users)).toEqual([1, 2, 2, 0, 1, 0, 0, 0, 0, 1]);
    expect(dau[0]).toEqual({ day: '2025-01-01', active_users: 1 });
    expect((await run('signups')).map((r) => r.signups)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const ret = await run('retention');
    expect(ret[0]).toMatchObject({ cohort_users: 3, retained_users: 2 });
    expect(ret[0]!.retention_rate).toBeCloseTo(2 / 3, 10);
    const d1 = await run('day1_retention');
    expect(d1.slice(0, 3)).toEqual([
      { day: '2025-01-01', cohort_users: 1, retained_users: 1, retention_rate: 1, complete: true },
      { day: '2025-01-02', cohort_users: 1, retained_users: 1, retention_rate: 1, complete: true },
      { day: '2025-01-03', cohort_users: 1, retained_users: 0, retention_rate: 0, complete: true },
    ]);
    expect(d1[9]).toEqual({ day: '2025-01-10', cohort_users: 0, retained_users: 0, retention_rate: null, complete: false });
    expect(await run('cohort_retention')).toEqual([
      { cohort: '2024-12-30', period: 0, cohort_users: 3, active_users: 3, retention_rate: 1, complete: true },
      { cohort: '2024-12-30', period: 1, cohort_users: 3, active_users: 1, retention_rate: 1 / 3, complete: false },
    ]);
    const f = await run('funnel_activity');
    expect(f[0]).toEqual({ step: 1, name: 'signed_up', users: 3, conversion_rate: 1, median_seconds_to_convert: null, open_windows: null });
    expect(f[1]).toMatchObject({ step: 2, name: 'activated', users: 2, median_seconds_to_convert: (82800 + 5400) / 2, open_windows: 0 });
    expect((await run('funnel_activity', { as_of: '2025-01-05' }))[1]).toMatchObject({ users: 2, open_windows: 1 });
    expect((await run('funnel_day1'))[1]).toMatchObject({ name: 'active_day1', users: 2, open_windows: 0 });
    expect((await run('churn')).map((r) => [r.status, r.users, r.share])).toEqual([
      ['active', 2, 0.5],
      ['soft_churn', 2, 0.5],
      ['churned', 0, 0],
      ['hard_churn', 0, 0],
    ]);
    const soft = await run('churn_users', { status: 'soft_churn' });
    expect(soft.map((r) => [r.user_id, r.days_inactive, r.events])).toEqual([
      ['u2', 7, 2],
      ['u4', 7, 1],
    ]);
    expect(soft[0]!.first_seen).toEqual(new Date('2025-01-02T23:30:00Z'));
    expect(await run('churn_users', { status: 'soft_churn', limit: 1, offset: 1 })).toHaveLength(1);
    expect(await run('events_by_name')).toEqual([
      { event_name: 'view', events: 4, users: 3 },
      { event_name: 'signup', events: 3, users: 3 },
    ]);
    expect((await run('user_timeline', { user_id: 'u1' })).map((r) => r.event_name)).toEqual(['signup', 'view', 'view']);
    expect(await dataSummary(t().db)).toEqual({
      events: 7,
      users: 4,
      firstEvent: new Date('2025-01-01T10:00:00Z'),
      lastEvent: new Date('2025-01-10T00:00:00Z'),
    });
  });

  it('reads days in the time zone and defaults the window to the latest event', async () => {
    // in New York, u2's signup (23:30Z) and view (01:00Z) are both on Jan 2, and u4 signs up on Jan 2
    const r = await runMetric(t().db, 'day1_retention', { ...W, tz: 'america/new_york' });
    expect(r.params.tz).toBe('America/New_York');
    expect(r.rows.slice(0, 2)).toMatchObject([
      { day: '2025-01-01', cohort_users: 1, retained_users: 1 },
      { day: '2025-01-02', cohort_users: 2, retained_users: 0 },
    ]);
    const d = await runMetric(t().db, 'dau', {});
    expect([d.params.from, d.params.to, d.params.as_of]).toEqual(['2024-12-12', '2025-01-10', '2025-01-10']);
    expect(d.newestEvent).toEqual(new Date('2025-01-10T00:00:00Z'));
  });

  it('reproduces a report as known at known_at after a late batch', async () => {
    await t().db.query(
      `insert into events (event_id, event_name, event_time, user_id, ingested_at)
       values ('00000000-0000-4000-8000-000000000099', 'view', '2025-01-04T00:00:00Z', 'u4', '2025-01-20T00:00:00Z')`,
    );
    const now = await runMetric(t().db, 'retention', W);
    const then = await runMetric(t().db, 'retention', { ...W, known_at: '2025-01-15T00:00:00+01:00' });
    expect(now.rows[0]!.retained_users).toBe(3);
    expect(then.rows[0]!.retained_users).toBe(2);
    expect(then.params).toMatchObject({ known_at: '2025-01-14T23:00:00.000000Z', known_at_given: true });
  });

  it.each([
    [{ tz: 'Mars/Olympus_Mons' }, 'unknown time zone "Mars/Olympus_Mons"'],
    [{ from: '2025-02-30' }, 'from is not a calendar date'],
    [{ from: '01/02/2025' }, 'from must be a date as YYYY-MM-DD'],
    [{ from: '2025-02-01', to: '2025-01-01' }, 'from (2025-02-01) is after to (2025-01-01)'],
    [{ known_at: 'yesterday' }, 'known_at must be an ISO-8601 timestamp'],
  ])('refuses bad input %j with a usage error', async (input, msg) => {
    const err = await runMetric(t().db, 'dau', input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(msg);
  });

  it('validates metric-specific parameters', async () => {
    await expect(runMetric(t().db, 'funnel_activity', { window_days: 0 })).rejects.toThrow('window_days must be a positive whole number');
    await expect(runMetric(t().db, 'churn_users', { status: 'gone' as never })).rejects.toThrow('status must be one of');
    await expect(runMetric(t().db, 'cohort_retention', { granularity: 'year' as never })).rejects.toThrow('granularity must be day, week or month');
    await expect(runMetric(t().db, 'churn_users', { offset: -1 })).rejects.toThrow('offset must not be negative');
    await expect(runMetric(t().db, 'user_timeline', {})).rejects.toThrow('user_timeline needs a user_id');
    await expect(runMetric(t().db, 'nope', {})).rejects.toThrow(/unknown metric "nope"; the metrics are: dau, signups/);
  });

  it('shows the SQL file exactly as psql runs it', () => {
    expect(metricSqlText('churn')).toMatch(/^-- metric: churn\n/);
    expect(metricSqlText('churn')).toContain('\\ir defaults.psql');
  });
});
