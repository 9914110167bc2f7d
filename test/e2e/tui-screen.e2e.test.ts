import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, framed, launchScreen, rowOf, type Screen } from './screen.js';

/**
 * The UI as a person sees it, read from a terminal emulator: the selection
 * drawn inverse (and marked ▸), some text in color, every frame inside the
 * terminal at 80x24, after a resize from 120x40, and a notice below the
 * minimum size; the churn walk down to a timeline and back with a quick
 * double Esc; a segment picked with f, a funnel built from the event names, and
 * lifecycle's chart. CI=true is set on purpose: a CI runner's pseudo-terminal is a
 * terminal, and the UI draws there as anywhere. Needs `npm run build` first.
 */
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-screen-'));
const dir = path.join(cwd, 'data');
const COLOR_ENV = { CI: 'true', FORCE_COLOR: undefined, NO_COLOR: undefined };
const built = fs.existsSync(BIN);

beforeAll(() => {
  if (!built) return;
  const env = { ...process.env } as Record<string, string>;
  delete env.DATABASE_URL;
  execFileSync(process.execPath, [BIN, '--data-dir', dir, 'load', 'churn-demo'], { cwd, env, stdio: 'ignore' });
}, 120_000);
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

/** The selected line: the row with the glyph before `text`, and whether the glyph and the text are drawn inverse. */
function selection(s: Screen, text: string) {
  const lines = s.lines();
  for (const mark of [`▸ ${text}`, `▸${text}`]) {
    const y = lines.findIndex((l) => l.includes(mark));
    if (y < 0) continue;
    const x = lines[y]!.indexOf(mark);
    const cells = s.cells(y).slice(x, x + mark.length);
    return { y, inverse: cells.length === mark.length && cells.every((c) => c.inverse) };
  }
  return { y: -1, inverse: false };
}

const anyColor = (s: Screen) => Array.from({ length: s.term.rows }, (_, y) => s.cells(y)).some((row) => row.some((c) => c.colored && c.char.trim()));

