import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { KEY, renderApp, tempDir } from './helpers.js';

let t: TestDb;
const dir = tempDir();
beforeAll(async () => {
  t = await createTestDb('embedded');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('first run offers the demo; l loads a fixture with a summary; a missing path is one clear line; a JSONL file names its rejects file; metrics refresh', async () => {
  const ui = renderApp(t.db, { columns: 120 });
  let f = await ui.waitFor('This database has no events yet.');
  expect(f).toContain('saas-90d');
  await ui.press('l');
  f = await ui.waitFor('Load events');
  expect(f).toMatch(/churn-demo\s+18 events/);
  expect(f).toContain('a JSONL file…');
  await ui.press(KEY.enter); // churn-demo is first
  f = await ui.waitFor('✓ loaded in');
  expect(f).toContain('lines 18 · inserted 18 · duplicates 0 · conflicts 0 · rejected 0');
  expect(f).toContain('no conflicts or rejects');
  await ui.press(KEY.enter);
  f = await ui.waitFor('18 events · 4 users');
  await ui.waitFor('active_users by day');

  // Loading it again: every line a duplicate, nothing new.
  await ui.press('l');
  await ui.waitFor('Load events');
  await ui.press(KEY.enter);
  f = await ui.waitFor('✓ loaded in');
  expect(f).toContain('lines 18 · inserted 0 · duplicates 18');
  await ui.press(KEY.esc);
  await ui.waitFor('active_users by day');

  await ui.press('l');
  await ui.waitFor('Load events');
  await ui.press('j', 'j', KEY.enter);
  await ui.waitFor('JSONL file:');
  await ui.type('/nope/missing.jsonl');
  await ui.press(KEY.enter);
  await ui.waitFor('✗ no such file: /nope/missing.jsonl');
  for (let i = 0; i < 19; i++) await ui.press(KEY.backspace);
  const file = path.join(dir, 'two.jsonl');
  fs.writeFileSync(
    file,
    [
      '{"event_id":"aaaaaaaa-0000-4000-8000-000000000001","event_name":"signup","event_time":"2025-04-01T10:00:00Z","user_id":"zed"}',
      '{"event_id":"aaaaaaaa-0000-4000-8000-000000000002","event_name":"page_view","event_time":"2025-04-02T10:00:00Z","user_id":"zed"}',
      '{"event_id":"not-a-uuid","event_name":"x","event_time":"2025-04-02T10:00:00Z","user_id":"zed"}',
    ].join('\n') + '\n',
  );
  await ui.type(file);
  await ui.press(KEY.enter);
  f = await ui.waitFor('✓ loaded in');
  expect(f).toContain('lines 3 · inserted 2 · duplicates 0 · conflicts 0 · rejected 1');
  expect(f).toContain(`${file}.rejects.jsonl`);
  expect(fs.existsSync(`${file}.rejects.jsonl`)).toBe(true);
  await ui.press(KEY.enter);
  await ui.waitFor('20 events · 5 users');
  // The metric on screen was rerun: its newest event is the new one.
  await ui.waitFor('newest event 2025-04-02 10:00:00Z');
  ui.unmount();
});

it('--demo loads saas-90d at start, with live progress, then shows its metrics', async () => {
  const d = await createTestDb('embedded');
  try {
    const ui = renderApp(d.db, { demo: true });
    await ui.waitFor('loading saas-90d');
    const f = await ui.waitFor('✓ loaded in', 60_000);
    expect(f).toContain('lines 50,334 · inserted 50,334');
    // Live progress was drawn while it ran: a bar, the counts and the rate.
    expect(ui.frames.some((x) => /█+░*\s+\d+%/.test(x) && x.includes('events/s') && x.includes('inserted'))).toBe(true);
    await ui.press(KEY.enter);
    await ui.waitFor('50,334 events · 2,150 users');
    ui.unmount();
  } finally {
    await d.close();
  }
});
