import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, evtui, sleep, type Run } from '../ingest/cli-helpers.js';
import { scratchDir } from '../ingest/helpers.js';

/**
 * Ctrl-C on `evtui sql` / `evtui metric` with the embedded database
 * (docs/reliability.md): the query stops at once, the command says "query
 * cancelled" and exits 130, and the directory is left shut down cleanly, so
 * the next command opens it without crash recovery.
 */
const dir = scratchDir();
const db = path.join(dir, 'db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  expect(evtui(['--data-dir', db, 'load', 'churn-demo'], { cwd: dir }).status).toBe(0);
});

/** PostgreSQL's control file: the cluster state (1 shut down, 6 in production: the next open replays the WAL). */
function clusterState(): number {
  return fs.readFileSync(path.join(db, 'pgdata', 'global', 'pg_control')).readInt32LE(16);
}

const TEMP = path.join(db, 'pgdata', 'base', 'pgsql_tmp');
const tempFiles = () => (fs.existsSync(TEMP) ? fs.readdirSync(TEMP).length : 0);

it('stops a running embedded query on Ctrl-C: one line, exit 130, the directory shut down cleanly', async () => {
  expect(clusterState()).toBe(1);
  // A function scan materialises its rows, past work_mem into a temporary file:
  // the file's appearance says the query is running (not still opening).
  const child = spawn(process.execPath, [BIN, '--data-dir', db, 'sql', 'select count(*) from generate_series(1, 4000000000)'], {
    env: { ...process.env, DATABASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  const t0 = Date.now();
  while (tempFiles() === 0 && Date.now() - t0 < 60_000) await sleep(50);
  expect(tempFiles(), 'the query never started').toBeGreaterThan(0);
  child.kill('SIGINT');
  const sent = Date.now();
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const r = await done;
  clearTimeout(killer);
  // Ended by the command itself (not by the signal's default action), quickly: 4e9 rows take minutes.
  expect([r.signal, r.status, r.stdout, r.stderr]).toEqual([null, 130, '', 'evtui: query cancelled\n']);
  expect(Date.now() - sent).toBeLessThan(30_000);
  expect(clusterState()).toBe(1);

  const next = evtui(['--data-dir', db, 'metric', 'churn', '--format', 'json']);
  expect([next.status, next.stderr]).toEqual([0, '']);
  expect((JSON.parse(next.stdout) as { users: number }[]).reduce((n, x) => n + x.users, 0)).toBeGreaterThan(0);
});
