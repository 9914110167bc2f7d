import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { KEY, insertEvents, renderApp } from './helpers.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('embedded');
  await insertEvents(t.db);
});
afterAll(async () => t?.close());

describe('parameters', () => {
  it('w: presets count back from the newest event; custom dates are validated with a clear message', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press('w');
    let f = await ui.waitFor('Date window');
    expect(f).toMatch(/last 7 days of data\s+2025-03-25 → 2025-03-31/);
    expect(f).toMatch(/all data\s+2025-02-01 → 2025-03-31/);
    await ui.press('k', 'k', KEY.enter); // from "last 30" up to "last 7"
    f = await ui.waitFor('dau 2025-03-25 → 2025-03-31 · as of 2025-03-31');
    await ui.waitFor('7 rows');
    await ui.press('w');
    await ui.waitFor('Date window');
    await ui.press('j', 'j', 'j', KEY.enter); // custom dates…
    await ui.waitFor('from:');
    await ui.type('2025-03-40');
    await ui.press(KEY.enter);
    await ui.type('2025-03-20');
    await ui.press(KEY.enter);
    f = await ui.waitFor('✗');
    expect(f).toContain('from 2025-03-40 is not a calendar date');
    await ui.press(KEY.tab, KEY.backspace, KEY.backspace);
    await ui.type('25');
    await ui.press(KEY.enter);
    f = await ui.waitFor('from 2025-03-25 is after to 2025-03-20');
    await ui.press(KEY.backspace, KEY.backspace);
    await ui.type('1x0'); // a field holds 10 characters: "2025-03-1x"
    await ui.press(KEY.enter);
    f = await ui.waitFor('from must be a date written YYYY-MM-DD (got "2025-03-1x")');
    await ui.press(KEY.backspace, KEY.backspace);
    await ui.type('10');
    await ui.press(KEY.enter);
    f = await ui.waitFor('dau 2025-03-10 → 2025-03-20 · as of 2025-03-20');
    await ui.waitFor('11 rows');
    ui.unmount();
  });

  it('a: as-of cuts what is seen; z: a time zone is validated, then moves days', async () => {
    const ui = renderApp(t.db);
    await ui.waitFor('active_users by day');
    await ui.press('a');
    await ui.waitFor('As-of date');
    await ui.type('2025-02-30');
    await ui.press(KEY.enter);
    await ui.waitFor('as-of 2025-02-30 is not a calendar date');
    await ui.press(KEY.backspace, KEY.backspace);
    await ui.type('15');
    await ui.press(KEY.enter);
    let f = await ui.waitFor('as of 2025-02-15');
    f = await ui.waitFor('newest event 2025-02-15 00:00:00Z');
    await ui.press('a');
    await ui.waitFor('As-of date');
    for (let i = 0; i < 10; i++) await ui.press(KEY.backspace);
    await ui.press(KEY.enter); // empty: back to the default
    await ui.waitFor('as of 2025-03-31');
    await ui.press('z');
    await ui.waitFor('Time zone');
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace);
    await ui.type('Mars/Olympus');
    await ui.press(KEY.enter);
    f = await ui.waitFor('unknown time zone "Mars/Olympus"');
    await ui.press(KEY.esc);
    await ui.waitFor('active_users by day');
    await ui.press('z');
    await ui.waitFor('Time zone');
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace);
    await ui.type('Asia/Tokyo');
    await ui.press(KEY.enter);
    // 2025-03-31T18:00Z is April 1st in Tokyo: the default window moves with it.
    f = await ui.waitFor('dau 2025-03-03 → 2025-04-01 · as of 2025-04-01 · tz Asia/Tokyo');
    expect(f).toContain('tz Asia/Tokyo · signup event');
    ui.unmount();
  });

  it('d sets window days, only where the metric takes it', async () => {
    const ui = renderApp(t.db, { columns: 140 });
    await ui.waitFor('active_users by day');
    await ui.press('d'); // dau takes no window days: nothing happens
    await ui.press('j', 'j', 'j', 'j', 'j', KEY.enter);
    let f = await ui.waitFor('median time to convert');
    expect(f).toMatch(/2 activated\s+1\s+50\.0%/);
    await ui.press('d');
    await ui.waitFor('Activation window (days)');
    await ui.type('0');
    await ui.press(KEY.enter);
    await ui.waitFor('window days must be a whole number from 1 to 365 (got "0")');
    await ui.press(KEY.backspace);
    await ui.type('14');
    await ui.press(KEY.enter);
    f = await ui.waitFor('window 14 d');
    f = await ui.waitFor(/2 activated\s+2\s+100\.0%/);
    ui.unmount();
  });
});
