import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/db.js';
import { KEY, insertEvents, renderApp } from './helpers.js';

describeEachDb('SQL console', (t, kind) => {
  beforeAll(async () => insertEvents(t().db));

  it('runs a statement ending in ; on Enter, multi-line, with history; errors inline; read-only; Esc leaves', async () => {
    const ui = renderApp(t().db);
    await ui.waitFor('active_users by day');
    await ui.press(':');
    await ui.waitFor('SQL console');
    await ui.type('select count(*) as n');
    await ui.press(KEY.enter); // no ; yet: a new line
    await ui.type('from events;');
    let f = await ui.waitFor('...> from events;');
    await ui.press(KEY.enter);
    f = await ui.waitFor(/│\s+11 │/);
    expect(f).toContain('1 row');
    await ui.type('select nope from events;');
    await ui.press(KEY.enter);
    f = await ui.waitFor('✗');
    expect(f).toMatch(/column "nope" does not exist/);
    await ui.type('delete from events;');
    await ui.press(KEY.enter);
    f = await ui.waitFor(/✗ .*(read-only|append-only)/);
    // History: ↑ brings back the last statement, ↑ again the one before.
    await ui.press(KEY.up, KEY.up);
    f = await ui.waitFor('sql> select nope from events;');
    await ui.press('\x15'); // Ctrl-U clears
    await ui.type('select user_id from events order by 1 limit 2');
    await ui.press(KEY.ctrlJ); // runs without a ;
    f = await ui.waitFor(/2 rows/);
    expect(f).toMatch(/│ u1\s+│/);
    await ui.type('select 7 as seven');
    await ui.press(KEY.altEnter);
    f = await ui.waitFor(/│\s+7 │/);
    await ui.press(KEY.esc);
    await ui.waitFor('active_users by day');
    ui.unmount();
  });

  it.skipIf(kind === 'embedded')('Ctrl-C cancels a running query on the server and the connection stays usable', async () => {
    const ui = renderApp(t().db);
    await ui.waitFor('active_users by day');
    await ui.press(':');
    await ui.waitFor('SQL console');
    await ui.type('select pg_sleep(30);');
    await ui.press(KEY.enter);
    // Give the statement time to reach the server (a cancel before it has a backend has nothing to cancel).
    await ui.waitFor(/Ctrl-C cancels\) [1-9]\.\ds/);
    await ui.press(KEY.ctrlC);
    const f = await ui.waitFor('✗', 5000);
    expect(f).toContain('query cancelled');
    await ui.type('select 42 as answer;');
    await ui.press(KEY.enter);
    await ui.waitFor(/│\s+42 │/);
    expect(ui.quits()).toBe(0);
    ui.unmount();
  });

  it('cuts a long result with "first N rows" and leaks no setting into the next query', async () => {
    const ui = renderApp(t().db);
    await ui.waitFor('active_users by day');
    await ui.press(':');
    await ui.waitFor('SQL console');
    await ui.type('(select g from generate_series(1, 50000) g);');
    await ui.press(KEY.enter);
    await ui.waitFor('first 1000 rows (the result has more)');
    await ui.type(`select set_config('datestyle', 'SQL, DMY', false) as d;`);
    await ui.press(KEY.enter);
    await ui.waitFor('SQL, DMY');
    await ui.type(`select current_setting('datestyle') as now_set, date '2025-03-09' as d;`);
    await ui.press(KEY.enter);
    const f = await ui.waitFor(/ISO, MDY/);
    expect(f).toContain('2025-03-09');
    ui.unmount();
  });

  it.skipIf(kind === 'embedded')('shows a lost connection as a message, keeps the console, and the next query reconnects', async () => {
    const ui = renderApp(t().db);
    await ui.waitFor('active_users by day');
    await ui.press(':');
    await ui.waitFor('SQL console');
    await ui.type(`select pg_sleep(30), 'evtui_t_ui_lost' as tag;`);
    await ui.press(KEY.enter);
    await ui.waitFor(/Ctrl-C cancels\) [1-9]\.\ds/);
    const admin = new pg.Client({ connectionString: t().cliArgs[1] });
    await admin.connect();
    // the statement travels as a parameter of evtui_console_rows
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like '%evtui_console_rows%' and pid <> pg_backend_pid()`);
    await admin.end();
    const f = await ui.waitFor('✗', 5000);
    expect(f).toContain('lost the connection to PostgreSQL');
    await ui.press(KEY.up);
    await ui.waitFor(`sql> select pg_sleep(30), 'evtui_t_ui_lost' as tag;`);
    await ui.press('\x15');
    await ui.type('select 43 as answer;');
    await ui.press(KEY.enter);
    await ui.waitFor(/│\s+43 │/);
    expect(ui.quits()).toBe(0);
    ui.unmount();
  });
});
