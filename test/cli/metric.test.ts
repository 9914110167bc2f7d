import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { createTestDb, serverUrl, type TestDb } from '../helpers/db.js';
import { smokeJsonl } from '../metrics/smoke-data.js';

/** The built binary, as a script would call it: exit codes and --format json shapes. */
const BIN = path.join(ROOT, 'dist/src/bin.js');

function evtui(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('evtui metric, metrics, sql', () => {
  let t: TestDb;
  let db: string[];
  const W = ['--from', '2025-01-01', '--to', '2025-01-10', '--tz', 'UTC'];

  beforeAll(async () => {
    t = await createTestDb(serverUrl() ? 'server' : 'embedded', { dataDir: true });
    db = t.cliArgs;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-cli-')), 'smoke.jsonl');
    fs.writeFileSync(file, smokeJsonl() + '\n' + JSON.stringify({ event_id: '00000000-0000-4000-8000-0000000000aa', event_name: 'user_signed_up', event_time: '2025-01-05T12:00:00Z', user_id: 'u9' }) + '\n');
    const load = evtui([...db, 'load', file, '--format', 'json']);
    expect(load.code, load.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => t?.close());

  it('prints churn as a JSON array of rows', () => {
    const r = evtui([...db, 'metric', 'churn', '--as-of', '2025-01-10', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { status: 'active', users: 3, share: 0.6 },
      { status: 'soft_churn', users: 2, share: 0.4 },
      { status: 'churned', users: 0, share: 0 },
      { status: 'hard_churn', users: 0, share: 0 },
    ]);
  });

  it('prints dates as YYYY-MM-DD and timestamps as ISO-8601 UTC', () => {
    const dau = JSON.parse(evtui([...db, 'metric', 'dau', ...W, '--format', 'json']).stdout);
    expect(dau[0]).toEqual({ day: '2025-01-01', active_users: 1 });
    const tl = evtui([...db, 'metric', 'user_timeline', '--user', 'u2', '--as-of', '2025-01-10', '--tz', 'Asia/Kolkata', '--format', 'json']);
    expect(JSON.parse(tl.stdout).map((e: { event_time: string; day: string }) => [e.event_time, e.day])).toEqual([
      ['2025-01-02T23:30:00.000Z', '2025-01-03'],
      ['2025-01-03T01:00:00.000Z', '2025-01-03'],
    ]);
  });

  it('takes the signup event from --signup-event, else EVTUI_SIGNUP_EVENT', () => {
    const count = (args: string[], env = {}) =>
      JSON.parse(evtui([...db, 'metric', 'retention', ...W, ...args, '--format', 'json'], env).stdout)[0].cohort_users;
    expect(count([])).toBe(3);
    expect(count(['--signup-event', 'user_signed_up'])).toBe(1);
    expect(count([], { EVTUI_SIGNUP_EVENT: 'user_signed_up' })).toBe(1);
  });

  it('takes --signup-event for every metric, harmless where the metric does not use it', () => {
    const churn = (args: string[]) => evtui([...db, 'metric', 'churn', ...W, ...args, '--format', 'json']);
    const plain = churn([]);
    const named = churn(['--signup-event', 'user_signed_up']);
    expect(named.code, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it.each([
    [['--from', '2025-02-01', '--to', '2025-01-31'], 'from (2025-02-01) is after to (2025-01-31)'],
    [['--from', '1900-01-01', '--to', '2100-12-31'], 'the window 1900-01-01 to 2100-12-31 is 50 years or longer'],
    [['--signup-event', 'x'.repeat(129)], 'signup_event is longer than 128 characters (129)'],
  ])('the shared layer refuses a bad window in one line, exit 2: %j', (args, msg) => {
    const r = evtui([...db, 'metric', 'dau', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`evtui: ${msg}`]);
  });

  it('prints a caption with the parameters and a table, and CSV on request', () => {
    const r = evtui([...db, 'metric', 'funnel_activity', ...W, '--window-days', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^funnel_activity · 2025-01-01 to 2025-01-10 · as_of 2025-01-10 · tz UTC · signup_event signup · window_days 3 · known_at \d{4}-.*Z · 2 rows/);
    expect(r.stdout).toContain('median_seconds_to_convert');
    const csv = evtui([...db, 'metric', 'signups', ...W, '--format', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual(['day,signups', '2025-01-01,1', '2025-01-02,1']);
  });

  it('takes --steps, a repeated --exclude and --mode', () => {
    // signup → view: u1 in 23 h, u2 in 1.5 h; u4 never views
    const r = evtui([...db, 'metric', 'funnel', ...W, '--steps', 'signup,view', '--exclude', 'nope', '--exclude', 'other']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(' · steps signup,view · exclude nope,other · ');
    const json = evtui([...db, 'metric', 'funnel', ...W, '--steps', 'signup,view', '--exclude', 'view', '--format', 'json']);
    expect(JSON.parse(json.stdout).map((x: { users: number }) => x.users)).toEqual([3, 2]);
    const modes = evtui([...db, 'metric', 'cohort_retention', ...W, '--mode', 'on_or_after']);
    expect(modes.code, modes.stderr).toBe(0);
    expect(modes.stdout.split('\n')[0]).toContain(' · mode on_or_after · ');
  });

  it('takes --segment and --where as repeatable KEY=VALUE, VALUE read as JSON when it parses', () => {
    const json = (args: string[]) => JSON.parse(evtui([...db, 'metric', 'signups', ...W, ...args, '--format', 'json']).stdout) as { signups: number }[];
    const total = (args: string[]) => json(args).reduce((n, r) => n + r.signups, 0);
    // the smoke data's signups carry no properties: no one is in a segment
    expect(total([])).toBe(3);
    expect(total(['--segment', 'plan=pro'])).toBe(0);
    const r = evtui([...db, 'metric', 'dau', ...W, '--segment', 'plan=pro', '--segment', 'seats=3', '--where', 'trial=true']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(' · segment plan="pro",seats=3 · where trial=true · ');
  });

  it.each([
    [['metric', 'dau', '--segment', 'plan'], '--segment expects KEY=VALUE (got "plan")'],
    [['metric', 'dau', '--where', '=web'], '--where expects KEY=VALUE (got "=web")'],
  ])('refuses a malformed KEY=VALUE, exit 2: %j', (args, msg) => {
    const r = evtui([...db, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: ${msg}`);
  });

  it.each([
    [['metric', 'funnel', '--steps', 'a,b,c,d,e,f,g,h,i,j,k'], 'steps must name 2 to 10 events, separated by commas (got "a,b,c,d,e,f,g,h,i,j,k")'],
    [['metric', 'funnel', '--steps', 'signup'], 'steps must name 2 to 10 events, separated by commas (got "signup")'],
    [['metric', 'funnel'], 'funnel needs --steps, 2 to 10 event names separated by commas'],
  ])('refuses a bad list of steps in one line, exit 2: %j', (args, msg) => {
    const r = evtui([...db, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`evtui: ${msg}`]);
  });

  it.each([
    [['metric', 'nope'], 'unknown metric "nope"; the metrics are: dau, signups'],
    [['metric', 'dau', '--tz', 'Mars/Base'], 'unknown time zone "Mars/Base"'],
    [['metric', 'dau', '--from', '2025-02-30'], 'from is not a calendar date'],
    [['metric', 'churn_users', '--status', 'gone'], 'gone'],
    [['metric', 'dau', '--window-days', '3'], '--window-days does not apply to dau'],
    [['metric', 'dau', '--steps', 'a,b'], '--steps does not apply to dau'],
    [['metric', 'cohort_retention', '--mode', 'sometimes'], 'sometimes'],
    [['metric', 'funnel_activity', '--window-days', 'x'], 'window_days must be a whole number'],
    [['sql', 'select 1; select 2'], 'one statement at a time'],
  ])('exits 2 on bad usage: %j', (args, msg) => {
    const r = evtui([...db, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
  });

  it('lists the metrics with one-line definitions', () => {
    const r = evtui(['metrics']);
    expect(r.code).toBe(0);
    const names = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual([
      'dau', 'signups', 'retention', 'day1_retention', 'cohort_retention', 'funnel_activity', 'funnel_day1', 'churn', 'churn_users', 'events_by_name',
      'active_users', 'stickiness', 'lifecycle', 'funnel',
    ]);
    expect(r.stdout).toMatch(/^churn +Every user seen up to as_of/m);
  });

  /** A run whose output is megabytes long. */
  const evtuiLong = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...db, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 });

  it('prints 125,000 rows as a table', () => {
    const r = evtuiLong(['sql', 'select g from generate_series(1, 125000) g', '--max-rows', '200000']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(125_000 + 3);
    expect(lines[lines.length - 2]).toBe('│ 125000 │');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  }, 180_000);

  it('prints the first --max-rows rows of a longer result and says so in one line', () => {
    const capped = evtuiLong(['sql', 'select g, g::text as t from generate_series(1, 125000) g', '--format', 'csv']);
    expect(capped.status, capped.stderr).toBe(0);
    expect(capped.stdout.trimEnd().split('\n')).toHaveLength(100_000 + 1);
    expect(capped.stderr).toBe('evtui: first 100000 rows shown; the result has more (--max-rows N to see more)\n');
  });

  it('runs read-only SQL and refuses writes with exit 1', () => {
    const r = evtui([...db, 'sql', 'select count(*) as n, min(day) as d from (select date \'2025-01-01\' as day) x', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 1, d: '2025-01-01' }]);
    const w = evtui([...db, 'sql', "insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'w')"]);
    expect(w.code).toBe(1);
    expect(w.stderr.trim().split('\n')).toEqual([
      'evtui: the SQL console is read-only: it runs statements that return rows (select, values, table, with, show, explain), and this one returns none',
    ]);
    const returning = evtui([...db, 'sql', "insert into events (event_id, event_name, event_time, user_id) values (gen_random_uuid(), 'x', now(), 'w') returning 1"]);
    expect(returning.code).toBe(1);
    expect(returning.stderr.trim().split('\n')).toEqual(['evtui: the SQL console is read-only: cannot execute INSERT in a read-only transaction']);
  });
});
