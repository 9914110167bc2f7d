import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, evtui } from '../ingest/cli-helpers.js';
import { scratchDir } from '../ingest/helpers.js';

/**
 * An embedded database in a directory this user cannot write: one clear line
 * and exit 1, and the directory opens as before once it is writable again.
 * Permissions do not bind root, so as root the command runs as the postgres user.
 */
const asRoot = process.getuid?.() === 0;
const canDrop = !asRoot || spawnSync('id', ['postgres']).status === 0;
const dir = scratchDir();
const db = path.join(dir, 'db');
afterAll(() => {
  execFileSync('chmod', ['-R', 'u+w', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const cmd = asRoot ? 'runuser' : process.execPath;
  const argv = asRoot ? ['-u', 'postgres', '--', process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(cmd, argv, { cwd: dir, env: { ...process.env, DATABASE_URL: '', HOME: dir } });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

const NOT_WRITABLE = new RegExp(`^evtui: the embedded database ${db} is not writable \\(EACCES\\): evtui writes there even to read; .+\\n$`);

beforeAll(() => {
  expect(evtui(['--data-dir', db, 'load', 'churn-demo']).status).toBe(0);
  fs.chmodSync(dir, 0o777); // rejects files go beside the input or in the working directory
});

it.skipIf(!canDrop)('a read-only data directory: one line naming it, exit 1, for a load and for a metric', () => {
  execFileSync('chmod', ['-R', 'a+rX,a-w', db]);
  for (const args of [['load', 'churn-demo'], ['metric', 'dau']]) {
    const r = run(['--data-dir', db, ...args]);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(NOT_WRITABLE);
  }
});

it.skipIf(!canDrop)('PostgreSQL files read-only in a writable directory: the same line; writable again, it opens with every event', () => {
  execFileSync('chmod', ['-R', 'a+rX,a-w', db]);
  execFileSync('chmod', ['a+w', db]);
  const r = run(['--data-dir', db, 'load', 'churn-demo']);
  expect([r.status, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toMatch(NOT_WRITABLE);
  execFileSync('chmod', ['-R', 'a+w', db]);
  const again = run(['--data-dir', db, 'sql', 'select count(*)::int as n from events', '--format', 'json']);
  expect(again.stderr).toBe('');
  expect(JSON.parse(again.stdout)).toEqual([{ n: 18 }]);
});
