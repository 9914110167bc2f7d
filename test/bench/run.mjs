// `npm run bench`: builds, then runs the load, metric, UI and picker benchmarks
// and prints their markdown tables (for docs/performance.md) to stdout; progress
// goes to stderr. A subset:
//   npm run bench -- --only load|metrics|ui|pickers   (repeatable or comma-separated)
//   npm run bench -- --size 1m                (metrics and pickers at 1M only; or 10m)
//   npm run bench -- --only load --size 1gb   (the load of a ~1 GB file instead of the 1M one)
//   npm run bench -- --target server          (server only; or pglite, citus)
//   npm run bench -- --fresh                  (reload the cached benchmark databases)
// Env: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
//      BENCH_CITUS_URL (a Citus coordinator's database: the load part loads ~200k
//      events there too, BENCH_CITUS_SIZE=1m the 1M file, --runs times; skipped
//      with one line without it),
//      BENCH_SKIP_10M=1, BENCH_JSONL_1M / BENCH_JSONL_10M (use an existing file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { DATA_DIR, ROOT, log } from './lib.mjs';

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    target: { type: 'string', multiple: true },
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string' },
  },
});
const split = (xs) => (xs ?? []).flatMap((x) => x.split(',')).map((x) => x.trim().toLowerCase()).filter(Boolean);
const only = split(values.only);
const parts = only.length ? only : ['load', 'metrics', 'ui', 'pickers'];
const sizeArgs = split(values.size);
for (const s of sizeArgs) if (!['1m', '10m', '1gb'].includes(s)) throw new Error(`--size: unknown size ${s} (1m, 10m; 1gb for the load)`);
// The load runs on the 1M file, or on the ~1 GB one with --size 1gb (a load size only).
const loadSizes = sizeArgs.includes('1gb') ? ['1gb'] : ['1m'];
let sizes = sizeArgs.filter((s) => s !== '1gb');
if (!sizes.length) sizes = process.env.BENCH_SKIP_10M === '1' ? ['1m'] : ['1m', '10m'];
const targets = split(values.target).length ? split(values.target) : ['server', 'pglite', 'citus'];
for (const p of parts) if (!['load', 'metrics', 'ui', 'pickers'].includes(p)) throw new Error(`--only: unknown part ${p} (load, metrics, ui, pickers)`);
for (const t of targets) if (!['server', 'pglite', 'citus'].includes(t)) throw new Error(`--target: unknown target ${t} (server, pglite, citus)`);

function pgVersion() {
  try {
    return execFileSync('psql', ['-X', '-At', '-d', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', '-c', 'show server_version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

function gitHead() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'src', 'sql'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in src/ or sql/` : head;
  } catch {
    return 'unknown';
  }
}

const machine = {
  date: new Date().toISOString(),
  commit: gitHead(),
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgres: pgVersion(),
  pglite: pkgVersion('@electric-sql/pglite'),
  duckdb: pkgVersion('@duckdb/node-api'),
  command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
};
log(`machine: ${JSON.stringify(machine)}`);

// The machine is shared: the 1-minute load average, sampled every 15 s while
// each part runs, says how busy it was (absolute times scale with it).
function loadSampler() {
  const xs = [os.loadavg()[0]];
  const timer = setInterval(() => xs.push(os.loadavg()[0]), 15_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    xs.push(os.loadavg()[0]);
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1], samples: xs.length };
  };
}
const loadNote = (l) => `Load average (1 min, sampled every 15 s) during this part: median ${l.median.toFixed(2)}, range ${l.min.toFixed(2)}–${l.max.toFixed(2)} on ${os.cpus().length} CPUs.\n`;

const report = { machine };
const md = [`## Run ${machine.date} (commit ${machine.commit})\n`, '```', `${machine.command}`, `${machine.cpus}, ${machine.memGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, PGlite ${machine.pglite}, DuckDB ${machine.duckdb}`, '```\n'];

if (parts.includes('load')) {
  const { benchLoad } = await import('./load.mjs');
  const done = loadSampler();
  report.load = {};
  md.push('### Load\n');
  for (const size of loadSizes) {
    const r = await benchLoad({ targets, loadSize: size, citusRuns: values.runs ? Number(values.runs) : 1 });
    report.load[size] = r;
    md.push(r.markdown);
  }
  report.load.loadavg = done();
  md.push(loadNote(report.load.loadavg));
}
if (parts.includes('metrics')) {
  const { benchMetrics } = await import('./metrics.mjs');
  const done = loadSampler();
  report.metrics = await benchMetrics({ sizes, targets, fresh: values.fresh, runs: values.runs ? Number(values.runs) : undefined });
  report.metrics.loadavg = done();
  md.push('### Metrics\n', report.metrics.markdown, loadNote(report.metrics.loadavg));
  const { explainMarkdown } = await import('./metrics.mjs');
  md.push('### EXPLAIN (ANALYZE, BUFFERS) of the slowest cases\n', explainMarkdown(report.metrics));
}
if (parts.includes('ui')) {
  const { benchUi } = await import('./ui.mjs');
  const done = loadSampler();
  report.ui = await benchUi({ targets, runs: values.runs ? Number(values.runs) : undefined });
  report.ui.loadavg = done();
  md.push('### UI\n', report.ui.markdown, loadNote(report.ui.loadavg));
}
if (parts.includes('pickers')) {
  const { benchPickers } = await import('./pickers.mjs');
  const done = loadSampler();
  report.pickers = await benchPickers({ sizes, targets, fresh: values.fresh, runs: values.runs ? Number(values.runs) : undefined });
  report.pickers.loadavg = done();
  md.push('### UI pickers\n', report.pickers.markdown, loadNote(report.pickers.loadavg));
}

fs.mkdirSync(DATA_DIR, { recursive: true });
const stamp = machine.date.replace(/[:.]/g, '-');
fs.writeFileSync(path.join(DATA_DIR, `results-${stamp}.json`), JSON.stringify(report, null, 2));
fs.writeFileSync(path.join(DATA_DIR, `results-${stamp}.md`), md.join('\n') + '\n');
log(`results written to test/bench/.data/results-${stamp}.{json,md}`);
process.stdout.write(md.join('\n') + '\n');
