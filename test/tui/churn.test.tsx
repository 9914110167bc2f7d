import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { EVENTS, KEY, insertEvents, renderApp } from './helpers.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('embedded');
  await insertEvents(t.db);
});
afterAll(async () => t?.close());

const churnIndex = 7; // dau, signups, retention, day1_retention, cohort_retention, funnel_activity, funnel_day1, churn

describe('churn browser', () => {
  it('segments → users → timeline, Esc back one level at a time keeping the cursor', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press(...Array(churnIndex).fill('j'), KEY.enter);
    let f = await ui.waitFor(/soft_churn\s+1\s+20\.0%/);
    expect(f).toMatch(/active\s+2\s+40\.0%/);
    expect(f).toMatch(/churned\s+1\s+20\.0%/);
    expect(f).toMatch(/hard_churn\s+1\s+20\.0%/);
    await ui.press('j', KEY.enter);
    f = await ui.waitFor('churn › soft_churn');
    f = await ui.waitFor('users 1–1 of 1');
    expect(f).toMatch(/▸ u2\s+│ 2025-03-10 08:00:00Z │ 2025-03-20 12:30:00Z │\s+11 │\s+2 │/);
    await ui.press(KEY.enter);
    f = await ui.waitFor('churn › soft_churn › user u2');
    f = await ui.waitFor('report_run');
    expect(f).toContain('{"report":"weekly"}');
    expect(f).toContain('2025-03-10 08:00:00Z');
    // Every column has a header; the timestamps are whole.
    expect(f).toMatch(/│ event_time\s+│ event_name │ properties\s+│ ingested_at\s+│/);
    expect(f).toMatch(/│ 2025-03-20 12:30:00Z │ report_run │ \{"report":"weekly"\} │ \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ │/);
    // Enter on an event shows every field whole, the id included; Esc goes back to the timeline.
    await ui.press('j', KEY.enter);
    f = await ui.waitFor('event 2 of 2');
    expect(f).toMatch(/event_id\s+00000000-0000-4000-8000-000000000005/);
    expect(f).toMatch(/properties\s+\{\n\s+"report": "weekly"\n\s+\}/);
    await ui.press(KEY.esc);
    f = await ui.waitFor((x) => x.includes('› user u2') && !x.includes('event 2 of 2'));
    expect(f).toMatch(/▸ 2025-03-20 12:30:00Z │ report_run/);
    await ui.press(KEY.esc);
    f = await ui.waitFor((x) => x.includes('users 1–1 of 1') && !x.includes('› user'));
    await ui.press(KEY.esc);
    f = await ui.waitFor((x) => !x.includes('›') && x.includes('hard_churn'));
    // The cursor stayed on soft_churn: Enter opens it again.
    await ui.press(KEY.enter);
    await ui.waitFor('churn › soft_churn');
    await ui.press(KEY.esc);
    await ui.waitFor((x) => !x.includes('›'));
    await ui.press(KEY.esc);
    await ui.waitFor('active_users by day');
    ui.unmount();
  });

  it('a quick double Esc (one ESC ESC sequence) from a timeline goes back two levels, to the segments', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press(...Array(churnIndex).fill('j'), KEY.enter);
    await ui.waitFor(/soft_churn\s+1\s+20\.0%/);
    await ui.press('j', KEY.enter);
    await ui.waitFor('users 1–1 of 1');
    await ui.press(KEY.enter);
    await ui.waitFor('report_run');
    await ui.press(KEY.esc + KEY.esc);
    const f = await ui.waitFor((x) => !x.includes('›') && x.includes('hard_churn'));
    expect(f).not.toContain('users 1–1 of 1');
    ui.unmount();
  });

});

describe('churn browser paging', () => {
  let p: TestDb;
  const extraUsers = Array.from({ length: 30 }, (_, i) => `u${10 + i}`);
  beforeAll(async () => {
    p = await createTestDb('embedded');
    // 32 active users: u1, u5 and u10..u39 with an event the day before the last.
    const extra = extraUsers.map((u): [string, string, string, Record<string, unknown>] => [u, 'page_view', '2025-03-30T12:00:00Z', {}]);
    await insertEvents(p.db, [...EVENTS, ...extra]);
  });
  afterAll(async () => p?.close());

  it('pages a segment longer than the screen: every user exactly once, sorted by days inactive then user', async () => {
    const ui = renderApp(p.db, { columns: 100, rows: 24 }); // room for 15 users a page
    await ui.waitFor('active_users by day');
    await ui.press(...Array(churnIndex).fill('j'), KEY.enter);
    await ui.waitFor(/active\s+32/);
    await ui.press(KEY.enter);
    const seen: string[] = [];
    const grab = (f: string) => seen.push(...[...f.matchAll(/[│▸] (u\d+)\s/g)].map((m) => m[1]!));
    grab(await ui.waitFor('users 1–15 of 32'));
    await ui.press(KEY.pageDown);
    grab(await ui.waitFor('users 16–30 of 32'));
    await ui.press(KEY.right);
    grab(await ui.waitFor('users 31–32 of 32'));
    await ui.press(KEY.pageDown); // past the end: stays
    await ui.waitFor('users 31–32 of 32');
    // days inactive: u1 0; u10..u39 1; u5 6 — then by user id.
    expect(seen).toEqual(['u1', ...extraUsers, 'u5']);
    await ui.press(KEY.pageUp);
    await ui.waitFor('users 16–30 of 32');
    ui.unmount();
  });
});
