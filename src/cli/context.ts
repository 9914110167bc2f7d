import type { Command } from 'commander';
import type { GlobalFlags } from '../config.js';
import { openFromFlags, type OpenOptions } from '../db/open.js';
import type { Db } from '../db/types.js';

/** Global flags as commander parsed them, from any subcommand. */
export function globalFlags(cmd: Command): GlobalFlags & { debug?: boolean } {
  const o = cmd.optsWithGlobals<{ databaseUrl?: string; dataDir?: string; memory?: boolean; debug?: boolean }>();
  return { databaseUrl: o.databaseUrl, dataDir: o.dataDir, memory: o.memory, debug: o.debug };
}

/** Opens the database for one command and always closes it (releasing an embedded directory). */
export async function withDb<T>(cmd: Command, fn: (db: Db) => Promise<T>, opts?: OpenOptions): Promise<T> {
  const db = await openFromFlags(globalFlags(cmd), opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
