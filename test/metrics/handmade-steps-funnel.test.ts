import { beforeAll, expect, it } from 'vitest';
import { runMetric } from '../../src/metrics/run.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, insertEvents, rows } from './fixtures-db.js';

/*
 * funnel signup → create → invite (UTC), entries 06-01..06-07, window 7 days, as_of 06-30.
 *   a  signup 06-01 00:00; create 06-03 00:00 (172800 s); invite 06-08 00:00, exactly 7×24 h after the entry (432000 s)
 *   b  signup 06-01 12:00; create 06-02 12:00 (86400 s); invite 06-08 12:00:00.001, 1 ms past the window
 *   c  create 06-01 (before the entry); signup 06-02 00:00; nothing after
 *   d  signup 06-03 00:00; create at the same instant (0 s); invite 06-03 01:00 (3600 s)
 *   e  signup 06-04 00:00; create 01:00 (3600 s); cancel 02:00; invite 03:00 (7200 s)
 *   f  signup 06-05 00:00; create 01:00 (3600 s); cancel 05:00, after the last step f reaches
 *   g  signup 05-31 23:00 (before from: no entry); create 06-01
 *   h  signup 06-07 23:00 (the last day); create 06-09 01:00, after to but inside the window (93600 s)
 * Without exclusions: step 1 a b c d e f h = 7; step 2 a b d e f h = 6; step 3 a d e = 3.
 *   step 2 seconds 0, 3600, 3600, 86400, 93600, 172800: median 45000, mean 60000
 *   step 3 seconds 3600, 7200, 432000: median 7200, mean 147600
 * Excluding cancel: e's entry is dropped (cancel before its last step); f's is not.
 *   step 1 a b c d f h = 6; step 2 a b d f h = 5 (0, 3600, 86400, 93600, 172800: median 86400, mean 71280);
 *   step 3 a d = 2 (3600, 432000: median and mean 217800)
 */
const threeSteps = [
  ev('a', 'signup', '2025-06-01T00:00:00Z'),
  ev('a', 'create', '2025-06-03T00:00:00Z'),
  ev('a', 'invite', '2025-06-08T00:00:00Z'),
  ev('b', 'signup', '2025-06-01T12:00:00Z'),
  ev('b', 'create', '2025-06-02T12:00:00Z'),
  ev('b', 'invite', '2025-06-08T12:00:00.001Z'),
  ev('c', 'create', '2025-06-01T10:00:00Z'),
  ev('c', 'signup', '2025-06-02T00:00:00Z'),
  ev('d', 'signup', '2025-06-03T00:00:00Z'),
  ev('d', 'create', '2025-06-03T00:00:00Z'),
  ev('d', 'invite', '2025-06-03T01:00:00Z'),
  ev('e', 'signup', '2025-06-04T00:00:00Z'),
  ev('e', 'create', '2025-06-04T01:00:00Z'),
  ev('e', 'cancel', '2025-06-04T02:00:00Z'),
  ev('e', 'invite', '2025-06-04T03:00:00Z'),
  ev('f', 'signup', '2025-06-05T00:00:00Z'),
  ev('f', 'create', '2025-06-05T01:00:00Z'),
  ev('f', 'cancel', '2025-06-05T05:00:00Z'),
  ev('g', 'signup', '2025-05-31T23:00:00Z'),
  ev('g', 'create', '2025-06-01T00:00:00Z'),
  ev('h', 'signup', '2025-06-07T23:00:00Z'),
  ev('h', 'create', '2025-06-09T01:00:00Z'),
];

/*
 * funnel page_view → purchase → page_view (a repeated name), window 1 day, entries 06-01..06-07.
 *   p  pv 06-01 10:00 (no purchase within a day: reaches 1); pv 06-03 10:00, purchase 11:00, pv 12:00:
 *      the later entry reaches 3 (3600 s, 3600 s) and counts
 *   q  pv and purchase both 06-01 10:00: step 2 at the entry's instant (0 s); the entry's own
 *      page_view is used, so step 3 is not reached
 *   r  two page_views and a purchase, all 06-01 10:00: reaches 3 (0 s, 0 s) with the second page_view
 *   s  pv 06-01 10:00; pv 06-02 09:00; purchase 06-02 10:00 (exactly 24 h after the first entry);
 *      pv 06-02 11:00: the first entry reaches 2, the second reaches 3 (3600 s, 3600 s) and counts
 *   t  pv 06-01 10:00; pv 11:00; purchase 12:00: both entries reach 2; the earlier counts (7200 s)
 * step 1 p q r s t = 5; step 2 the same 5 (0, 0, 3600, 3600, 7200: median 3600, mean 2880);
 * step 3 p r s = 3 (0, 3600, 3600: median 3600, mean 2400)
 */
