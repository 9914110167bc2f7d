import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { KEY, insertEvents, renderApp, tempDir } from './helpers.js';

let t: TestDb;
const dir = tempDir();
beforeAll(async () => {
  t = await createTestDb('embedded');
  await insertEvents(t.db);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('e exports CSV with a .meta.json sidecar, and JSON as one object, each carrying the SQL file, params and known_at', async () => {
  const ui = renderApp(t.db, { exportDir: dir, columns: 140 });
  await ui.waitFor('active_users by day');
  await ui.press('e');
  await ui.waitFor('Export dau (30 rows)');
  await ui.press('c');
  let f = await ui.waitFor('exported to');
  const csv = fs.readdirSync(dir).find((n) => n.endsWith('.csv'))!;
  expect(csv).toMatch(/^dau-\d{8}-\d{6}\.csv$/);
  expect(f).toContain(path.join(dir, csv));
  const lines = fs.readFileSync(path.join(dir, csv), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('day,active_users');
  expect(lines).toHaveLength(31);
  expect(lines[1]).toBe('2025-03-02,1');
  const meta = JSON.parse(fs.readFileSync(path.join(dir, csv.replace('.csv', '.meta.json')), 'utf8'));
  expect(meta.metric).toBe('dau');
  expect(meta.sql_file).toBe('sql/analytics/dau.sql');
  expect(meta.params.from).toBe('2025-03-02');
  expect(meta.known_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(meta.newest_event).toBe('2025-03-31T18:00:00.000Z');
  // every metric takes the signup event (SPEC §5), so the command names it and reruns exactly
  expect(meta.reproduce).toBe(`evtui metric dau --from 2025-03-02 --to 2025-03-31 --as-of 2025-03-31 --tz UTC --signup-event signup --known-at ${meta.known_at}`);

  // The churn browser's user list exports the same way.
  await ui.press(...Array(7).fill('j'), KEY.enter);
  await ui.waitFor(/soft_churn\s+1/);
  await ui.press('j', KEY.enter);
  await ui.waitFor('users 1–1 of 1');
  await ui.press('e');
  await ui.waitFor('Export churn_users (1 rows)');
  await ui.press('j');
  f = await ui.waitFor('exported to');
  const json = fs.readdirSync(dir).find((n) => n.startsWith('churn_users-soft_churn-') && n.endsWith('.json'))!;
  const doc = JSON.parse(fs.readFileSync(path.join(dir, json), 'utf8'));
  expect(Object.keys(doc)).toEqual(expect.arrayContaining(['metric', 'sql_file', 'params', 'known_at', 'rows']));
  expect(doc.params.status).toBe('soft_churn');
  expect(doc.rows).toEqual([{ user_id: 'u2', first_seen: '2025-03-10T08:00:00.000Z', last_seen: '2025-03-20T12:30:00.000Z', days_inactive: 11, events: 2 }]);
  ui.unmount();
});

it('Ctrl-E in the SQL console exports its result with the statement, when it ran and the command for every row', async () => {
  const sub = path.join(dir, 'sql');
  const ui = renderApp(t.db, { exportDir: sub, columns: 140 });
  await ui.waitFor('active_users by day');
  await ui.press(':');
  await ui.waitFor('SQL console');
  await ui.press('\x05'); // Ctrl-E before anything ran
  await ui.waitFor('nothing to export yet');
  expect(fs.existsSync(sub)).toBe(false);
  await ui.type("select user_id, count(*) as n from events where user_id <> 'it''s' group by 1 order by 1;");
  await ui.press(KEY.enter);
  await ui.waitFor(/│ u1\s+│/);
  await ui.press('\x05');
  await ui.waitFor('Export the SQL result (5 rows)');
  await ui.press('c');
  const f = await ui.waitFor('exported to');
  expect(f).toContain('SQL console'); // back in the console
  const csv = fs.readdirSync(sub).find((n) => n.endsWith('.csv'))!;
  expect(csv).toMatch(/^sql-\d{8}-\d{6}\.csv$/);
  expect(fs.readFileSync(path.join(sub, csv), 'utf8').trim().split('\n')).toEqual(['user_id,n', 'u1,3', 'u2,2', 'u3,3', 'u4,2', 'u5,1']);
  const meta = JSON.parse(fs.readFileSync(path.join(sub, csv.replace('.csv', '.meta.json')), 'utf8'));
  expect(meta.sql).toBe("select user_id, count(*) as n from events where user_id <> 'it''s' group by 1 order by 1");
  expect(meta.truncated).toBe(false);
  expect(meta.row_count).toBe(5);
  expect(Date.parse(meta.ran_at)).toBeGreaterThan(Date.now() - 60_000);
  expect(meta.reproduce).toBe(`evtui sql 'select user_id, count(*) as n from events where user_id <> '\\''it'\\'''\\''s'\\'' group by 1 order by 1' --format csv`);
  ui.unmount();
});
