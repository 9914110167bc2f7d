import { resolveTarget, type DbTarget, type GlobalFlags } from '../config.js';
import { migrate } from './migrate.js';
import { PgDb } from './pg.js';
import { PgliteDb } from './pglite.js';
import { PgliteWorkerDb } from './pglite-worker.js';
import type { Db } from './types.js';

export interface OpenOptions {
  /** Called before slow steps (creating a new embedded database takes seconds). */
  onStatus?: (message: string) => void;
  /** Run the embedded database on a worker thread (the UI: queries never block keys). */
  worker?: boolean;
}

/** Opens the database the flags and environment point at and brings its schema up to date. */
export async function openDb(target: DbTarget, opts: OpenOptions = {}): Promise<Db> {
  let db: Db;
  if (target.databaseUrl) {
    opts.onStatus?.('connecting to PostgreSQL…');
    db = await PgDb.connect(target.databaseUrl);
  } else {
    if (target.dataDir && PgliteDb.isNew(target.dataDir)) opts.onStatus?.(`creating the embedded database in ${target.dataDir}…`);
    else opts.onStatus?.('opening the embedded database…');
    const where = target.memory ? {} : { dataDir: target.dataDir };
    db = opts.worker && PgliteWorkerDb.available() ? await PgliteWorkerDb.open(where) : await PgliteDb.open(where);
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
