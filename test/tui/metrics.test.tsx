import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { KEY, insertEvents, renderApp } from './helpers.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('embedded');
  await insertEvents(t.db);
});
afterAll(async () => t?.close());

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

describe('metrics screen', () => {
  it('shows where the data lives, the counts and span, the list, and dau with its chart, run time and newest event', async () => {
    const ui = renderApp(t.db);
    const f = await ui.waitFor('newest event 2025-03-31 18:00:00Z');
    expect(f).toContain('embedded database in memory');
    expect(f).toContain('11 events · 5 users · 2025-02-01 → 2025-03-31 · tz UTC · signup event “signup”');
    for (const m of ['dau', 'signups', 'retention', 'day1_retention', 'cohort_retention', 'funnel_activity', 'funnel_day1', 'churn', 'churn_users', 'events_by_name']) expect(f).toContain(m);
    expect(f).not.toContain('user_timeline');
    expect(f).toContain('dau 2025-03-02 → 2025-03-31 · as of 2025-03-31 · tz UTC');
    // The chart spans the series' range, named in words and on its axis, with dates under it.
    expect(f).toContain('active_users by day · min 0 on 2025-03-03 · max 1 on 2025-03-02');
    expect(f).toMatch(/ 1│██ {4}████/);
    expect(f).toMatch(/ 0│██▁▁▁▁████/);
    expect(f).toMatch(/2025-03-02 {5,}2025-03-16 {5,}2025-03-31/);
    expect(f).toMatch(/│ 2025-03-02 │\s+1 │/);
    expect(f).toContain('30 rows');
    expect(f).toContain('q quit');
    ui.unmount();
  });

  it('moves with j/k and arrows, opens with Enter, scrolls with PgDn and G', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press('j', KEY.enter);
    let f = await ui.waitFor('signups by day');
    expect(f).toMatch(/│ 2025-03-05 │\s+1 │/);
    expect(f).not.toContain('2025-03-31 │');
    await ui.press('G');
    f = await ui.waitFor(/│ 2025-03-31 │\s+0 │/);
    await ui.press('g');
    f = await ui.waitFor((x) => !x.includes('2025-03-31 │'));
    await ui.press(KEY.pageDown);
    f = await ui.waitFor((x) => !x.includes('signups by day'));
    await ui.press(KEY.down, 'k', KEY.down, KEY.down, KEY.enter); // day1_retention? no: retention, then day1
    f = await ui.waitFor('retention_rate by day');
    expect(f).toContain('day1_retention 2025-03-02 → 2025-03-31');
    ui.unmount();
  });

  it('renders the cohort matrix with incomplete cells marked, the funnel with conversion and median time', async () => {
    const ui = renderApp(t.db, { columns: 120, rows: 40 });
    await ui.waitFor('active_users by day');
    await ui.press('j', 'j', 'j', 'j', KEY.enter);
    let f = await ui.waitFor('period not complete');
    expect(f).toContain('cohort_retention 2025-03-02 → 2025-03-31 · as of 2025-03-31 · tz UTC · by week');
    // Cohort of week 2025-03-03: u3 (03-05) and u2 (03-10 is the next week) → 1 user; 100% at period 0.
    expect(f).toMatch(/2025-03-03\s*│\s*1\s*│\s*100\.0%/);
    expect(f).toMatch(/\*/);
    await ui.press('c');
    f = await ui.waitFor('by month');
    await ui.press('j', KEY.enter);
    f = await ui.waitFor('median time to convert');
    // signed up in the window: u2, u3 → 2; both active within 7 days? u3 (day+1) yes, u2 (10 days later) no.
    expect(f).toMatch(/1 signed_up\s+2\s+100\.0%/);
    expect(f).toMatch(/2 activated\s+1\s+50\.0%/);
    expect(f).toContain('median time to convert 24h 00m');
    expect(f).toContain('window 7 d');
    ui.unmount();
  });

  it('pans the cohort matrix with ←/→ when its periods do not fit the pane', async () => {
    const ui = renderApp(t.db, { columns: 120, rows: 40 });
    await ui.waitFor('active_users by day');
    await ui.press('j', 'j', 'j', 'j', KEY.enter);
    await ui.waitFor('by week');
    await ui.press('c', 'c');
    let f = await ui.waitFor('by day');
    f = await ui.waitFor(/periods 0–\d+ of 0–\d+ shown/);
    expect(f).toContain('←→ periods');
    const [, shown, last] = /periods 0–(\d+) of 0–(\d+)/.exec(f)!.map(Number);
    // Cohorts 03-05 (u3) and 03-10 (u2), seen through 03-31: periods 0–26.
    expect(last).toBe(26);
    await ui.press(KEY.right, KEY.right);
    f = await ui.waitFor(`periods 2–${shown! + 2} of 0–26 shown`);
    // The header moved with it: the first period column is now 2, the cohort and size columns stay.
    expect(f).toMatch(/cohort\s*│\s*users\s*│\s*2\s*│\s*3\s*│/);
    await ui.press(KEY.left, KEY.left, KEY.left);
    await ui.waitFor(`periods 0–${shown} of 0–26 shown`);
    ui.unmount();
  });

  it('fits 80x24', async () => {
    const ui = renderApp(t.db, { columns: 80, rows: 24 });
    const f = (await ui.waitFor('active_users by day')).replace(ANSI, '');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[lines.length - 1]).toContain('? help');
    ui.unmount();
  });

  it('? shows every key from the key table; Esc closes it', async () => {
    const ui = renderApp(t.db, { rows: 60 });
    await ui.waitFor('active_users by day');
    await ui.press('?');
    const f = await ui.waitFor('Keys');
    for (const s of ['date window: last 7/14/30/90 days', 'reporting time zone', 'open the read-only SQL console', 'load a shipped fixture', 'export the result to CSV or JSON', 'show the SQL file']) expect(f).toContain(s);
    await ui.press(KEY.esc);
    await ui.waitFor('active_users by day');
    ui.unmount();
  });

  it('s shows the SQL file and the bound parameters', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press('s');
    const f = await ui.waitFor('SQL file');
    expect(f).toContain('sql/analytics/dau.sql');
    expect(f).toMatch(/from\s+2025-03-02/);
    expect(f).toMatch(/known_at\s+20\d\d-/);
    expect(f).toContain('reproduce  evtui metric dau --from 2025-03-02 --to 2025-03-31 --as-of 2025-03-31 --tz UTC');
    await ui.press(KEY.esc);
    await ui.waitFor('active_users by day');
    ui.unmount();
  });
});
