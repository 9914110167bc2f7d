import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../paths.js';
import { restoreIndexes } from './indexes.js';
import type { Db } from './types.js';

/**
 * Brings a database to the schema of sql/schema/: each numbered file states
 * what its part of the schema is now and is idempotent, so a file runs again
 * whenever its text differs from the one this database last ran (recorded
 * with its checksum in evtui_schema_migrations), and a database made by any
 * earlier version converges on the current one. An advisory lock makes two
 * evtui processes connecting at once take turns instead of racing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** The file says it "runs on every open": it depends on the database's surroundings (Citus), not only on its text. */
  everyOpen: boolean;
}

export function migrations(dir = SCHEMA_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { version: Number(f.slice(0, 3)), name: f, sql, checksum, everyOpen: /runs on every open/.test(sql) };
    });
}

const LOCK_KEY = 4_200_731; // any constant; shared by every evtui

export async function migrate(db: Db): Promise<number[]> {
  const applied = await db.transaction(async (s) => {
    await s.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await s.exec(`create table if not exists evtui_schema_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now());
      alter table evtui_schema_migrations add column if not exists checksum text`);
    const ran = new Map(
      (await s.query<{ version: number; checksum: string | null }>('select version, checksum from evtui_schema_migrations')).rows.map((r) => [r.version, r.checksum]),
    );
    const files = migrations();
    const applied: number[] = [];
    for (const m of files) {
      if (ran.get(m.version) === m.checksum && !m.everyOpen) continue;
      await s.exec(m.sql);
      await s.query(
        `insert into evtui_schema_migrations (version, name, checksum) values ($1, $2, $3)
         on conflict (version) do update set name = excluded.name, checksum = excluded.checksum, applied_at = now()`,
        [m.version, m.name, m.checksum],
      );
      if (ran.get(m.version) !== m.checksum) applied.push(m.version);
    }
    // files of earlier versions that the current ones replace
    await s.query('delete from evtui_schema_migrations where not (version = any($1::int[]))', [files.map((m) => m.version)]);
    return applied;
  });
  // indexes a bulk load set aside and did not live to build (see indexes.ts)
  await restoreIndexes(db);
  return applied;
}
