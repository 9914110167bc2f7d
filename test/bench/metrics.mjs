// Metric benchmark (issue #3): every metric through the app's own runner
// (runMetric, built JS) on the server at 1M and 10M events and on PGlite at
// 1M, against the same definitions on DuckDB in memory over the same rows.
// Each case: one warm-up, then the median of several runs.
import fs from 'node:fs';
import path from 'node:path';
import { diffRows } from './compare.mjs';
import { csvOf, dataset, fmt, fmtInt, log, mdTable, now, median, ROOT } from './lib.mjs';
import { duckDb, duckQuery, pgliteDb, runDuck, serverDb } from './metrics-data.mjs';

const distImport = (rel, root = ROOT) => import(path.join(root, 'dist/src', rel));
// BENCH_BASELINE: the root of another checkout, built (npm run build), whose
// metrics run beside these on a server database of their own, same data.
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;

const addDays = (ymd, n) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// funnel needs its steps: a signup, then a feature used, then a purchase within 7 days.
const OWN_INPUT = { funnel: { steps: ['signup', 'feature_used', 'purchase'], window_days: 7 } };
// --by, --segment and --where (SPEC §5 "Segments and breakdowns") on these metrics, over the
// default window; plan, platform and source are properties of the generated signups, and
// every generated event carries the user's platform.
const SEGMENTED = ['dau', 'signups', 'retention', 'cohort_retention', 'churn', 'events_by_name', 'active_users', 'lifecycle', 'funnel'];
const SEGMENT_CASES = [
  { label: 'default by plan', kind: 'by', input: { by: 'plan' } },
  { label: 'default segment plan=pro', kind: 'segment', input: { segment: { plan: 'pro' } } },
  { label: 'default where platform=ios', kind: 'where', input: { where: { platform: 'ios' } } },
];

/** Parameter sets: the defaults, a 30-day window in the middle of the data, the last 90 days; then the segmented cases. */
function cases(metrics, latestDay, size) {
  const all = [
    { label: 'default', input: {} },
    { label: '30d', input: { from: addDays(latestDay, -59), to: addDays(latestDay, -30) } },
    { label: '90d', input: { from: addDays(latestDay, -89), to: latestDay } },
  ];
  // At 10M the default (last 30 days) and 90-day windows keep the run near 10 minutes.
  const windows = size === '10m' ? all.filter((w) => w.label !== '30d') : all;
  const out = [];
  for (const m of metrics) {
    const own = OWN_INPUT[m] ?? {};
    for (const w of windows) out.push({ metric: m, label: w.label, input: { ...own, ...w.input } });
    if (m === 'cohort_retention') out.push({ metric: m, label: '90d month', input: { ...all[2].input, granularity: 'month' } });
  }
  for (const m of SEGMENTED.filter((x) => metrics.includes(x))) {
    for (const c of SEGMENT_CASES) out.push({ metric: m, label: c.label, kind: c.kind, input: { ...OWN_INPUT[m], ...c.input }, segmented: true });
  }
  return out;
}

/** A Db that records the statements the runner sends (to EXPLAIN exactly those). */
function recording(db, statements) {
  const wrap = (s) => ({
    async query(sql, params) {
      const t0 = now();
      const r = await s.query(sql, params);
      statements.push({ sql, params, ms: now() - t0 });
      return r;
    },
    async exec(sql) {
      statements.push({ sql, params: [], ms: 0 });
      return s.exec(sql);
    },
    copyFrom: (a, b) => s.copyFrom(a, b),
  });
  return { kind: db.kind, location: db.location, ...wrap(db), transaction: (fn, opts) => db.transaction((s) => fn(wrap(s)), opts), close: () => db.close() };
}

/** One warm-up (`first`), then the median of `runs` runs (a warm-up over 10 s is the figure alone). */
export async function timeRuns(fn, runs) {
  const t0 = now();
  let result = await fn(); // warm-up
  const warm = now() - t0;
  // A query over 10 s is not repeated: its warm-up is its figure (runs = 0).
  if (warm > 10_000) return { ms: warm, first: warm, runs: 0, result };
  const n = runs;
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    result = await fn();
    ms.push(now() - t);
  }
  return { ms: median(ms), first: warm, runs: n, result };
}

