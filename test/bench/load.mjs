// Load benchmark (issue #2): the same ~1M generated events loaded on the
// PostgreSQL server and on PGlite, (a) raw COPY ceiling, (b) the careful
// hand-written staging load, (c) `evtui load` as a whole process, (d) its reload.
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

async function evtuiLoad(ds, target) {
  const run = () => runTimed(process.execPath, [BIN, 'load', ds.jsonl, ...target, '--format', 'json'], { allowExit: [0, 3] });
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
    counts: parseLoadJson(first.stdout),
    reloadSeconds: again.seconds,
    reloadRssMiB: again.rssMiB,
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

const rate = (lines, s) => (s ? lines / s : null);

export async function benchLoad(opts) {
  const ds = await dataset(opts.loadSize ?? '1m');
  const csv = await csvOf(ds);
  const res = { events: ds.lines, file: path.relative(ROOT, ds.jsonl), jsonlMiB: fs.statSync(ds.jsonl).size / 2 ** 20, server: {}, pglite: {} };
  const targets = opts.targets ?? ['server', 'pglite'];
  if (targets.includes('server')) {
    log('load/server: (a) raw COPY, no keys');
    res.server.raw = await serverCopy(csv, false);
    log(`  ${fmt(res.server.raw.seconds)} s`);
    log('load/server: (a) raw COPY, primary key only');
    res.server.pk = await serverCopy(csv, true);
    log(`  ${fmt(res.server.pk.seconds)} s`);
    log('load/server: (b) \\copy to staging + INSERT ... ON CONFLICT DO NOTHING (and again)');
    res.server.careful = await serverCareful(csv);
    log(`  ${fmt(res.server.careful.seconds)} s, reload ${fmt(res.server.careful.reloadSeconds)} s`);
    log('load/server: (c) evtui load, (d) reload');
    res.server.evtui = await serverEvtui(ds);
    if (!res.server.evtui.error) log(`  ${fmt(res.server.evtui.seconds)} s (${fmt(res.server.evtui.rssMiB, 0)} MiB), reload ${fmt(res.server.evtui.reloadSeconds)} s`);
  }
  if (targets.includes('pglite')) {
    for (const mode of ['raw', 'pk', 'careful']) {
      log(`load/pglite: ${mode}`);
      res.pglite[mode] = await pgliteChild(mode, csv);
      log(`  ${fmt(res.pglite[mode].seconds)} s (${fmt(res.pglite[mode].rssMiB, 0)} MiB)`);
    }
    log('load/pglite: (c) evtui load, (d) reload');
    res.pglite.evtui = await pgliteEvtui(ds);
    if (!res.pglite.evtui.error) log(`  ${fmt(res.pglite.evtui.seconds)} s (${fmt(res.pglite.evtui.rssMiB, 0)} MiB), reload ${fmt(res.pglite.evtui.reloadSeconds)} s`);
  }
  res.markdown = loadMarkdown(res);
  return res;
}

export function loadMarkdown(res) {
  const n = res.events;
  const out = [];
  for (const where of ['server', 'pglite']) {
    const r = res[where];
    if (!r.raw) continue;
    r.evtui = r.evtui?.error ? { seconds: null, rssMiB: null, reloadSeconds: null, reloadRssMiB: null, error: r.evtui.error } : r.evtui;
    if (!r.evtui) continue;
    const row = (label, s, rss, note = '') => [label, fmt(s), fmtInt(rate(n, s)), rss == null ? '—' : fmt(rss, 0), note];
    out.push(`**${where === 'server' ? 'PostgreSQL 15 server' : 'PGlite'}**, ${fmtInt(n)} events\n`);
    out.push(
      mdTable(['step', 'seconds', 'events/s', 'peak RSS MiB', 'note'], [
        row('(a) raw COPY, no keys or indexes', r.raw.seconds, r.raw.rssMiB, where === 'server' ? 'psql \\copy' : 'COPY from /dev/blob, in a child process'),
        row('(a′) raw COPY, primary key only', r.pk.seconds, r.pk.rssMiB),
        row('(b) staging COPY + INSERT … ON CONFLICT DO NOTHING', r.careful.seconds, r.careful.rssMiB, 'real schema (sql/schema)'),
        row('(b) again, all duplicates', r.careful.reloadSeconds, null),
        row('(c) `evtui load` (whole process)', r.evtui.seconds, r.evtui.rssMiB, r.evtui.counts ? `inserted ${fmtInt(r.evtui.counts.inserted)}` : ''),
        row('(d) `evtui load` again, all duplicates', r.evtui.reloadSeconds, r.evtui.reloadRssMiB, r.evtui.reloadCounts ? `duplicates ${fmtInt(r.evtui.reloadCounts.duplicates)}` : ''),
      ]),
    );
    if (r.evtui.error) {
      out.push(`\n\`evtui load\` failed: ${r.evtui.error}\n`);
      continue;
    }
    const ca = r.evtui.seconds / r.raw.seconds;
    const speed = r.careful.seconds / r.evtui.seconds;
    out.push(
      `\n(c)/(a) time ratio: **${fmt(ca)}×** the raw COPY ceiling. ` +
        `(b)/(c) = **${fmt(speed)}** — evtui load runs at ${fmt(speed * 100, 0)} % of the hand-written load's speed (goal ≥ 1.0, never < 0.8). ` +
        `Reload/first load: **${fmt(r.evtui.reloadSeconds / r.evtui.seconds)}** (goal ≤ 1.0). Peak RSS ${fmt(Math.max(r.evtui.rssMiB, r.evtui.reloadRssMiB), 0)} MiB (goal < 300).\n`,
    );
  }
  return out.join('\n');
}
