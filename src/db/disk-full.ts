import fs from 'node:fs';
import type { Extension } from '@electric-sql/pglite';
import { UserError } from '../errors.js';

/**
 * A full disk under the embedded database. PGlite writes its files through
 * Emscripten's NODEFS, which turns Node's ENOSPC into an errno for
 * PostgreSQL. PostgreSQL then raises an error, a PANIC when the write was
 * WAL (a commit's flush), and PGlite's protocol loop (execProtocolRawSync)
 * catches whatever the engine throws, the PANIC's abort included, and calls
 * the engine again. With WALWriteLock still held from the aborted flush, the
 * next commit waits for the lock forever without sleeping: 100% CPU in
 * XLogFlush, and a process that never ends. Nothing outside that synchronous
 * call can run again, so the reaction has to happen inside it: the guard
 * below watches every NODEFS operation and, at the first ENOSPC or EDQUOT,
 * stops PGlite's thread on the spot (`onFull`), before the engine sees the
 * error. What is on disk then is what a killed process leaves: every
 * committed transaction is in the WAL, the one being written never
 * committed, and the next open replays the WAL (crash recovery) once there
 * is room for it.
 */
const FULL = new Set(['ENOSPC', 'EDQUOT']);

export function isDiskFull(err: unknown): boolean {
  return FULL.has((err as { code?: string }).code ?? '');
}

/** The one line for a full disk under the embedded database at dir. */
export function diskFullMessage(dir: string, code: string): string {
  return `the disk holding the embedded database ${dir} is full (${code}): evtui stopped it before it wrote more, and everything committed before is kept; free some space and run the command again`;
}

export class DiskFullError extends UserError {
  constructor(dir: string, code: string) {
    super(diskFullMessage(dir, code), 1, 'disk_full');
    this.name = 'DiskFullError';
  }
}

interface Nodefs {
  tryFSOperation<T>(f: () => T): T;
}

/**
 * A PGlite "extension" that only adds a step before the engine starts: it
 * wraps NODEFS.tryFSOperation, the one function every NODEFS file operation
 * goes through, so a full disk reaches `onFull` with Node's own error code.
 * `onFull` must not return (it ends the process or the thread).
 */
export function diskGuard(onFull: (code: string) => never): Extension {
  return {
    name: 'evtui-disk-guard',
    setup: (_pg, emscriptenOpts: { preRun?: ((mod: unknown) => void)[] }) =>
      Promise.resolve({
        emscriptenOpts: {
          ...emscriptenOpts,
          preRun: [
            ...(emscriptenOpts.preRun ?? []),
            (mod: unknown) => {
              const nodefs = (mod as { FS: { filesystems: { NODEFS?: Nodefs } } }).FS.filesystems.NODEFS;
              if (!nodefs) return;
              const inner = nodefs.tryFSOperation.bind(nodefs);
              nodefs.tryFSOperation = <T>(f: () => T): T =>
                inner(() => {
                  try {
                    return f();
                  } catch (err) {
                    const code = (err as { code?: string }).code;
                    if (code && FULL.has(code)) onFull(code);
                    throw err;
                  }
                });
            },
          ],
        },
      }),
  };
}

/** What the command in progress adds to the line (a load: how much it wrote), while it runs. */
const notes = new Set<() => string>();

export function noteOnStop(note: () => string): () => void {
  notes.add(note);
  return () => notes.delete(note);
}

/**
 * The guard's reaction on the main thread (the CLI): the line on stderr,
 * written synchronously, then exit 1 at once; the 'exit' handlers release
 * the directory's lock.
 */
export function stopProcess(dir: string, code: string): never {
  const parts = [diskFullMessage(dir, code), ...[...notes].map((n) => n())];
  fs.writeSync(2, `${process.stderr.isTTY ? '\r\x1b[K' : ''}evtui: ${parts.join('; ')}\n`);
  process.exit(1);
}
