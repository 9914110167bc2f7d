import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PgDb } from '../../src/db/pg.js';
import { PgliteDb } from '../../src/db/pglite.js';
import type { Db } from '../../src/db/types.js';
import { ROOT } from '../../src/paths.js';

/** The built CLI (npm run build first), as a user runs it. */
export const BIN = path.join(ROOT, 'dist', 'src', 'bin.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function evtui(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    cwd: opts.cwd,
    env: { ...process.env, DATABASE_URL: '', ...opts.env },
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export function evtuiAsync(args: string[], opts: { cwd?: string } = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}

/** Opens the database a child process used, from its global flags (an embedded directory must be free). */
export async function openFromArgs(cliArgs: string[]): Promise<Db> {
  const i = cliArgs.indexOf('--database-url');
  if (i >= 0) return PgDb.connect(cliArgs[i + 1]!);
  return PgliteDb.open({ dataDir: cliArgs[cliArgs.indexOf('--data-dir') + 1]! });
}

export async function withDbOf<T>(cliArgs: string[], fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openFromArgs(cliArgs);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export const ROWS_SQL = `select event_id::text, event_name, event_time, user_id, properties::text from events order by event_id`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