describe.skipIf(!built)('the UI on a terminal', () => {
  it('at 80x24 under CI: a visible selection and colors, every frame fits; churn → segment → users → timeline, and a quick double Esc goes back two levels', async () => {
    const s = launchScreen({ args: ['--data-dir', dir], cols: 80, rows: 24, cwd, env: COLOR_ENV });
    try {
      let screen = await s.waitFor((x) => x.includes('active_users by day') && x.includes('18 events'), 90_000);
      expect(framed(screen, 24)).toBe(true);
      // The cursor's line: the glyph and a run of inverse cells; text in color elsewhere.
      expect(selection(s, '● dau').inverse).toBe(true);
      expect(anyColor(s)).toBe(true);
      // Only the cursor's line is inverse in the list.
      expect(rowOf(s, '▸')).toBe(selection(s, '● dau').y);

      s.send('j');
      screen = await s.waitFor('▸   signups');
      expect(framed(screen, 24)).toBe(true);
      expect(selection(s, '  signups').inverse).toBe(true);

      s.send('?');
      screen = await s.waitFor('Keys');
      expect(framed(screen, 24)).toBe(true);
      s.send('?');
      await s.waitFor((x) => !x.includes('Keys') && x.includes('active_users by day'));

      s.send('jjjjjj\r');
      screen = await s.waitFor(/status\s+users\s+share/);
      expect(framed(screen, 24)).toBe(true);
      expect(screen).toMatch(/hard_churn\s+1\s+25\.0%/);
      expect(selection(s, 'active').inverse).toBe(true);

      s.send('j');
      await s.waitFor('▸soft_churn');
      s.send('\r');
      screen = await s.waitFor('users 1–1 of 1');
      expect(framed(screen, 24)).toBe(true);
      expect(screen).toMatch(/│ user_id\s+│ first_seen/);
      expect(selection(s, 'bob').inverse).toBe(true);

      s.send('\r');
      screen = await s.waitFor((x) => x.includes('› user bob') && x.includes('4 events'));
      expect(framed(screen, 24)).toBe(true);
      expect(screen).toMatch(/│ event_time\s+│ event_name\s+│ properties\s+│ ingested_at\s+│/);

      // Two Esc presses as one sequence, as a terminal sends a quick double Esc.
      s.send('\x1b\x1b');
      screen = await s.waitFor((x) => /status\s+users\s+share/.test(x) && !x.includes('›'));
      expect(framed(screen, 24)).toBe(true);
      // Back on the segment it came from.
      expect(selection(s, 'soft_churn').inverse).toBe(true);

      s.send('q');
      expect((await s.exited()).exitCode).toBe(0);
    } finally {
      s.kill();
    }
  }, 240_000);

  it('at 80x24: f picks a segment from the data and the caption shows it; a 2-step funnel built from the event names shows its rows', async () => {
    const s = launchScreen({ args: ['--data-dir', dir], cols: 80, rows: 24, cwd, env: COLOR_ENV });
    try {
      let screen = await s.waitFor((x) => x.includes('active_users by day') && x.includes('18 events'), 90_000);
      s.send('f');
      screen = await s.waitFor('+ add a segment…');
      expect(framed(screen, 24)).toBe(true);
      expect(selection(s, '+ add a segment…').inverse).toBe(true);
      s.send('\r');
      // the signup properties of churn-demo: plan and source, 4 users each
      screen = await s.waitFor(/plan\s+4 users · 3 values/);
      expect(framed(screen, 24)).toBe(true);
      s.send('\r');
      screen = await s.waitFor(/free\s+2 users/);
      expect(screen).toMatch(/pro\s+1 user\b/);
      expect(selection(s, 'free').inverse).toBe(true);
      s.send('\r');
      screen = await s.waitFor((x) => x.includes('segment plan=free') && x.includes('active_users by day'));
      expect(framed(screen, 24)).toBe(true);
      // the caption's own line, under the title, in color
      const y = rowOf(s, 'segment plan=free');
      expect(s.lines()[y - 1]).toContain('dau 2025-03-02 → 2025-03-31');
      expect(s.cells(y).some((c) => c.colored && c.char.trim())).toBe(true);

      // clear it, then open funnel (the 14th metric): the builder, steps from the event names in the window
      s.send('f');
      await s.waitFor('▸ segment plan=free');
      s.send('jjj');
      await s.waitFor('▸ clear all filters');
      s.send('\r');
      await s.waitFor((x) => !x.includes('segment plan=free') && x.includes('active_users by day'));
      s.send('jjjjjjjjjjjjj');
      await s.waitFor('▸   funnel');
      s.send('\r');
      screen = await s.waitFor('Funnel: no steps yet');
      expect(framed(screen, 24)).toBe(true);
      s.send('\r');
      screen = await s.waitFor(/page_view\s+3 events/);
      expect(screen).toMatch(/feature_used\s+1 event\b/);
      s.send('\r');
      await s.waitFor('▸ + add step 2…');
      s.send('\r');
      await s.waitFor(/▸ page_view\s+3 events/);
      s.send('j');
      await s.waitFor(/▸ feature_used\s+1 event\b/);
      s.send('\r');
      await s.waitFor('Funnel: page_view → feature_used');
      s.send('jjj');
      screen = await s.waitFor('▸ ▶ run the funnel');
      expect(selection(s, '▶ run the funnel').inverse).toBe(true);
      s.send('\r');
      // entries at page_view in the window: carol, bob, alice; alice uses a feature 3 days later
      screen = await s.waitFor(/2 feature_used\s+1\s+33\.3%/);
      expect(screen).toMatch(/1 page_view\s+3\s+100\.0%/);
      expect(screen).toContain('p steps');
      expect(framed(screen, 24)).toBe(true);

      s.send('q');
      expect((await s.exited()).exitCode).toBe(0);
    } finally {
      s.kill();
    }
  }, 240_000);

  it('at 120x40 resized to 80x24 the frame is redrawn to fit; below 80x24 a notice, and the screens come back', async () => {
    const s = launchScreen({ args: ['--data-dir', dir], cols: 120, rows: 40, cwd, env: COLOR_ENV });
    try {
      let screen = await s.waitFor((x) => x.includes('active_users by day') && x.includes('18 events'), 90_000);
      expect(framed(screen, 40)).toBe(true);
      s.send('j');
      await s.waitFor('▸   signups');

      s.resize(80, 24);
      screen = await s.waitFor((x) => framed(x, 24));
      expect(screen).toContain('▸   signups');
      expect(selection(s, '  signups').inverse).toBe(true);
      expect(anyColor(s)).toBe(true);

      s.resize(70, 20);
      screen = await s.waitFor('needs at least 80x24');
      expect(screen).toContain('The terminal is 70x20');
      expect(screen).not.toContain('signups');

      s.resize(100, 30);
      screen = await s.waitFor((x) => framed(x, 30));
      expect(screen).toContain('▸   signups');

      s.send('q');
      expect((await s.exited()).exitCode).toBe(0);
    } finally {
      s.kill();
    }
  }, 240_000);

  it('lifecycle draws its chart: active users above the axis, dormant below, then the table; it fits after a resize', async () => {
    const s = launchScreen({ args: ['--data-dir', dir], cols: 120, rows: 40, cwd, env: COLOR_ENV });
    try {
      await s.waitFor((x) => x.includes('active_users by day') && x.includes('18 events'), 90_000);
      for (let i = 0; i < 12; i++) s.send('j');
      await s.waitFor('▸   lifecycle');
      s.send('\r');
      let screen = await s.waitFor((x) => x.includes('going dormant below') && x.includes('│ dormant'));
      const lines = screen.split('\n');
      const axis = lines.findIndex((l) => /\s0┼─/.test(l));
      expect(axis).toBeGreaterThan(0);
      expect(lines.slice(0, axis).some((l) => /[█▓▒]/.test(l))).toBe(true);
      expect(lines.slice(axis + 1).some((l) => l.includes('░'))).toBe(true);
      expect(screen).toContain('░ dormant (below the axis)');
      expect(selection(s, '● lifecycle').inverse).toBe(true);

      s.resize(80, 24);
      screen = await s.waitFor((x) => framed(x, 24) && /\s0┼─/.test(x));
      expect(selection(s, '● lifecycle').inverse).toBe(true);
      s.send('q');
      expect((await s.exited()).exitCode).toBe(0);
    } finally {
      s.kill();
    }
  }, 240_000);

  it('under NO_COLOR no color is drawn, and the selection still shows by its glyph', async () => {
    const s = launchScreen({ args: ['--data-dir', dir], cols: 80, rows: 24, cwd, env: { ...COLOR_ENV, NO_COLOR: '1' } });
    try {
      const screen = await s.waitFor((x) => x.includes('active_users by day') && x.includes('18 events'), 90_000);
      expect(framed(screen, 24)).toBe(true);
      expect(screen).toContain('▸ ● dau');
      expect(anyColor(s)).toBe(false);
      s.send('q');
      expect((await s.exited()).exitCode).toBe(0);
    } finally {
      s.kill();
    }
  }, 240_000);
});
