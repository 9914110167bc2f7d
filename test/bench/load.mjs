// Load benchmark: the same generated events (about 1M, or about 1 GB with
// --size 1gb) loaded on the PostgreSQL server and on PGlite, (a) raw COPY
// ceiling (not at 1 GB), (b) the careful hand-written staging load, (c) `evtui
// load` as a whole process, (d) its reload. With BENCH_CITUS_URL, (b), (c)
// and (d) on Citus too (about 200k events; BENCH_CITUS_SIZE=1m for the 1M file).
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { BIN, BENCH_DIR, COLS, DATA_DIR, ROOT, createDb, csvOf, dataset, dropDb, fmt, fmtInt, log, mdTable, psql, runTimed } from './lib.mjs';

const TYPES = 'event_id uuid, event_name text, event_time timestamptz, user_id text, properties jsonb';

function copyCmd(table, csv) {
  return `\\copy ${table} (${COLS}) from '${csv}' with (format csv)`;
}

async function serverCopy(csv, pk) {
  const name = `evtui_bench_load_${pk ? 'pk' : 'raw'}`;
  const url = await createDb(name);
  try {
    await psql(url, ['-c', `create table raw_events (${TYPES.replace('uuid', pk ? 'uuid primary key' : 'uuid')})`]);
    const r = await psql(url, ['-c', copyCmd('raw_events', csv)]);
    return { seconds: r.seconds, rssMiB: null };
  } finally {
    await dropDb(name);
  }
}

async function serverCareful(csv) {
  const name = 'evtui_bench_load_careful';
  const url = await createDb(name);
  try {
    await psql(url, ['-f', path.join(ROOT, 'sql/schema/events.sql')]);
    // One psql session: a temp staging table, \copy into it, then one INSERT
    // ... SELECT; the first pass then VACUUM (ANALYZE), as PostgreSQL's guide to
    // populating a database advises after a bulk load and as evtui load does
    // after inserting (the second pass inserts nothing, and neither does).
    const pass = (inserting) =>
      psql(url, [
        '-c', `create temp table staging (${TYPES})`,
        '-c', copyCmd('staging', csv),
        '-c', `insert into events (${COLS}) select ${COLS} from staging on conflict (event_id) do nothing`,
        ...(inserting ? ['-c', 'vacuum (analyze) events'] : []),
      ]);
    const first = await pass(true);
    const again = await pass(false);
    return { seconds: first.seconds, reloadSeconds: again.seconds };
  } finally {
    await dropDb(name);
  }
}

function parseLoadJson(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    /* maybe a line of JSON after other output */
  }
  try {
    return JSON.parse(stdout.trim().split('\n').filter(Boolean).pop());
  } catch {
    return null;
  }
}

// The evtui process's memory, sampled this often (RssAnon is the JavaScript and
// WebAssembly heaps and malloc; RssFile the mapped code and files).
const SAMPLE_MS = 250;

async function evtuiLoad(ds, target) {
  const run = () => runTimed(process.execPath, [BIN, 'load', ds.jsonl, ...target, '--format', 'json'], { allowExit: [0, 3], sampleMs: SAMPLE_MS });
  let first;
  let again;
  try {
    first = await run();
    again = await run();
  } catch (err) {
    // The loader may not be built yet, or fail: report it, keep the baselines.
    log(`  evtui load failed: ${err.message.split('\n')[0]}`);
    return { error: err.message.split('\n')[0] };
  }
  return {
    seconds: first.seconds,
    rssMiB: first.rssMiB,
    memory: first.memory,
    counts: parseLoadJson(first.stdout),
    reloadSeconds: again.seconds,
    reloadRssMiB: again.rssMiB,
    reloadMemory: again.memory,
    reloadCounts: parseLoadJson(again.stdout),
  };
}

async function serverEvtui(ds) {
  const name = 'evtui_bench_load_evtui';
  const url = await createDb(name);
  try {
    return await evtuiLoad(ds, ['--database-url', url]);
  } finally {
    await dropDb(name);
  }
}