async function explain(db, statements) {
  const target = statements.reduce((a, b) => (b.ms > a.ms ? b : a));
  const sets = statements.filter((s) => /^\s*set\b/i.test(s.sql));
  const plan = await db.transaction(async (s) => {
    for (const st of sets) await s.exec(st.sql);
    return s.query(`explain (analyze, buffers) ${target.sql}`, target.params);
  });
  return { sql: target.sql, params: target.params, plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n') };
}

export async function benchMetrics(opts) {
  const { runMetric } = await distImport('metrics/run.js');
  const baseRun = BASELINE ? (await distImport('metrics/run.js', BASELINE)).runMetric : null;
  const { METRICS } = await distImport('metrics/catalogue.js');
  const listed = METRICS.filter((m) => m.listed).map((m) => m.name);
  const names = listed.length ? listed : fs.readdirSync(path.join(ROOT, 'test/bench/duckdb')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''));
  const out = { sizes: {}, mismatches: [], explains: [] };
  for (const size of opts.sizes) {
    const ds = await dataset(size);
    const csv = await csvOf(ds);
    const runs = opts.runs ?? (size === '1m' ? 5 : 2);
    const duck = await duckDb(csv);
    const server = opts.targets.includes('server') ? await serverDb(ds, csv, opts.fresh) : null;
    const baseline = server && BASELINE ? await serverDb(ds, csv, opts.fresh, BASELINE) : null;
    const pglite = opts.targets.includes('pglite') && size === '1m' ? await pgliteDb(ds, csv, opts.fresh) : null;
    const ref = server ?? pglite;
    const latest = (await ref.query('select max(event_time) as t from events')).rows[0].t;
    const latestDay = new Date(latest).toISOString().slice(0, 10);
    const scan = await timeRuns(() => ref.query('select count(*) from events'), runs);
    const rows = [];
    out.sizes[size] = { events: ds.lines, latestDay, countStarMs: scan.ms, rows };
    const tooSlow = new Set();
    for (const c of cases(names, latestDay, size)) {
      const row = { metric: c.metric, label: c.label, kind: c.kind };
      if (tooSlow.has(c.metric)) {
        log(`metrics/${size} ${c.metric} [${c.label}]: skipped (an earlier window took over 60 s)`);
        rows.push({ ...row, skipped: true });
        continue;
      }
      let params;
      let appRows;
      let columns;
      const statements = [];
      try {
        if (server) {
          const rec = recording(server, statements);
          const sqlMs = []; // the metric statement's own time, without the runner's other queries
          const r = await timeRuns(async () => {
            statements.length = 0;
            const res = await runMetric(rec, c.metric, c.input);
            sqlMs.push(Math.max(...statements.map((st) => st.ms)));
            return res;
          }, runs);
          Object.assign(row, { serverMs: r.ms, serverSqlMs: median(sqlMs.length > 1 ? sqlMs.slice(1) : sqlMs), runs: r.runs, rowsOut: r.result.rows.length });
          ({ params, rows: appRows, columns } = r.result);
          row.statements = statements.map((s) => ({ sql: s.sql, params: s.params, ms: s.ms }));
        }
        // an older build may not know a metric or a flag: that case has no baseline time
        if (baseline && !c.segmented) {
          try {
            const r = await timeRuns(() => baseRun(baseline, c.metric, c.input), runs);
            row.baseMs = r.ms;
            const d = appRows && diffRows(c.metric, columns, r.result.rows, appRows);
            if (d) out.mismatches.push({ size, metric: c.metric, case: c.label, against: 'baseline vs server', diff: d });
          } catch (err) {
            row.baseError = err.message.split('\n')[0];
          }
        }
        if (pglite) {
          const r = await timeRuns(() => runMetric(pglite, c.metric, c.input), runs);
          row.pgliteMs = r.ms;
          if (appRows) {
            const d = diffRows(c.metric, columns, r.result.rows, appRows);
            if (d) out.mismatches.push({ size, metric: c.metric, case: c.label, against: 'PGlite vs server', diff: d });
          } else ({ params, rows: appRows, columns } = r.result);
        }
      } catch (err) {
        row.error = err.message.split('\n')[0];
        log(`  ${c.metric} ${c.label}: app error: ${row.error}`);
      }
      const dsql = duckQuery(c.metric, c.segmented);
      if (dsql && params) {
        try {
          const bound = { ...params };
          const r = await timeRuns(() => runDuck(duck.con, dsql, bound), runs);
          row.duckMs = r.ms;
          if (appRows) {
            const d = diffRows(c.metric, columns, appRows, r.result);
            if (d) out.mismatches.push({ size, metric: c.metric, case: c.label, against: 'app vs DuckDB', diff: d, params });
          }
        } catch (err) {
          row.duckError = err.message.split('\n')[0];
          log(`  ${c.metric} ${c.label}: DuckDB error: ${row.duckError}`);
        }
      }
      if (row.serverMs > 60_000) tooSlow.add(c.metric);
      log(`metrics/${size} ${c.metric} [${c.label}]: server ${fmt(row.serverMs, 1)} ms, duckdb ${fmt(row.duckMs, 1)} ms, pglite ${fmt(row.pgliteMs, 1)} ms${baseline ? `, baseline ${fmt(row.baseMs, 1)} ms` : ''}`);
      rows.push(row);
    }
    // EXPLAIN the slowest few server cases, replaying the runner's own statements.
    if (server) {
      const slow = rows.filter((r) => r.statements?.length).sort((a, b) => b.serverMs - a.serverMs).slice(0, opts.explainTop ?? 4);
      for (const r of slow) {
        try {
          out.explains.push({ size, metric: r.metric, case: r.label, serverMs: r.serverMs, ...(await explain(server, r.statements)) });
        } catch (err) {
          log(`  EXPLAIN ${r.metric}: ${err.message}`);
        }
      }
    }
    for (const r of rows) delete r.statements;
    await server?.close();
    await baseline?.close();
    await pglite?.close();
    duck.con.closeSync?.();
  }
  out.markdown = metricsMarkdown(out);
  return out;
}

