// The databases the metric benchmark reads: the generated events on the
// PostgreSQL server and in a PGlite directory (both cached between runs and
// reloaded with --fresh), and in DuckDB in memory (rebuilt every run).
// Loading time is not the measurement here, so rows go in by COPY with the
// secondary indexes dropped, then the app's own indexes are rebuilt exactly
// as its migrations defined them, then VACUUM ANALYZE (a settled table).
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLS, DATA_DIR, ROOT, createDb, dbUrl, log, now, psql } from './lib.mjs';

const distImport = (rel, root = ROOT) => import(path.join(root, 'dist/src', rel));

const SECONDARY = `select indexname, indexdef from pg_indexes
  where schemaname = current_schema() and tablename = 'events'
    and indexname not in (select conname from pg_constraint where conrelid = 'events'::regclass)`;

/**
 * Opens (and if needed fills) the server database for one dataset; with
 * `root`, another build's checkout (BENCH_BASELINE), a database of its own
 * made by that build's schema.
 */
export async function serverDb(ds, csv, fresh, root = ROOT) {
  const { openDb } = await distImport('db/open.js', root);
  const name = `evtui_bench_metrics_${ds.size}${root === ROOT ? '' : '_baseline'}`;
  const marker = `bench:${ds.base}:${ds.lines}`;
  const url = dbUrl(name);
  let reuse = false;
  if (!fresh) {
    try {
      const r = await psql(url, ['-At', '-c', "select coalesce(obj_description('events'::regclass), '')"]);
      reuse = r.stdout.trim() === marker;
    } catch {
      reuse = false;
    }
  }
  if (!reuse) {
    log(`metrics/server: loading ${ds.lines} events into ${name} (COPY, indexes rebuilt after)`);
    const t0 = now();
    await createDb(name);
    const db = await openDb({ databaseUrl: url });
    const idx = (await db.query(SECONDARY)).rows;
    for (const i of idx) await db.exec(`drop index ${i.indexname}`);
    await db.close();
    await psql(url, ['-c', `\\copy events (${COLS}) from '${csv}' with (format csv)`]);
    const sql = [...idx.map((i) => `${i.indexdef};`), `comment on table events is '${marker}';`].join('\n');
    await psql(url, ['-c', sql]);
    log(`  loaded in ${((now() - t0) / 1000).toFixed(1)} s`);
  } else {
    log(`metrics/server: reusing ${name} (${ds.lines} events; --fresh to reload)`);
  }
  await psql(url, ['-c', 'vacuum analyze events']);
  return openDb({ databaseUrl: url });
}

/** Opens (and if needed fills) a PGlite directory for one dataset, through the app's own openDb. */
export async function pgliteDb(ds, csv, fresh) {
  const { openDb } = await distImport('db/open.js');
  const dir = path.join(DATA_DIR, `pglite-metrics-${ds.size}`);
  const markerFile = path.join(dir, 'bench-marker.json');
  const marker = `${ds.base}:${ds.lines}`;
  const reuse = !fresh && fs.existsSync(markerFile) && fs.readFileSync(markerFile, 'utf8') === marker;
  if (!reuse) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`metrics/pglite: loading ${ds.lines} events into ${path.relative(ROOT, dir)}`);
    const t0 = now();
    const db = await openDb({ dataDir: dir });
    const pg = db.pg; // PgliteDb exposes its PGlite instance
    const idx = (await db.query(SECONDARY)).rows;
    for (const i of idx) await db.exec(`drop index ${i.indexname}`);
    await pg.query(`copy events (${COLS}) from '/dev/blob' with (format csv)`, [], { blob: await fs.openAsBlob(csv) });
    for (const i of idx) await db.exec(i.indexdef);
    await db.exec('vacuum analyze events');
    await db.close();
    fs.writeFileSync(markerFile, marker);
    log(`  loaded in ${((now() - t0) / 1000).toFixed(1)} s`);
  } else {
    log(`metrics/pglite: reusing ${path.relative(ROOT, dir)}`);
  }
  return openDb({ dataDir: dir });
}

/** DuckDB in memory with the same rows; ingested_at is the load time, as on the server. */
export async function duckDb(csv) {
  log('metrics/duckdb: loading the same rows in memory');
  const t0 = now();
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  await con.run("set TimeZone = 'UTC'");
  await con.run(`create table events as
    select *, now() as ingested_at from read_csv('${csv}', header = false, quote = '"', escape = '"',
      columns = {'event_id': 'UUID', 'event_name': 'VARCHAR', 'event_time': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'properties': 'JSON'})`);
  log(`  loaded in ${((now() - t0) / 1000).toFixed(1)} s`);
  return { inst, con };
}

const duckSql = new Map();
const readSql = (rel) => {
  const file = path.join(ROOT, 'test/bench/duckdb', rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
};
/**
 * The DuckDB definition of a metric (test/bench/duckdb/<name>.sql), or
 * undefined; `segmented`: the one that also reads --segment, --where and --by
 * (test/bench/duckdb/segments/<name>.sql after segments/_users.sql, the users'
 * groups and the counted events every segmented one starts from), kept apart
 * so that the plain yardstick carries none of that work.
 */
export function duckQuery(name, segmented = false) {
  const rel = segmented ? `segments/${name}.sql` : `${name}.sql`;
  if (!duckSql.has(rel)) {
    const own = readSql(rel);
    duckSql.set(rel, own && segmented ? `${readSql('segments/_users.sql')}${own}` : own);
  }
  return duckSql.get(rel);
}

/** Runs a DuckDB definition with the parameters the app resolved (only those it names). */
export async function runDuck(con, sql, params) {
  const used = new Set([...sql.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]));
  const bind = {};
  for (const k of used) {
    let v = params[k];
    if (k === 'known_at' && (v === null || v === '')) v = 'infinity'; // no cut
    if (v === undefined) throw new Error(`DuckDB query needs $${k}, which the app did not resolve`);
    // steps, exclude, segment and where as the app binds them: JSON text, '' when empty
    if (v !== null && typeof v === 'object') v = Object.keys(v).length ? JSON.stringify(v) : '';
    bind[k] = typeof v === 'number' ? v : String(v);
  }
  const reader = await con.runAndReadAll(sql, bind);
  return reader.getRowObjectsJS();
}
