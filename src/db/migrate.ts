import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../paths.js';
import { restoreIndexes } from './indexes.js';
import type { Db } from './types.js';

/**
 * Applies the numbered files of sql/schema/ that this database has not seen,
 * each once, recorded in evtui_schema_migrations. An advisory lock makes two
 * evtui processes connecting at once take turns instead of racing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(dir = SCHEMA_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const LOCK_KEY = 4_200_731; // any constant; shared by every evtui

export async function migrate(db: Db): Promise<number[]> {
  const applied = await db.transaction(async (s) => {
    await s.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await s.exec(`create table if not exists evtui_schema_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await s.query<{ version: number }>('select version from evtui_schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations()) {
      if (done.has(m.version)) continue;
      await s.exec(m.sql);
      await s.query('insert into evtui_schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
  // indexes a bulk load set aside and did not live to build (see indexes.ts)
  await restoreIndexes(db);
  return applied;
}
