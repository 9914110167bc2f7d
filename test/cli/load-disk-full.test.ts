import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PGLITE_TEMPLATE_DIR } from '../../src/db/pglite.js';
import { BIN, evtui, type Run } from '../ingest/cli-helpers.js';
import { scratchDir } from '../ingest/helpers.js';
import { mountTmpfs, sizeMb, type Tmpfs } from '../helpers/tmpfs.js';

/**
 * A full disk under an embedded load (docs/reliability.md): PGlite used to
 * spin at full CPU forever once a WAL write failed. Now the load ends with
 * one line and exit 1, every batch committed before the fault is kept and
 * counted in that line, and once there is room the same load finishes it.
 *
 * The disk is a tmpfs just larger than an empty database. Each command runs
 * in a child process that is killed after 3 minutes, so a hung PGlite fails
 * the test instead of hanging the suite.
 */
const fsys = mountTmpfs(sizeMb(PGLITE_TEMPLATE_DIR) + 8);
const skip = 'skip' in fsys ? fsys.skip : undefined;
if (skip) console.warn(`load-disk-full: skipped: ${skip}`);

const work = scratchDir();
let file = '';
let total = 0;
afterAll(() => {
  if (!skip) (fsys as Tmpfs).unmount();
  fs.rmSync(work, { recursive: true, force: true });
});

beforeAll(() => {
  // ~50k events, ~10 MB of JSON: far more WAL than the 8 MiB left
  const g = evtui(['generate', '--users', '3000', '--days', '60', '--seed', 'full']);
  expect(g.status).toBe(0);
  file = path.join(work, 'events.jsonl');
  fs.writeFileSync(file, g.stdout);
  total = g.stdout.trimEnd().split('\n').length;
});

const LIMIT_MS = 180_000;

/** `evtui args` in a child, killed if it runs past LIMIT_MS (status null then). */
function run(args: string[]): Promise<Run & { ms: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - t0 });
    }),
  );
}

const FULL_LINE = /^evtui: the disk holding the embedded database \S+ is full \(ENOSPC\): [^\n]*\n$/;

it.skipIf(!!skip)('a full disk ends an embedded load with one line, keeps every committed batch, and the load finishes once there is room', async () => {
  const t = fsys as Tmpfs;
  const db = path.join(t.dir, 'db');
  const rejects = path.join(work, 'rejects.jsonl');
  const load = ['--data-dir', db, 'load', file, '--batch-size', '1000', '--rejects', rejects];

  const full = await run(load);
  expect(full.status, `${full.ms} ms: ${full.stderr}`).toBe(1);
  expect(full.stdout).toBe('');
  expect(full.stderr).toMatch(FULL_LINE);
  const written = Number(/; ([\d,]+) lines were written before it, in whole batches; run the same load again to finish it\n$/.exec(full.stderr)?.[1]?.replace(/,/g, ''));
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(total);
  expect(written % 1000).toBe(0);

  // Still full: a read either runs or says the same line; it never hangs.
  const read = await run(['--data-dir', db, 'sql', 'select count(*)::int as n from events', '--format', 'json']);
  if (read.status === 0) expect(JSON.parse(read.stdout)).toEqual([{ n: written }]);
  else expect([read.status, read.stderr]).toEqual([1, expect.stringMatching(FULL_LINE)]);

  // Room again: the directory opens with exactly the batches the line counted.
  t.resize(512);
  const after = await run(['--data-dir', db, 'sql', 'select count(*)::int as n from events', '--format', 'json']);
  expect([after.status, after.stderr]).toEqual([0, '']);
  expect(JSON.parse(after.stdout)).toEqual([{ n: written }]);

  // The same load again finishes it: the stored lines are duplicates, the rest inserted.
  const rerun = await run([...load, '--format', 'json']);
  expect([rerun.status, rerun.stderr]).toEqual([0, '']);
  expect(JSON.parse(rerun.stdout)).toMatchObject({ lines: total, inserted: total - written, duplicates: written, conflicts: 0, rejected: 0 });
  const end = await run(['--data-dir', db, 'sql', `select count(*)::int as n, count(distinct event_id)::int as ids, (select count(*)::int from pg_indexes where tablename = 'events') as indexes from events`, '--format', 'json']);
  expect(JSON.parse(end.stdout)).toEqual([{ n: total, ids: total, indexes: 4 }]);
});
