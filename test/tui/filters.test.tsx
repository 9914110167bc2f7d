import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { PROPERTY_EVENTS } from '../metrics/property-events.js';
import { KEY, insertEvents, renderApp } from './helpers.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The body rows of the tables on screen, as cells (the metric list beside them cut off). */
function tableRows(frame: string): string[][] {
  return frame
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.slice(l.indexOf('│')))
    .filter((l) => l.startsWith('│'))
    .map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

function fits(frame: string, columns: number, rows: number) {
  const lines = frame.replace(ANSI, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
}

/** The metric list's order: j presses from dau to the named metric. */
const LIST = ['dau', 'signups', 'retention', 'day1_retention', 'cohort_retention', 'funnel_activity', 'funnel_day1', 'churn', 'churn_users', 'events_by_name', 'active_users', 'stickiness', 'lifecycle', 'funnel'];
const down = (name: string) => Array.from({ length: LIST.indexOf(name) }, () => 'j');

for (const kind of backends()) {
  describe(`filters, breakdowns and the funnel builder [${kind}]`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(kind);
      await insertEvents(t.db, PROPERTY_EVENTS);
    });
    afterAll(async () => t?.close());

    it('f adds a segment picked key → value from the data with counts; the caption, the rows and `s` carry it', async () => {
      const ui = renderApp(t.db, { rows: 60 });
      let f = await ui.waitFor('active_users by day');
      expect(f).toContain('f filter');
      expect(f).not.toContain('segment plan');
      expect(tableRows(f)).toContainEqual(['2025-03-10', '1']);
      await ui.press('f');
      f = await ui.waitFor('+ add a segment…');
      expect(f).toContain('no filters: every user and event counts');
      expect(f).toMatch(/▸ \+ add a segment…/);
      await ui.press(KEY.enter);
      f = await ui.waitFor(/plan\s+4 users · 2 values/);
      expect(f).toMatch(/seats\s+2 users · 2 values/);
      expect(f).toContain('from the signup events of 4 users');
      await ui.press(KEY.enter);
      f = await ui.waitFor(/free\s+2 users/);
      expect(f).toMatch(/▸ free\s+2 users/);
      await ui.press('j', KEY.enter);
      f = await ui.waitFor((x) => x.includes('segment plan=pro') && !x.includes('running'));
      // a1 and a2 only: a3's page_view on 03-10's neighbour and a3's signup day are gone
      expect(tableRows(f)).toContainEqual(['2025-03-10', '0']);
      expect(tableRows(f)).toContainEqual(['2025-03-02', '1']);
      await ui.press('s');
      f = await ui.waitFor('reproduce');
      expect(f).toContain('--segment plan=pro');
      ui.unmount();
    });

    it('several filters hold at once; x removes one, clear all removes the rest', async () => {
      const ui = renderApp(t.db, { rows: 60 });
      await ui.waitFor('active_users by day');
      await ui.press('f');
      await ui.waitFor('▸ + add a segment…');
      await ui.press(KEY.enter);
      await ui.waitFor(/plan\s+4 users/);
      await ui.press(KEY.enter);
      await ui.waitFor(/▸ free\s+2 users/);
      await ui.press('j', KEY.enter);
      await ui.waitFor('segment plan=pro');
      // where: an event property, counted in events of the window
      await ui.press('f');
      let f = await ui.waitFor('▸ segment plan=pro');
      await ui.press('j', 'j', KEY.enter);
      f = await ui.waitFor(/path\s+5 events · 3 values/);
      expect(f).toContain('from the 10 events of the window');
      await ui.press(KEY.enter);
      f = await ui.waitFor(/\/home\s+3 events/);
      await ui.press(KEY.enter);
      f = await ui.waitFor((x) => x.includes('segment plan=pro · where path=/home') && !x.includes('running'));
      // dau counts the events at /home of pro users: a1 on 03-03, a2 on 03-06; a1's signup holds no path
      expect(tableRows(f)).toContainEqual(['2025-03-03', '1']);
      expect(tableRows(f)).toContainEqual(['2025-03-02', '0']);
      await ui.press('f');
      f = await ui.waitFor('where path=/home');
      expect(f).toContain('every filter holds at once');
      await ui.press('x');
      f = await ui.waitFor((x) => !x.includes('segment plan=pro') && x.includes('where path=/home'));
      await ui.press(KEY.esc);
      f = await ui.waitFor((x) => x.includes('where path=/home') && x.includes('active_users by day') && !x.includes('running'));
      expect(f).not.toContain('segment plan=pro');
      await ui.press('f');
      await ui.waitFor('▸ where path=/home');
      await ui.press('j', 'j', 'j');
      await ui.waitFor('▸ clear all filters');
      await ui.press(KEY.enter);
      f = await ui.waitFor((x) => x.includes('active_users by day') && !x.includes('where path') && !x.includes('running'));
      expect(tableRows(f)).toContainEqual(['2025-03-10', '1']);
      ui.unmount();
    });

    it('the pickers fit 80x24, keep the cursor in view, and Esc steps back', async () => {
      const ui = renderApp(t.db, { columns: 80, rows: 24 });
      await ui.waitFor('active_users by day');
      await ui.press('f');
      await ui.waitFor('▸ + add a segment…');
      await ui.press('j', KEY.enter);
      let f = await ui.waitFor(/path\s+5 events/);
      fits(f, 80, 24);
      expect(f.replace(ANSI, '').split('\n').at(-1)).toContain('? help');
      await ui.press(KEY.esc);
      f = await ui.waitFor('+ add a where…');
      await ui.press(KEY.esc);
      await ui.waitFor('active_users by day');
      await ui.press('b');
      f = await ui.waitFor(/seats\s+2 values · 2 users hold it/);
      fits(f, 80, 24);
      expect(f).toMatch(/▸ none \(applies now\)/);
      await ui.press(KEY.esc);
      f = await ui.waitFor('active_users by day');
      expect(f).not.toContain('broken down');
      ui.unmount();
    });

    // Needs the --by SQL (every metric's leading segment column): without it the rows are not grouped.
    it('b breaks down by a user property: the caption says so, a line per group in the chart, the table in groups', async () => {
      const ui = renderApp(t.db, { columns: 120, rows: 60 });
      await ui.waitFor('active_users by day');
      await ui.press('b');
      await ui.waitFor(/plan\s+2 values · 4 users hold it/);
      await ui.press('j');
      await ui.waitFor(/▸ plan\s+2 values · 4 users hold it/);
      await ui.press(KEY.enter);
      let f = await ui.waitFor((x) => x.includes('broken down by plan') && x.includes('one line per group'));
      // free (a3, a4), pro (a1, a2), then the users without a plan (a5), in byte order, null last
      expect(f).toMatch(/free\s+[▁▂▃▄▅▆▇█ ]+ max 1/);
      expect(f).toMatch(/pro\s+[▁▂▃▄▅▆▇█ ]+ max 1/);
      expect(f).toMatch(/\(none\)\s+[▁▂▃▄▅▆▇█ ]+ max 1/);
      const rows = tableRows(f);
      expect(rows).toContainEqual(['free', '2025-03-02', '0']);
      expect(rows).toContainEqual(['pro', '2025-03-02', '1']);
      expect(rows.filter((r) => r[0] === 'pro')).toHaveLength(1);

      // a list metric: events_by_name per plan; each group's name only on its first row
      await ui.press(...down('events_by_name'), KEY.enter);
      // the title changes at once; the rows once the run is back
      f = await ui.waitFor((x) => x.includes('│ event_name') && !x.includes('running'));
      expect(f).toContain('broken down by plan');
      let group = '';
      const filled = tableRows(f).filter((r) => r.length === 4 && r[0] !== 'segment').map((r) => [(group = r[0] || group), ...r.slice(1)]);
      expect(filled).toContainEqual(['free', 'signup', '3', '2']);
      expect(filled).toContainEqual(['free', 'page_view', '1', '1']);
      expect(filled).toContainEqual(['pro', 'page_view', '2', '2']);
      expect(filled).toContainEqual(['(none)', 'page_view', '1', '1']);
      expect(filled.findIndex((r) => r[0] === '(none)')).toBe(filled.length - 1);

      await ui.press('b');
      await ui.waitFor('▸ plan (applies now)');
      await ui.press('k', KEY.enter);
      f = await ui.waitFor((x) => !x.includes('broken down') && x.includes('│ event_name') && !x.includes('running'));
      expect(tableRows(f)).toContainEqual(['signup', '5', '4']);
      ui.unmount();
    });

    it('funnel without steps opens the builder: steps picked from the event names, then it runs; p edits it again', async () => {
      const ui = renderApp(t.db, { columns: 100, rows: 40 });
      await ui.waitFor('active_users by day');
      await ui.press(...down('funnel'), KEY.enter);
      let f = await ui.waitFor('Funnel: no steps yet');
      expect(f).toMatch(/▸ \+ add step 1…/);
      await ui.press(KEY.enter);
      f = await ui.waitFor(/signup\s+5 events/);
      expect(f).toMatch(/page_view\s+4 events/);
      await ui.press(KEY.enter);
      f = await ui.waitFor('▸ + add step 2…');
      // one step is not a funnel
      await ui.press('j', 'j', 'j', KEY.enter);
      f = await ui.waitFor('a funnel needs 2 to 10 steps: add 1 more');
      await ui.press('k', 'k', 'k', KEY.enter, 'j', KEY.enter);
      f = await ui.waitFor('Funnel: signup → page_view');
      await ui.press('j', 'j', 'j');
      f = await ui.waitFor('▸ ▶ run the funnel');
      await ui.press(KEY.enter);
      f = await ui.waitFor((x) => x.includes('funnel 2025') && x.includes('│ step │') && !x.includes('running'));
      // entries at a signup in the window: a1, a2, a3, a4; a page_view within 7 days: a1, a2, a3
      expect(f).toMatch(/1 signup\s+4\s+100\.0%/);
      expect(f).toMatch(/2 page_view\s+3\s+75\.0%/);
      expect(f).toContain('p steps');

      // edit: swap the steps, a window of 1 day
      await ui.press('p');
      f = await ui.waitFor('▸ ▶ run the funnel');
      await ui.press('k', 'k', 'k', 'k');
      await ui.waitFor('▸ step 2  page_view');
      await ui.press('[');
      f = await ui.waitFor('Funnel: page_view → signup');
      await ui.press('j', 'j', 'j', 'j');
      await ui.waitFor(/▸ window {2}7 days/);
      await ui.press(KEY.left);
      await ui.waitFor(/▸ window {2}6 days/);
      // the digits typed after an arrow go on the end: clear it first
      await ui.press(KEY.backspace);
      await ui.waitFor(/▸ window {2}_ days/);
      await ui.press('3', '0', KEY.enter);
      f = await ui.waitFor((x) => x.includes('window 30 d') && !x.includes('running'));
      // entries at a page_view in the window: a1, a2, a3, a5; none signs up after it
      expect(f).toMatch(/1 page_view\s+4\s+100\.0%/);
      expect(f).toMatch(/2 signup\s+0\s+0\.0%/);
      ui.unmount();
    });

    it('an exclusion drops an entry it occurs in; Esc leaves the builder without applying', async () => {
      const ui = renderApp(t.db, { columns: 100, rows: 40 });
      await ui.waitFor('active_users by day');
      await ui.press(...down('funnel'), KEY.enter);
      await ui.waitFor('▸ + add step 1…');
      // signup → purchase: a1 buys on 03-04 after a page_view on 03-03
      await ui.press(KEY.enter);
      await ui.waitFor(/purchase\s+1 event\b/);
      await ui.press(KEY.enter);
      await ui.waitFor('▸ + add step 2…');
      await ui.press(KEY.enter);
      await ui.waitFor(/▸ signup\s+5 events/);
      await ui.press('j', 'j', KEY.enter);
      await ui.waitFor('Funnel: signup → purchase');
      await ui.press('j', KEY.enter);
      await ui.waitFor('Funnel exclusion: pick an event name');
      await ui.press('j', KEY.enter);
      let f = await ui.waitFor('exclude  page_view');
      await ui.press('j', 'j', KEY.enter);
      f = await ui.waitFor((x) => x.includes('excluding page_view') && !x.includes('running'));
      expect(f).toMatch(/2 purchase\s+0\s+0\.0%/);
      await ui.press('p');
      await ui.waitFor('exclude  page_view');
      await ui.press('k', 'k', 'k');
      await ui.waitFor('▸ exclude  page_view');
      await ui.press('x');
      f = await ui.waitFor((x) => !x.includes('exclude  page_view'));
      await ui.press(KEY.esc);
      f = await ui.waitFor('excluding page_view');
      expect(f).toMatch(/2 purchase\s+0\s+0\.0%/);
      ui.unmount();
    });
  });
}