const repeated = [
  ev('p', 'page_view', '2025-06-01T10:00:00Z'),
  ev('p', 'page_view', '2025-06-03T10:00:00Z'),
  ev('p', 'purchase', '2025-06-03T11:00:00Z'),
  ev('p', 'page_view', '2025-06-03T12:00:00Z'),
  ev('q', 'page_view', '2025-06-01T10:00:00Z'),
  ev('q', 'purchase', '2025-06-01T10:00:00Z'),
  ev('r', 'page_view', '2025-06-01T10:00:00Z'),
  ev('r', 'page_view', '2025-06-01T10:00:00Z'),
  ev('r', 'purchase', '2025-06-01T10:00:00Z'),
  ev('s', 'page_view', '2025-06-01T10:00:00Z'),
  ev('s', 'page_view', '2025-06-02T09:00:00Z'),
  ev('s', 'purchase', '2025-06-02T10:00:00Z'),
  ev('s', 'page_view', '2025-06-02T11:00:00Z'),
  ev('t', 'page_view', '2025-06-01T10:00:00Z'),
  ev('t', 'page_view', '2025-06-01T11:00:00Z'),
  ev('t', 'purchase', '2025-06-01T12:00:00Z'),
];

const step = (n: number, name: string, users: number, conversion: number | null, overall: number | null, median: number | null, avg: number | null) => ({
  step: n, name, users, conversion_rate: conversion, overall_rate: overall, median_seconds_to_convert: median, avg_seconds_to_convert: avg,
});

describeEachDb('hand-made funnel over named steps', (t) => {
  beforeAll(async () => {
    await insertEvents(t().db, [...threeSteps, ...repeated]);
  });
  const W = { from: '2025-06-01', to: '2025-06-07', as_of: '2025-06-30', tz: 'UTC' };
  const funnel = (input: Record<string, unknown>) => rows(t().db, 'funnel', { ...W, ...input });

  it('the window boundary instant counts, 1 ms later does not; an entry on the last day reaches past to', async () => {
    expect(await funnel({ steps: ['signup', 'create', 'invite'] })).toEqual([
      step(1, 'signup', 7, 1, 1, null, null),
      step(2, 'create', 6, 6 / 7, 6 / 7, 45000, 60000),
      step(3, 'invite', 3, 0.5, 3 / 7, 7200, 147600),
    ]);
  });

  it('an exclusion before the last step reached drops the entry; one after it does not', async () => {
    expect(await funnel({ steps: 'signup,create,invite', exclude: ['cancel'] })).toEqual([
      step(1, 'signup', 6, 1, 1, null, null),
      step(2, 'create', 5, 5 / 6, 5 / 6, 86400, 71280),
      step(3, 'invite', 2, 0.4, 2 / 6, 217800, 217800),
    ]);
  });

  it('a repeated name: no event is used twice; the entry reaching furthest counts, the earliest on ties', async () => {
    expect(await funnel({ steps: ['page_view', 'purchase', 'page_view'], window_days: 1 })).toEqual([
      step(1, 'page_view', 5, 1, 1, null, null),
      step(2, 'purchase', 5, 1, 1, 3600, 2880),
      step(3, 'page_view', 3, 0.6, 0.6, 3600, 2400),
    ]);
  });

  it('as_of cuts the steps: nothing after it is reached', async () => {
    // as_of 06-07: a's invite (06-08) and h's create (06-09) are not seen
    const r = await funnel({ steps: ['signup', 'create', 'invite'], as_of: '2025-06-07' });
    expect(r.map((x) => x.users)).toEqual([7, 5, 2]);
  });

  it('a step no one has yields zeros; no entry gives null rates', async () => {
    expect(await funnel({ steps: ['signup', 'no_such_event'] })).toEqual([
      step(1, 'signup', 7, 1, 1, null, null),
      step(2, 'no_such_event', 0, 0, 0, null, null),
    ]);
    expect(await funnel({ steps: ['no_such_event', 'signup'] })).toEqual([
      step(1, 'no_such_event', 0, null, null, null, null),
      step(2, 'signup', 0, null, null, null, null),
    ]);
  });

  it('steps must be 2 to 10 event names', async () => {
    await expect(runMetric(t().db, 'funnel', { ...W, steps: ['signup'] })).rejects.toThrow(/steps must name 2 to 10 events/);
    const eleven = Array.from({ length: 11 }, (_, i) => `e${i}`);
    await expect(runMetric(t().db, 'funnel', { ...W, steps: eleven })).rejects.toThrow(/steps must name 2 to 10 events/);
    await expect(runMetric(t().db, 'funnel', { ...W, steps: ['signup', 'x'.repeat(129)] })).rejects.toThrow(/longer than 128/);
    await expect(runMetric(t().db, 'funnel', W)).rejects.toThrow(/funnel needs --steps/);
  });
});