export function metricsMarkdown(out) {
  const md = [];
  for (const [size, s] of Object.entries(out.sizes)) {
    md.push(`**${size}: ${fmtInt(s.events)} events** (latest day ${s.latestDay}; \`select count(*) from events\`: ${fmt(s.countStarMs, 0)} ms)\n`);
    const hasPglite = s.rows.some((r) => r.pgliteMs != null);
    const hasBase = s.rows.some((r) => r.baseMs != null);
    const head = ['metric', 'window', 'rows', 'server ms', 'of which SQL', 'DuckDB ms', 'server/DuckDB', ...(hasBase ? ['previous ms', 'server/previous'] : []), ...(hasPglite ? ['PGlite ms', 'PGlite/server'] : [])];
    md.push(
      mdTable(
        head,
        s.rows.map((r) => r.skipped ? [r.metric, r.label, 'skipped (slower than 60 s in an earlier window)'] : [
          r.metric, r.label, r.rowsOut ?? '—', r.error ? `error: ${r.error}` : fmt(r.serverMs, 1), fmt(r.serverSqlMs, 1), r.duckError ? 'error' : fmt(r.duckMs, 1),
          r.serverMs != null && r.duckMs ? `${fmt(r.serverMs / r.duckMs)}${r.serverMs > r.duckMs ? ' ✗' : ''}` : '—',
          ...(hasBase ? [fmt(r.baseMs, 1), r.baseMs && r.serverMs != null ? `${fmt(r.serverMs / r.baseMs)}${r.serverMs > 1.25 * r.baseMs ? ' ✗' : ''}` : '—'] : []),
          ...(hasPglite ? [fmt(r.pgliteMs, 1), r.pgliteMs != null && r.serverMs ? `${fmt(r.pgliteMs / r.serverMs)}${r.pgliteMs > 3 * r.serverMs ? ' ✗' : ''}` : '—'] : []),
        ]),
      ),
    );
    md.push('');
    md.push(segmentedMarkdown(s.rows));
  }
  md.push(`**Cross-check** (the app's rows against DuckDB's, and PGlite's against the server's): ${out.mismatches.length ? `${out.mismatches.length} mismatch(es)` : 'every case equal'}\n`);
  for (const m of out.mismatches) md.push(`- ${m.size} ${m.metric} [${m.case}] ${m.against}: ${m.diff}`);
  return md.join('\n');
}

/**
 * Each segmented case beside the same metric over the same (default) window
 * without it: the budget is 1.5x for --by.
 */
function segmentedMarkdown(rows) {
  const plain = new Map(rows.filter((r) => r.label === 'default').map((r) => [r.metric, r]));
  const metrics = [...new Set(rows.filter((r) => r.kind).map((r) => r.metric))];
  if (!metrics.length) return '';
  const of = (m, kind) => rows.find((r) => r.metric === m && r.kind === kind);
  const ratio = (a, b, budget) => (a != null && b ? `${fmt(a / b)}${budget && a > budget * b ? ' ✗' : ''}` : '—');
  const hasPglite = rows.some((r) => r.pgliteMs != null);
  const head = ['metric', 'server ms', 'by plan ms', 'by/without', 'segment ms', 'segment/without', 'where ms', 'where/without', ...(hasPglite ? ['PGlite ms', 'PGlite by ms', 'PGlite by/without'] : [])];
  const body = metrics.map((m) => {
    const p = plain.get(m) ?? {};
    const by = of(m, 'by') ?? {};
    const seg = of(m, 'segment') ?? {};
    const wh = of(m, 'where') ?? {};
    return [
      m, fmt(p.serverMs, 1), fmt(by.serverMs, 1), ratio(by.serverMs, p.serverMs, 1.5), fmt(seg.serverMs, 1), ratio(seg.serverMs, p.serverMs),
      fmt(wh.serverMs, 1), ratio(wh.serverMs, p.serverMs),
      ...(hasPglite ? [fmt(p.pgliteMs, 1), fmt(by.pgliteMs, 1), ratio(by.pgliteMs, p.pgliteMs, 1.5)] : []),
    ];
  });
  return `Segments and breakdowns, default window, against the same metric without them (budget: --by at most 1.5×):\n\n${mdTable(head, body)}\n`;
}

export function explainMarkdown(out) {
  return out.explains
    .map((e) => `### ${e.metric} [${e.case}] at ${e.size} — ${fmt(e.serverMs, 0)} ms\n\nParameters: \`${JSON.stringify(e.params)}\`\n\n\`\`\`\n${e.plan}\n\`\`\`\n`)
    .join('\n');
}
