import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import type { Db } from '../../src/db/types.js';

/**
 * A small churn-shaped dataset with known answers (as of 2025-03-31, the
 * newest event's day; the default window is 2025-03-02 → 2025-03-31):
 *   u1 signup 03-01, active 03-02 and 03-31 → active (0 days)
 *   u2 signup 03-10, last 03-20             → soft_churn (11)
 *   u3 signup 03-05, last 03-12             → churned (19)
 *   u4 signup 02-01, last 02-15             → hard_churn (44)
 *   u5 no signup, page_view 03-25           → active (6)
 */
export const EVENTS: [string, string, string, Record<string, unknown>][] = [
  ['u1', 'signup', '2025-03-01T10:00:00Z', { plan: 'free' }],
  ['u1', 'page_view', '2025-03-02T09:00:00Z', { path: '/home' }],
  ['u1', 'page_view', '2025-03-31T18:00:00Z', { path: '/pricing' }],
  ['u2', 'signup', '2025-03-10T08:00:00Z', {}],
  ['u2', 'report_run', '2025-03-20T12:30:00Z', { report: 'weekly' }],
  ['u3', 'signup', '2025-03-05T11:00:00Z', {}],
  ['u3', 'page_view', '2025-03-06T11:00:00Z', {}],
  ['u3', 'page_view', '2025-03-12T11:00:00Z', {}],
  ['u4', 'signup', '2025-02-01T00:00:00Z', {}],
  ['u4', 'page_view', '2025-02-15T00:00:00Z', {}],
  ['u5', 'page_view', '2025-03-25T07:00:00Z', {}],
];

export async function insertEvents(db: Db, events = EVENTS): Promise<void> {
  for (const [i, [user, name, time, props]] of events.entries()) {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    await db.query(`insert into events (event_id, event_name, event_time, user_id, properties) values ($1, $2, $3, $4, $5)`, [id, name, time, user, JSON.stringify(props)]);
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-tui-'));
}

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  esc: '\x1b',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  backspace: '\x7f',
  tab: '\t',
  ctrlC: '\x03',
  ctrlJ: '\n',
  altEnter: '\x1b\r',
} as const;

export function renderApp(db: Db, opts: { columns?: number; rows?: number; exportDir?: string; demo?: boolean } = {}) {
  let quit = 0;
  const r = render(
    <App db={db} options={{ size: { columns: opts.columns ?? 100, rows: opts.rows ?? 30 }, exportDir: opts.exportDir, demo: opts.demo, onQuit: () => quit++ }} />,
  );
  const frame = () => r.lastFrame() ?? '';
  /** Waits until the frame shows `text` (string or test), failing with the last frame to read. */
  const waitFor = async (want: string | RegExp | ((f: string) => boolean), timeoutMs = 15_000): Promise<string> => {
    const ok = (f: string) => (typeof want === 'string' ? f.includes(want) : want instanceof RegExp ? want.test(f) : want(f));
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (ok(f)) return f;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(want)}; the screen was:\n${f}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  /** Writes keys one at a time, letting Ink handle each (as a typist would). */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 15));
    }
  };
  const type = async (text: string) => press(...text.split(''));
  return { ...r, frame, waitFor, press, type, quits: () => quit };
}
