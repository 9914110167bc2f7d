import type { Db } from './types.js';

/**
 * The secondary indexes of events (all but the primary key), set aside for a
 * bulk load and built again afterwards. Measured on 1M events into a new
 * PGlite directory: 65 s with the indexes in place (32 MB of shared buffers,
 * random inserts into three B-trees that outgrow them), 23 s without them
 * plus 6-8 s to build them after (docs/performance.md). Only where this process is
 * the database's one user (PGlite holds its directory alone): on a server
 * other sessions would lose the indexes, or wait on the locks, mid-load.
 *
 * Dropping them and recording their definitions in evtui_deferred_indexes is
 * one transaction, and so is each rebuild with the removal of its record: a
 * kill at any point leaves every index either in place or on the list, and
 * the list is worked off whenever the database is opened (migrate.ts).
 */
export async function deferIndexes(db: Db): Promise<boolean> {
  return db.transaction(async (s) => {
    const empty = (await s.query<{ empty: boolean }>('select not exists (select 1 from events) as empty')).rows[0]!.empty;
    if (!empty) return false;
    const r = await s.query<{ name: string }>(
      `insert into evtui_deferred_indexes (name, definition)
       select i.indexname, i.indexdef
         from pg_indexes i
        where i.tablename = 'events' and i.schemaname = current_schema()
          and i.indexname not in (select conname from pg_constraint where conrelid = 'events'::regclass)
       on conflict (name) do nothing
       returning name`,
    );
    for (const { name } of r.rows) await s.exec(`drop index if exists ${quoteIdent(name)}`);
    return r.rows.length > 0;
  });
}

/** Builds every index on the deferred list, removing each from it as it is built. */
export async function restoreIndexes(db: Db): Promise<number> {
  const todo = (await db.query<{ name: string; definition: string }>('select name, definition from evtui_deferred_indexes order by name')).rows;
  for (const ix of todo) {
    await db.transaction(async (s) => {
      // A small sort area: the WASM heap keeps whatever it grows to, and the
      // sort spills to files instead (1M events: the three builds 6-8 s)
      await s.exec(`set local maintenance_work_mem = '8MB'`);
      await s.exec(ix.definition.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      await s.query('delete from evtui_deferred_indexes where name = $1', [ix.name]);
    });
  }
  return todo.length;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
