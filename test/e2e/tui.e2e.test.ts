import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pty from 'node-pty';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';

/**
 * The built `evtui --memory` in a real pseudo-terminal (100x30): the analyst's
 * path from an empty database to one churned user's events and a SQL query,
 * asserting on the screen text at each step, then that `q` restores the
 * terminal. Needs `npm run build` first (npm test does it).
 */
const BIN = path.join(ROOT, 'dist', 'src', 'bin.js');
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-e2e-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

// eslint-disable-next-line no-control-regex
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g, '');

function launch(args = ['--memory']) {
  const env = { ...process.env, FORCE_COLOR: '0', TERM: 'xterm-256color' } as Record<string, string>;
  delete env.DATABASE_URL;
  const p = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 100, rows: 30, cwd, env });
  let raw = '';
  let mark = 0;
  let exit: { exitCode: number } | null = null;
  p.onData((d) => (raw += d));
  p.onExit((e) => (exit = e));
  /** Waits for text drawn since the last step (so an old frame cannot satisfy a new step). */
  const waitFor = async (want: string | RegExp, timeoutMs = 45_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = strip(raw.slice(mark));
      if (typeof want === 'string' ? screen.includes(want) : want.test(screen)) return screen;
      if (exit) throw new Error(`evtui exited (${exit.exitCode}) while waiting for ${String(want)}:\n${strip(raw).slice(-3000)}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(want)}; the screen was:\n${screen.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const send = async (...keys: string[]) => {
    mark = raw.length;
    for (const k of keys) {
      p.write(k);
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  const exited = async (timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!exit) {
      if (Date.now() > until) throw new Error('evtui did not exit');
      await new Promise((r) => setTimeout(r, 25));
    }
    return exit as { exitCode: number };
  };
  return { p, raw: () => raw, waitFor, send, exited };
}

it.skipIf(!fs.existsSync(BIN))('loads churn-demo, browses churn to a user timeline, runs SQL, quits and restores the terminal', async () => {
  const ui = launch();
  try {
    await ui.waitFor('This database has no events yet.', 90_000);
    expect(ui.raw()).toContain('\x1b[?1049h'); // the alternate screen
    await ui.send('l');
    await ui.waitFor('churn-demo');
    await ui.send('\r');
    let s = await ui.waitFor('✓ loaded in');
    expect(s).toContain('inserted 18');
    await ui.send('\r');
    await ui.waitFor('18 events · 4 users');

    // Typed in one burst, as a fast typist or a busy UI delivers it: one chunk.
    await ui.send('jjjjjjj\r');
    s = await ui.waitFor(/hard_churn\s+1\s+25\.0%/);
    expect(s).toMatch(/soft_churn\s+1\s+25\.0%/);
    await ui.send('j', '\r');
    s = await ui.waitFor('users 1–1 of 1');
    expect(s).toMatch(/▸ bob\s+│ 2025-01-20 11:00:00Z │ 2025-03-21 19:10:00Z │\s+10 │\s+4 │/);
    await ui.send('\r');
    s = await ui.waitFor('churn › soft_churn › user bob');
    await ui.waitFor('4 events');
    await ui.send('\x1b');
    s = await ui.waitFor('users 1–1 of 1');
    expect(s).not.toContain('› user bob');

    await ui.send('\x1b', '\x1b');
    await ui.waitFor('active_users by day');
    await ui.send(':');
    await ui.waitFor('SQL console');
    await ui.send(...'select count(*) as n from events;'.split(''), '\r');
    s = await ui.waitFor(/│\s+18 │/);
    expect(s).toContain('1 row');
    await ui.send('\x1b');
    await ui.waitFor('active_users by day');

    await ui.send('q');
    const { exitCode } = await ui.exited();
    expect(exitCode).toBe(0);
    const raw = ui.raw();
    // The terminal is restored: cursor shown and the alternate screen left, after the last frame.
    expect(raw.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\x1b[?1049h'));
    expect(raw.slice(raw.lastIndexOf('\x1b[?1049l') - 6)).toContain('\x1b[?25h');
  } finally {
    try {
      ui.p.kill();
    } catch {
      // already gone
    }
  }
}, 300_000);

it.skipIf(!fs.existsSync(BIN)).each(['ctrl-c', 'sigterm'] as const)('restores the terminal on %s', async (how) => {
  {
    const ui = launch();
    await ui.waitFor('This database has no events yet.', 90_000);
    if (how === 'ctrl-c') await ui.send('\x03');
    else ui.p.kill('SIGTERM');
    const { exitCode } = await ui.exited();
    expect(exitCode).toBe(how === 'ctrl-c' ? 0 : 143);
    expect(ui.raw()).toContain('\x1b[?1049l');
    expect(ui.raw()).toContain('\x1b[?25h');
  }
}, 180_000);

it.skipIf(!fs.existsSync(BIN))('exits when its terminal goes away mid-session', async () => {
  const ui = launch();
  await ui.waitFor('This database has no events yet.', 90_000);
  const pid = ui.p.pid;
  // Closing the terminal: SIGHUP, then every write fails with EIO.
  ui.p.kill('SIGHUP');
  (ui.p as unknown as { destroy(): void }).destroy(); // closes the master side (not in the typings)
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = Date.now() + 15_000;
  while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const stillThere = alive();
  if (stillThere) process.kill(pid, 'SIGKILL');
  expect(stillThere).toBe(false);
}, 180_000);

it.skipIf(!fs.existsSync(BIN))('on an existing directory the screens come up while it opens and it serves the directory: a load and a second evtui from other terminals work meanwhile', async () => {
  const dir = path.join(cwd, 'held');
  const env = { ...process.env } as Record<string, string>;
  delete env.DATABASE_URL;
  execFileSync(process.execPath, [BIN, '--data-dir', dir, 'load', 'churn-demo'], { cwd, env, stdio: 'ignore' });
  const ui = launch(['--data-dir', dir]);
  let s = await ui.waitFor('churn_users');
  expect(s).toContain(`embedded database ${dir}`);
  s = await ui.waitFor(/18 events · 4 users/);
  await ui.waitFor('serving other evtui processes');
  await ui.waitFor('active_users by day');

  // A load from another terminal lands while the UI holds the directory.
  const file = path.join(cwd, 'more.jsonl');
  fs.writeFileSync(file, execFileSync(process.execPath, [BIN, 'generate', '--users', '5', '--days', '3', '--seed', '7'], { cwd, env }));
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').length;
  const out = JSON.parse(execFileSync(process.execPath, [BIN, '--data-dir', dir, 'load', file, '--format', 'json'], { cwd, env }).toString()) as { inserted: number };
  expect(out.inserted).toBe(lines);
  // r reruns and recounts: the UI shows the events loaded from the other terminal.
  await ui.send('r');
  await ui.waitFor(`${(18 + lines).toLocaleString('en-US')} events`);

  // A second UI on the directory is served by the first and sees every event.
  const second = launch(['--data-dir', dir]);
  s = await second.waitFor(`served by evtui process ${ui.p.pid}`);
  await second.waitFor(`${(18 + lines).toLocaleString('en-US')} events`);
  await second.send('q');
  expect((await second.exited()).exitCode).toBe(0);
  await ui.send('q');
  expect((await ui.exited()).exitCode).toBe(0);
});