function freshDir(name) {
  const dir = path.join(DATA_DIR, 'tmp', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function pgliteChild(mode, csv) {
  const dir = freshDir(`pglite-${mode}`);
  try {
    const r = await runTimed(process.execPath, [path.join(BENCH_DIR, 'pglite-copy.mjs'), mode, csv, dir]);
    return { ...JSON.parse(r.stdout), rssMiB: r.rssMiB };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pgliteEvtui(ds) {
  const dir = freshDir('pglite-evtui');
  try {
    // Creating a brand-new embedded database takes seconds (initdb); that is
    // the UI's concern, not the loader's, so the directory is created first.
    const init = await runTimed(process.execPath, ['-e', `import('${path.join(ROOT, 'dist/src/db/open.js')}').then(async (m) => { const db = await m.openDb({ dataDir: ${JSON.stringify(dir)} }); await db.close(); })`]);
    const r = await evtuiLoad(ds, ['--data-dir', dir]);
    return { ...r, initSeconds: init.seconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Citus (BENCH_CITUS_URL: a database with the citus extension and workers registered) ----

/** The Citus URL with its search_path set to a schema of the benchmark's own. */
function citusUrl(schema) {
  const u = new URL(process.env.BENCH_CITUS_URL);
  u.search = '';
  // libpq reads %20, not the + URLSearchParams writes for a space.
  return `${u}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * A fresh schema with evtui's migrations applied, so events is distributed
 * before anything is timed (the hand-written load and evtui load start alike).
 */
async function citusSchema(schema) {
  await psql(process.env.BENCH_CITUS_URL, ['-c', `drop schema if exists ${schema} cascade`, '-c', `create schema ${schema}`]);
  const url = citusUrl(schema);
  const code = `const { PgDb } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/db/pg.js'))});
const { migrate } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/db/migrate.js'))});
const db = await PgDb.connect(${JSON.stringify(url)}); await migrate(db); await db.close();`;
  await runTimed(process.execPath, ['--input-type=module', '-e', code]);
  return url;
}
const dropCitusSchema = (schema) => psql(process.env.BENCH_CITUS_URL, ['-c', `drop schema if exists ${schema} cascade`]);

async function citusCareful(csv) {
  const schema = 'evtui_bench_citus_careful';
  const url = await citusSchema(schema);
  try {
    // As on the server; no conflict target, since the key there is (user_id, event_id).
    const pass = (inserting) =>
      psql(url, [
        '-c', `create temp table staging (${TYPES})`,
        '-c', copyCmd('staging', csv),
        '-c', `insert into events (${COLS}) select ${COLS} from staging on conflict do nothing`,
        ...(inserting ? ['-c', 'vacuum (analyze) events'] : []),
      ]);
    const first = await pass(true);
    const again = await pass(false);
    const n = await psql(url, ['-At', '-c', 'select count(*) from events']);
    return { seconds: first.seconds, reloadSeconds: again.seconds, stored: Number(n.stdout.trim()) };
  } finally {
    await dropCitusSchema(schema);
  }
}

async function citusEvtui(ds) {
  const schema = 'evtui_bench_citus_evtui';
  const url = await citusSchema(schema);
  try {
    const r = await evtuiLoad(ds, ['--database-url', url]);
    const n = await psql(url, ['-At', '-c', 'select count(*) from events']);
    return { ...r, stored: Number(n.stdout.trim()) };
  } finally {
    await dropCitusSchema(schema);
  }
}

async function citusVersion() {
  try {
    const r = await psql(process.env.BENCH_CITUS_URL, ['-At', '-c', `select extversion from pg_extension where extname = 'citus'`, '-c', `select count(*) from pg_dist_node where groupid <> 0`]);
    const [version, workers] = r.stdout.trim().split('\n');
    return { version, workers: Number(workers) };
  } catch (err) {
    return { error: err.message.split('\n')[0] };
  }
}

/** (b) and (c) into Citus, each twice (load, then reload), side by side. */
export async function benchCitusLoad(opts = {}) {
  if (!process.env.BENCH_CITUS_URL) {
    log('load/citus: skipped (BENCH_CITUS_URL is not set)');
    return { skipped: true, markdown: 'Citus: skipped (`BENCH_CITUS_URL` is not set).\n' };
  }
  const ds = await dataset(opts.size ?? process.env.BENCH_CITUS_SIZE ?? '200k');
  const csv = await csvOf(ds);
  const res = { events: ds.lines, file: path.relative(ROOT, ds.jsonl), cluster: await citusVersion(), runs: [] };
  const runs = opts.runs ?? 1;
  for (let i = 0; i < runs; i++) {
    log(`load/citus: (b) \\copy to staging + INSERT ... ON CONFLICT DO NOTHING (and again), run ${i + 1}/${runs}`);
    const careful = await citusCareful(csv);
    log(`  ${fmt(careful.seconds)} s, reload ${fmt(careful.reloadSeconds)} s`);
    log(`load/citus: (c) evtui load, (d) reload, run ${i + 1}/${runs}`);
    const evtui = await citusEvtui(ds);
    if (!evtui.error) log(`  ${fmt(evtui.seconds)} s (${fmt(evtui.rssMiB, 0)} MiB), reload ${fmt(evtui.reloadSeconds)} s`);
    res.runs.push({ careful, evtui });
  }
  res.markdown = citusMarkdown(res);
  return res;
}

function citusMarkdown(res) {
  const n = res.events;
  const c = res.cluster;
  const head = `**Citus** ${c.version ?? '?'} (${c.workers ?? '?'} workers), ${fmtInt(n)} events, ${res.runs.length} run(s) back to back\n`;
  const rows = res.runs.map((r, i) => {
    const e = r.evtui.error ? {} : r.evtui;
    return [
      i + 1,
      fmt(r.careful.seconds), fmt(e.seconds), fmt(e.seconds ? r.careful.seconds / e.seconds : null),
      fmt(r.careful.reloadSeconds), fmt(e.reloadSeconds), fmt(e.reloadSeconds ? r.careful.reloadSeconds / e.reloadSeconds : null),
      fmtInt(rate(n, e.seconds)), fmt(e.rssMiB, 0),
      `${fmtInt(r.careful.stored)} / ${fmtInt(e.stored)}`,
    ];
  });
  return [
    head,
    mdTable(['run', '(b) hand-written s', '(c) `evtui load` s', '(b)/(c)', '(b) again s', '(d) reload s', '(b)/(d) again', 'evtui events/s', 'evtui peak RSS MiB', 'rows stored (b) / (c)'], rows),
    '\n(b) does not catch an `event_id` stored under another `user_id` (Citus\'s key is `(user_id, event_id)`); evtui load does.\n',
  ].join('\n');
}

const rate = (lines, s) => (s ? lines / s : null);

export async function benchLoad(opts) {
  const size = opts.loadSize ?? '1m';
  const targets = opts.targets ?? ['server', 'pglite'];
  if (!targets.includes('server') && !targets.includes('pglite')) {
    const citus = await benchCitusLoad({ runs: opts.citusRuns });
    return { citus, markdown: citus.markdown };
  }
  const ds = await dataset(size);
  const csv = await csvOf(ds);
  const res = { size, events: ds.lines, file: path.relative(ROOT, ds.jsonl), jsonlMiB: fs.statSync(ds.jsonl).size / 2 ** 20, server: {}, pglite: {} };
  // The raw COPY ceilings take long at 1 GB and say nothing of evtui's memory.
  const ceiling = size !== '1gb';
  if (targets.includes('server') && ceiling) {
    log('load/server: (a) raw COPY, no keys');
    res.server.raw = await serverCopy(csv, false);
    log(`  ${fmt(res.server.raw.seconds)} s`);
    log('load/server: (a) raw COPY, primary key only');
    res.server.pk = await serverCopy(csv, true);
    log(`  ${fmt(res.server.pk.seconds)} s`);
  }
  if (targets.includes('server')) {
    log('load/server: (b) \\copy to staging + INSERT ... ON CONFLICT DO NOTHING (and again)');
    res.server.careful = await serverCareful(csv);
    log(`  ${fmt(res.server.careful.seconds)} s, reload ${fmt(res.server.careful.reloadSeconds)} s`);
    log('load/server: (c) evtui load, (d) reload');
    res.server.evtui = await serverEvtui(ds);
    if (!res.server.evtui.error) log(`  ${fmt(res.server.evtui.seconds)} s (${fmt(res.server.evtui.rssMiB, 0)} MiB), reload ${fmt(res.server.evtui.reloadSeconds)} s`);
  }
  if (targets.includes('pglite')) {
    // At 1 GB PGlite's hand-written load is one INSERT of every row: stopped
    // after 30 minutes at 1.8 GiB RSS, it is no baseline there.
    for (const mode of ceiling ? ['raw', 'pk', 'careful'] : []) {
      log(`load/pglite: ${mode}`);
      res.pglite[mode] = await pgliteChild(mode, csv);
      log(`  ${fmt(res.pglite[mode].seconds)} s (${fmt(res.pglite[mode].rssMiB, 0)} MiB)`);
    }
    log('load/pglite: (c) evtui load, (d) reload');
    res.pglite.evtui = await pgliteEvtui(ds);
    if (!res.pglite.evtui.error) log(`  ${fmt(res.pglite.evtui.seconds)} s (${fmt(res.pglite.evtui.rssMiB, 0)} MiB), reload ${fmt(res.pglite.evtui.reloadSeconds)} s`);
  }
  if (opts.citus !== false && targets.includes('citus')) {
    res.citus = await benchCitusLoad({ runs: opts.citusRuns });
  }
  res.markdown = loadMarkdown(res) + (res.citus ? '\n' + res.citus.markdown : '');
  return res;
}

export function loadMarkdown(res) {
  const n = res.events;
  const out = [];
  for (const where of ['server', 'pglite']) {
    const r = res[where];
    r.evtui = r.evtui?.error ? { seconds: null, rssMiB: null, reloadSeconds: null, reloadRssMiB: null, error: r.evtui.error } : r.evtui;
    if (!r.evtui) continue;
    const row = (label, s, rss, note = '') => [label, fmt(s), fmtInt(rate(n, s)), rss == null ? '—' : fmt(rss, 0), note];
    out.push(`**${where === 'server' ? 'PostgreSQL server' : 'PGlite'}**, ${fmtInt(n)} events (${path.basename(res.file)}, ${fmt(res.jsonlMiB, 0)} MiB)\n`);
    out.push(
      mdTable(['step', 'seconds', 'events/s', 'peak RSS MiB', 'note'], [
        ...(r.raw
          ? [
              row('(a) raw COPY, no keys or indexes', r.raw.seconds, r.raw.rssMiB, where === 'server' ? 'psql \\copy' : 'COPY from /dev/blob, in a child process'),
              row('(a′) raw COPY, primary key only', r.pk.seconds, r.pk.rssMiB),
            ]
          : []),
        ...(r.careful
          ? [
              row('(b) staging COPY + INSERT … ON CONFLICT DO NOTHING', r.careful.seconds, r.careful.rssMiB, 'real schema (sql/schema)'),
              row('(b) again, all duplicates', r.careful.reloadSeconds, null),
            ]
          : []),
        row('(c) `evtui load` (whole process)', r.evtui.seconds, r.evtui.rssMiB, r.evtui.counts ? `inserted ${fmtInt(r.evtui.counts.inserted)}` : ''),
        row('(d) `evtui load` again, all duplicates', r.evtui.reloadSeconds, r.evtui.reloadRssMiB, r.evtui.reloadCounts ? `duplicates ${fmtInt(r.evtui.reloadCounts.duplicates)}` : ''),
      ]),
    );
    if (r.evtui.error) {
      out.push(`\n\`evtui load\` failed: ${r.evtui.error}\n`);
      continue;
    }
    const speed = r.careful ? r.careful.seconds / r.evtui.seconds : null;
    const peakOf = (m) => (m ? `VmRSS ${fmt(m.peak.VmRSS, 0)}, RssAnon ${fmt(m.peak.RssAnon, 0)}, RssFile ${fmt(m.peak.RssFile, 0)} MiB` : '—');
    out.push(
      (r.raw ? `\n(c)/(a) time ratio: **${fmt(r.evtui.seconds / r.raw.seconds)}×** the raw COPY ceiling. ` : '\n') +
        (speed ? `(b)/(c) = **${fmt(speed)}** — evtui load runs at ${fmt(speed * 100, 0)} % of the hand-written load's speed (goal ≥ 1.0, never < 0.8). ` : '(b) not run at this size. ') +
        `Reload/first load: **${fmt(r.evtui.reloadSeconds / r.evtui.seconds)}** (goal ≤ 1.0). Peak RSS ${fmt(Math.max(r.evtui.rssMiB, r.evtui.reloadRssMiB), 0)} MiB (goal < 300). ` +
        `Sampled every ${SAMPLE_MS} ms, peaks of the load: ${peakOf(r.evtui.memory)}; of the reload: ${peakOf(r.evtui.reloadMemory)}.\n`,
    );
  }
  return out.join('\n');
}
