import { resolveTarget, type DbTarget, type GlobalFlags } from '../config.js';
import { describeUrl, locationText } from './errors.js';
import { heldByOther, holderOf, isNewDataDir } from './lock.js';
import { migrate } from './migrate.js';
import type { Db, DbKind } from './types.js';

export interface OpenOptions {
  /** Called before slow steps (creating a new embedded database takes seconds). */
  onStatus?: (message: string) => void;
  /** Run the embedded database on a worker thread (the UI: queries never block keys; the CLI's reads: Ctrl-C can stop them). */
  worker?: boolean;
  /** With `worker`: serve the directory to other evtui processes (serve.ts); default true (the UI). */
  serve?: boolean;
  /** Opened to load files (`evtui load`): the embedded database keeps fewer buffers, so its memory stays low (pglite.ts). */
  forLoad?: boolean;
}

/**
 * Opens the database the flags and environment point at and brings its schema
 * up to date. Each driver is imported only when it is used: `pg` and PGlite
 * are a tenth of a second or more to load each, and the UI's first frame waits
 * for whichever it needs.
 */
export async function openDb(target: DbTarget, opts: OpenOptions = {}): Promise<Db> {
  let db: Db;
  if (target.databaseUrl) {
    opts.onStatus?.('connecting to PostgreSQL…');
    const { PgDb } = await import('./pg.js');
    db = await PgDb.connect(target.databaseUrl);
  } else {
    if (target.dataDir && isNewDataDir(target.dataDir)) opts.onStatus?.(`creating the embedded database in ${target.dataDir}…`);
    else opts.onStatus?.('opening the embedded database…');
    const where = { ...(target.memory ? {} : { dataDir: target.dataDir }), forLoad: opts.forLoad };
    // A directory another evtui holds is reached through it, where it serves (serve.ts).
    const holder = !target.memory && target.dataDir ? holderOf(target.dataDir) : undefined;
    const served = holder && target.dataDir ? await (await import('./served.js')).connectServed(target.dataDir, holder.pid) : null;
    const { PgliteWorkerDb } = await import('./pglite-worker.js');
    if (served) db = served;
    else if (opts.worker && PgliteWorkerDb.available()) db = await PgliteWorkerDb.open({ ...where, serve: opts.serve ?? true });
    else db = await (await import('./pglite.js')).PgliteDb.open(where);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

export function openFromFlags(flags: GlobalFlags, opts?: OpenOptions): Promise<Db> {
  return openDb(resolveTarget(flags), opts);
}

/**
 * What a target is, before it is opened: its kind, where it lives (as the
 * opened Db's `location` will say), and whether opening it first creates a
 * database (initdb: seconds, worth a progress line of its own), and whether
 * another evtui process holds it (opening will fail with who holds it).
 */
export function describeTarget(target: DbTarget): { kind: DbKind; location: string; creates: boolean; held: boolean } {
  if (target.databaseUrl) {
    try {
      return { kind: 'server', location: locationText(describeUrl(target.databaseUrl)), creates: false, held: false };
    } catch {
      return { kind: 'server', location: 'PostgreSQL', creates: false, held: false };
    }
  }
  if (target.memory || !target.dataDir) return { kind: 'embedded', location: 'in memory', creates: true, held: false };
  return { kind: 'embedded', location: target.dataDir, creates: isNewDataDir(target.dataDir), held: heldByOther(target.dataDir) };
}
