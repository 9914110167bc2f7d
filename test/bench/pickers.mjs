// Picker benchmark (issue #16): what the UI's `f` (filters), `b` (breakdown)
// and funnel-step pickers read (src/metrics/properties.ts: userProperties,
// eventProperties, eventNames), through the built app, on the server and on
// PGlite, at 1M and 10M events (the metric benchmark's cached databases), on
// the default window and the last 90 days. Budget: a picker opens within 1 s.
// The database is first opened and given the metric the UI runs at launch
// (dau): a freshly opened PGlite spends about 1 s more on its first query,
// whichever it is, and the UI has paid that before a picker can open.
import path from 'node:path';
import { csvOf, dataset, fmt, fmtInt, log, mdTable, ROOT } from './lib.mjs';
import { pgliteDb, serverDb } from './metrics-data.mjs';
import { timeRuns } from './metrics.mjs';

const BUDGET_MS = 1000;
const addDays = (ymd, n) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Each reader once per window on one database: the median ms, and how many rows it read. */
async function timeReaders(db, readers, windows, runs) {
  const out = [];
  for (const w of windows) {
    for (const [name, fn] of readers) {
      const r = await timeRuns(() => fn(db, w.input), runs);
      out.push({ reader: name, window: w.label, ms: r.ms, first: r.first, runs: r.runs, read: r.result.read, capped: r.result.capped });
    }
  }
  return out;
}

export async function benchPickers(opts) {
  const { userProperties, eventProperties, eventNames, MAX_USERS, MAX_EVENTS, MAX_NAMES } = await import(path.join(ROOT, 'dist/src/metrics/properties.js'));
  const { runMetric } = await import(path.join(ROOT, 'dist/src/metrics/run.js'));
  const readers = [
    ['userProperties', userProperties],
    ['eventProperties', eventProperties],
    ['eventNames', eventNames],
  ];
  const out = { sizes: {} };
  for (const size of opts.sizes) {
    const ds = await dataset(size);
    const csv = await csvOf(ds);
    const runs = opts.runs ?? 5;
    const s = { events: ds.lines, rows: [] };
    out.sizes[size] = s;
    // one database open at a time: the 10M PGlite directory alone fills much of the memory
    for (const target of ['server', 'pglite'].filter((t) => opts.targets.includes(t))) {
      const db = target === 'server' ? await serverDb(ds, csv, opts.fresh) : await pgliteDb(ds, csv, opts.fresh);
      try {
        await runMetric(db, 'dau', {});
        const latest = (await db.query('select max(event_time) as t from events')).rows[0].t;
        s.latestDay = new Date(latest).toISOString().slice(0, 10);
        const windows = [
          { label: 'default', input: {} },
          { label: '90d', input: { from: addDays(s.latestDay, -89), to: s.latestDay } },
        ];
        for (const r of await timeReaders(db, readers, windows, runs)) {
          log(`pickers/${size} ${target} ${r.reader} [${r.window}]: ${fmt(r.ms, 1)} ms (first ${fmt(r.first, 1)}), read ${r.read}${r.capped ? ' (capped)' : ''}`);
          let row = s.rows.find((x) => x.reader === r.reader && x.window === r.window);
          if (!row) s.rows.push((row = { reader: r.reader, window: r.window }));
          Object.assign(row, { read: r.read, capped: r.capped, [`${target}Ms`]: r.ms, [`${target}FirstMs`]: r.first });
        }
      } finally {
        await db.close();
      }
    }
  }
  const over = (ms) => (ms == null ? '—' : `${fmt(ms, 1)}${ms > BUDGET_MS ? ' ✗' : ''}`);
  const md = [];
  for (const [size, s] of Object.entries(out.sizes)) {
    md.push(`**${size}: ${fmtInt(s.events)} events** (latest day ${s.latestDay})\n`);
    const head = ['reader', 'window', 'read', 'server ms', 'server first ms', 'PGlite ms', 'PGlite first ms'];
    md.push(mdTable(head, s.rows.map((r) => [r.reader, r.window, `${fmtInt(r.read)}${r.capped ? ' (cap)' : ''}`, over(r.serverMs), over(r.serverFirstMs), over(r.pgliteMs), over(r.pgliteFirstMs)])));
    md.push('');
  }
  md.push(`Medians of ${opts.runs ?? 5} runs after a warm-up (first: the warm-up, the reader's first read in a session that opened the database and ran dau, as the UI does at launch, and the readers above it); read = signups (userProperties, cap ${fmtInt(MAX_USERS)}) or events (eventProperties, cap ${fmtInt(MAX_EVENTS)}; eventNames, cap ${fmtInt(MAX_NAMES)}); ✗ = over the ${BUDGET_MS} ms a picker has to open.\n`);
  out.markdown = md.join('\n');
  return out;
}
