// Child process for the PGlite load baselines, so each gets its own peak RSS.
//   node pglite-copy.mjs <raw|pk|careful> <file.csv> <fresh dir>
// Prints one JSON object: seconds of the timed statements (opening the
// database and applying the schema are not timed), and for `careful` the
// seconds of a second, all-duplicates pass.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { ROOT, COLS } from './lib.mjs';

const [mode, csv, dir] = process.argv.slice(2);
const pg = await PGlite.create({ dataDir: path.join(dir, 'pgdata') });

const TYPES = 'event_id uuid, event_name text, event_time timestamptz, user_id text, properties jsonb';
const result = { mode };

async function copyInto(table) {
  // PGlite reads COPY input from the virtual /dev/blob file.
  const blob = await fs.openAsBlob(csv);
  await pg.query(`copy ${table} (${COLS}) from '/dev/blob' with (format csv)`, [], { blob });
}

if (mode === 'raw' || mode === 'pk') {
  await pg.exec(`create table raw_events (${TYPES.replace('uuid', mode === 'pk' ? 'uuid primary key' : 'uuid')})`);
  const t0 = performance.now();
  await copyInto('raw_events');
  result.seconds = (performance.now() - t0) / 1000;
} else if (mode === 'careful') {
  const schemaDir = path.join(ROOT, 'sql/schema');
  for (const f of fs.readdirSync(schemaDir).filter((n) => /^\d{3}_.+\.sql$/.test(n)).sort()) {
    await pg.exec(fs.readFileSync(path.join(schemaDir, f), 'utf8'));
  }
  // The first pass ends as PostgreSQL's guide to populating a database says
  // (ANALYZE after a bulk load), and with the VACUUM that sets the visibility
  // map for index-only scans, as evtui load does after inserting; the second
  // pass inserts nothing, and neither does it.
  const pass = async (inserting) => {
    const t0 = performance.now();
    await pg.exec(`create temp table staging (${TYPES})`);
    await copyInto('staging');
    await pg.exec(`insert into events (${COLS}) select ${COLS} from staging on conflict (event_id) do nothing; drop table staging;`);
    if (inserting) await pg.exec('vacuum (analyze) events');
    return (performance.now() - t0) / 1000;
  };
  result.seconds = await pass(true);
  result.reloadSeconds = await pass(false);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const table = mode === 'careful' ? 'events' : 'raw_events';
result.rows = Number((await pg.query(`select count(*)::int as n from ${table}`)).rows[0].n);
await pg.close();
process.stdout.write(JSON.stringify(result) + '\n');
