import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/types.js';
import { UserError } from '../../errors.js';
import { listFixtures } from '../../ingest/fixtures.js';
import { loadSource } from '../../ingest/load.js';
import type { FixtureInfo, LoadProgress, LoadResult } from '../../ingest/types.js';

export function fixtures(): FixtureInfo[] {
  try {
    return listFixtures();
  } catch {
    return [];
  }
}

/** A typed path as the analyst means it: `~` is home, relative is from the working directory. */
export function resolveTypedPath(typed: string, cwd = process.cwd()): string {
  const t = typed.trim();
  if (t === '~' || t.startsWith('~/')) return path.join(os.homedir(), t.slice(1));
  return path.resolve(cwd, t);
}

/** Checks a typed path before a load starts, so a typo is one clear line, not a failed load. */
export function checkTypedPath(typed: string, cwd = process.cwd()): string | null {
  if (!typed.trim()) return 'type the path of a JSONL file';
  if (typed.trim() === '-') return 'stdin is the terminal here: use `evtui load -` from a shell to read a pipe';
  const p = resolveTypedPath(typed, cwd);
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return `no such file: ${p}`;
  }
  if (st.isDirectory()) return `${p} is a directory, not a JSONL file`;
  return null;
}

/**
 * Runs a load with progress reports thinned to one per `everyMs` (the batch
 * writer can report far faster than a terminal redraws), the last always sent.
 */
export async function runLoad(
  db: Db,
  source: string,
  opts: { signal: AbortSignal; onProgress: (p: LoadProgress) => void; everyMs?: number },
): Promise<LoadResult> {
  const every = opts.everyMs ?? 100;
  let last = 0;
  let pending: LoadProgress | null = null;
  const result = await loadSource(db, source, {
    signal: opts.signal,
    onProgress: (p) => {
      pending = p;
      const now = Date.now();
      if (now - last >= every) {
        last = now;
        pending = null;
        opts.onProgress(p);
      }
    },
  });
  if (pending) opts.onProgress(pending);
  if (opts.signal.aborted) throw new UserError('load cancelled: the batches written so far are kept; loading again completes it');
  return result;
}
