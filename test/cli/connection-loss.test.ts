import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, serverUrl, withClient, type TestDb } from '../helpers/db.js';
import { startScratchServer, type ScratchServer } from '../helpers/scratch-server.js';
import { BIN, sleep, type Run } from '../ingest/cli-helpers.js';

/**
 * A server that drops the connection, a user who presses Ctrl-C, a URL
 * without the password: each ends `evtui` with one line on stderr, never a
 * stack trace, and a Ctrl-C leaves nothing running on the server.
 */
function start(args: string[], app: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', PGAPPNAME: app, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}

function expectOneLine(r: Run, pattern: RegExp, status = 1) {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |unhandled|this looks like a bug/i);
}

const admin = withClient;

/** The backend of the client that named itself `app`, once it waits (for a lock or in pg_sleep). */
async function waitingBackend(c: pg.Client, app: string): Promise<number> {
  // a cold start of the CLI on a busy machine takes seconds
  for (let i = 0; i < 600; i++) {
    const r = await c.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = $1 and state = 'active' and (wait_event_type = 'Lock' or wait_event = 'PgSleep')`,
      [app],
    );
    if (r.rows[0]) return r.rows[0].pid;
    await sleep(50);
  }
  throw new Error(`no waiting backend for ${app}`);
}

async function activeCount(c: pg.Client, app: string): Promise<number> {
  const r = await c.query<{ n: string }>(`select count(*) as n from pg_stat_activity where application_name = $1 and state = 'active'`, [app]);
  return Number(r.rows[0]!.n);
}

describe.skipIf(!serverUrl())('a lost connection and Ctrl-C on the server', () => {
  let t: TestDb;
  let url: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestDb('server');
    url = t.cliArgs[1]!;
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-loss-')), 'one.jsonl');
    fs.writeFileSync(file, JSON.stringify({ event_id: '00000000-0000-4000-8000-000000000001', event_name: 'x', event_time: '2025-01-01T00:00:00Z', user_id: 'u' }) + '\n');
  });
  afterAll(async () => t?.close());

  it('says one line when the query ends its own session', async () => {
    const r = await start([...t.cliArgs, 'sql', 'select pg_terminate_backend(pg_backend_pid())'], 'evtui_t_self').done;
    expectOneLine(r, /terminate|lost the connection/);
  });

  it('says one line when another session ends the console query', async () => {
    const { done } = start([...t.cliArgs, 'sql', 'select pg_sleep(30)'], 'evtui_t_sql');
    await admin(url, async (c) => c.query('select pg_terminate_backend($1)', [await waitingBackend(c, 'evtui_t_sql')]));
    expectOneLine(await done, /lost the connection to PostgreSQL/);
  });

  /** Holds events locked until the command's session waits on it, then ends that session. */
  async function endWaitingSession(app: string, args: string[]): Promise<Run> {
    return admin(url, async (c) => {
      await c.query('begin');
      await c.query('lock table events in access exclusive mode');
      const { child, done } = start([...t.cliArgs, ...args], app);
      child.stdin.end(fs.readFileSync(file));
      // pg_stat_activity is read once per transaction: watch from another session
      const pid = await admin(url, (watch) => waitingBackend(watch, app));
      await c.query('select pg_terminate_backend($1)', [pid]);
      await c.query('rollback');
      return done;
    });
  }

  it('says one line when another session ends a metric', async () => {
    expectOneLine(await endWaitingSession('evtui_t_metric', ['metric', 'dau', '--from', '2025-01-01', '--to', '2025-01-02']), /lost the connection to PostgreSQL/);
  });

  it('retries the batch when another session ends a load, and stores it', async () => {
    const r = await endWaitingSession('evtui_t_load', ['load', '-']);
    expect(r.status, r.stderr).toBe(0);
    const n = await admin(url, (c) => c.query(`select count(*)::int as n from events where event_id = '00000000-0000-4000-8000-000000000001'`));
    expect(n.rows[0].n).toBe(1);
  });

  it.each([
    ['sql', ['sql', 'select pg_sleep(30)']],
    ['metric', ['metric', 'dau', '--from', '2025-01-01', '--to', '2025-01-02']],
  ])('cancels the query on the server on Ctrl-C in evtui %s', async (what, args) => {
    const app = `evtui_t_cancel_${what}`;
    await admin(url, async (c) => {
      await c.query('begin');
      await c.query('lock table events in access exclusive mode');
      const { child, done } = start([...t.cliArgs, ...args], app);
      await admin(url, async (watch) => {
        await waitingBackend(watch, app);
        child.kill('SIGINT');
        expectOneLine(await done, /^evtui: query cancelled\n$/, 130);
        // the lock is still held: only a cancel on the server ends the wait
        expect(await activeCount(watch, app)).toBe(0);
      });
      await c.query('rollback');
    });
  });
});

describe('a private server', () => {
  let s: ScratchServer | null = null;
  const password = 'evtui-Secret-42';

  beforeAll(async () => {
    s = await startScratchServer({ password });
  }, 120_000);
  afterAll(() => s?.stop());

  it('refuses a URL without the password in one line, at once, never printing a password', async () => {
    if (!s) return;
    const t0 = Date.now();
    const r = await start(['--database-url', `postgres://postgres@127.0.0.1:${s.port}/postgres`, 'sql', 'select 1'], 'evtui_t_nopw', { PGPASSWORD: '', HOME: os.tmpdir() }).done;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expectOneLine(r, /asks user "postgres" for a password and none was given/);
    const wrong = await start(['--database-url', `postgres://postgres:not-${password}@127.0.0.1:${s.port}/postgres`, 'sql', 'select 1'], 'evtui_t_badpw').done;
    expectOneLine(wrong, /authentication failed for user "postgres"/);
    expect(wrong.stderr).not.toContain(`not-${password}`);
  });

  it('says one line when the server restarts mid-query, and the next run works', async () => {
    if (!s) return;
    const db = ['--database-url', s.url];
    const { done } = start([...db, 'sql', 'select pg_sleep(30)'], 'evtui_t_restart');
    await admin(s.url, (c) => waitingBackend(c, 'evtui_t_restart'));
    s.restart();
    const r = await done;
    expectOneLine(r, /lost the connection to PostgreSQL/);
    expect(r.stderr).not.toContain(password);
    const again = await start([...db, 'sql', 'select count(*) as n from events', '--format', 'json'], 'evtui_t_again').done;
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([{ n: 0 }]);
  });
});
