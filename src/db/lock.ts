import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { DiskFullError, isDiskFull } from './disk-full.js';

/**
 * PGlite has a single writer: two processes on one directory silently lose
 * rows. So a directory is held by one process, recorded in `evtui.lock`
 * (pid, host, start time). A lock whose process is gone is stale and taken over.
 */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export const LOCK_FILE = 'evtui.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined; // vanished, or half-written by a process that died: stale
  }
}

export function isHeld(info: LockInfo | undefined): boolean {
  return !!info && (info.hostname !== os.hostname() || (info.pid !== process.pid && alive(info.pid)));
}

/** Takes the lock or throws one clear line naming the directory and the holder. Returns the release function. */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    let created = false;
    try {
      const fd = fs.openSync(file, 'wx');
      created = true;
      try {
        fs.writeSync(fd, JSON.stringify(mine));
      } finally {
        fs.closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const now = readLock(file);
        if (now?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw notWritable(dir, code);
      if (isDiskFull(err)) {
        if (created) fs.rmSync(file, { force: true }); // the empty lock file open made
        throw new DiskFullError(dir, code!);
      }
      if (code !== 'EEXIST') throw err;
    }
    const held = readLock(file);
    if (held && isHeld(held)) {
      throw new UserError(
        `the embedded database ${dir} is in use by evtui process ${held.pid}` +
          (held.hostname !== os.hostname() ? ` on ${held.hostname}` : '') +
          ` (since ${held.startedAt}); close it first, or use a PostgreSQL server (DATABASE_URL) for concurrent work`,
        1,
        'dir_locked',
      );
    }
    // Stale: re-read just before removing so we never remove a lock someone else just took.
    const again = readLock(file);
    if (again?.pid === held?.pid && again?.startedAt === held?.startedAt) fs.rmSync(file, { force: true });
  }
  throw new UserError(`could not take the lock on ${dir}; try again`, 1, 'dir_locked');
}

/** PostgreSQL writes to its directory even to read (its own files), and so does the lock. */
export function notWritable(dir: string, code: string): UserError {
  return new UserError(
    `the embedded database ${dir} is not writable (${code}): evtui writes there even to read; give this user write access, or copy the directory somewhere writable and use --data-dir`,
    1,
    'dir_not_writable',
  );
}

/** Takes a data directory for this process: creates it, locks it, names PGlite's own folder in it. */
export function holdDataDir(dataDir: string | undefined): { release: () => void; dataPath?: string } {
  if (!dataDir) return { release: () => {} };
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create the data directory ${dataDir}: ${(err as Error).message}`);
  }
  return { release: acquireLock(dataDir), dataPath: path.join(dataDir, 'pgdata') };
}

/** True when another live evtui process holds the directory (a quick look; acquireLock decides). */
export function heldByOther(dataDir: string): boolean {
  return !!holderOf(dataDir);
}

/** The live evtui process that holds the directory, if another one does. */
export function holderOf(dataDir: string): LockInfo | undefined {
  const info = readLock(path.join(dataDir, LOCK_FILE));
  return isHeld(info) ? info : undefined;
}

/** True when the directory holds no database yet (creating one takes seconds: say so). */
export function isNewDataDir(dataDir: string): boolean {
  return !fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

/** The error code when PostgreSQL's directory, or a folder or file just inside it, cannot be written. */
export function unwritable(dataPath: string): string | undefined {
  const paths = [dataPath];
  try {
    for (const name of fs.readdirSync(dataPath)) paths.push(path.join(dataPath, name));
  } catch {
    // not there yet, or not listable: the access check below says which
  }
  for (const p of paths) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return code;
    }
  }
  return undefined;
}
