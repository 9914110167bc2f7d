// Shared helpers for the benchmarks: timing, child processes with peak RSS,
// the cached generated data, and throwaway PostgreSQL databases.
// Benchmarks are never timed tests: nothing here is picked up by vitest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '../..');
export const DATA_DIR = path.join(BENCH_DIR, '.data');
// BENCH_BIN: another build of evtui (an earlier commit's checkout) to compare with in the same run.
export const BIN = process.env.BENCH_BIN ? path.resolve(process.env.BENCH_BIN) : path.join(ROOT, 'dist/src/bin.js');
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function log(msg) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export const now = () => performance.now();

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function fmtInt(n) {
  return n == null ? '—' : Math.round(n).toLocaleString('en-US');
}
export function fmt(n, digits = 2) {
  return n == null || Number.isNaN(n) ? '—' : n.toFixed(digits);
}

/** A markdown table from a header row and rows of cells. */
export function mdTable(head, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '—')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const HAS_TIME = fs.existsSync('/usr/bin/time');

/** The process GNU time runs (its one child), or the pid itself without GNU time. */
function measuredPid(pid) {
  if (!HAS_TIME) return pid;
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]) || null;
  } catch {
    return null;
  }
}

const STATUS_FIELDS = ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem'];

/** VmRSS, RssAnon, RssFile, RssShmem of a process in MiB, or null once it has ended. */
function memoryOf(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const out = {};
    for (const f of STATUS_FIELDS) out[f] = Number(new RegExp(`${f}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) / 1024;
    return out;
  } catch {
    return null;
  }
}

/**
 * Runs a command to completion and reports wall seconds and peak RSS (MiB).
 * Peak RSS comes from GNU time's "Maximum resident set size" when present
 * (it covers the process itself), else from polling /proc/<pid>/status VmHWM.
 * opts.sampleMs: also sample the process's /proc status (VmRSS, RssAnon,
 * RssFile, RssShmem) that often; the result then has `memory`: the samples
 * ([seconds, VmRSS, RssAnon, RssFile, RssShmem]) and each field's peak.
 */
export function runTimed(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const argv = HAS_TIME ? ['/usr/bin/time', ['-v', cmd, ...args]] : [cmd, args];
    const t0 = now();
    const child = spawn(argv[0], argv[1], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = HAS_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            /* the process just ended */
          }
        }, 20);
    const samples = [];
    let target = null;
    const sampler = opts.sampleMs
      ? setInterval(() => {
          target ??= measuredPid(child.pid);
          const m = target && memoryOf(target);
          if (m) samples.push([(now() - t0) / 1000, ...STATUS_FIELDS.map((f) => m[f])]);
        }, opts.sampleMs)
      : null;
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (now() - t0) / 1000;
      if (poll) clearInterval(poll);
      if (sampler) clearInterval(sampler);
      const memory = sampler ? { fields: ['seconds', ...STATUS_FIELDS], samples, peak: Object.fromEntries(STATUS_FIELDS.map((f, i) => [f, Math.max(0, ...samples.map((x) => x[i + 1]))])) } : undefined;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) hwm = Number(m[1]);
      if (HAS_TIME) stderr = stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '');
      const ok = opts.allowExit ? opts.allowExit.includes(code) : code === 0;
      if (!ok) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ seconds, rssMiB: hwm / 1024, stdout, stderr, code, memory });
    });
  });
}

// ---- PostgreSQL server ----

export function dbUrl(name) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function psql(url, args) {
  return runTimed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args]);
}

export async function createDb(name) {
  await psql(ADMIN_URL, ['-c', `drop database if exists ${name}`, '-c', `create database ${name}`]);
  return dbUrl(name);
}
export async function dropDb(name) {
  await psql(ADMIN_URL, ['-c', `drop database if exists ${name}`]);
}

// ---- generated data, cached under test/bench/.data ----

export const SIZES = {
  // users/days chosen so the generator gives about 1M and 10M events (~10 per user).
  // The generator gives ~16 events per user over 60 days: a 60-day span keeps
  // the 30-day and 90-day windows different from each other.
  '1m': { users: Number(process.env.BENCH_USERS_1M ?? 62_000), days: 60, label: '1M' },
  '10m': { users: Number(process.env.BENCH_USERS_10M ?? 620_000), days: 60, label: '10M' },
  // The Citus load's default (BENCH_CITUS_SIZE): a load there is ~5× slower than on the server.
  '200k': { users: Number(process.env.BENCH_USERS_200K ?? 12_000), days: 60, label: '200k' },
  // A load-only size: about 1 GB of JSONL (~190 bytes and ~17 events per user over 60 days).
  '1gb': { users: Number(process.env.BENCH_USERS_1GB ?? 330_000), days: 60, label: '1 GB' },
};
export const GEN_SEED = 42;
export const GEN_START = '2025-01-01';

/** A changed generator must not reuse an old cached file. */
function generatorHash() {
  const h = crypto.createHash('sha256');
  for (const f of ['dist/src/ingest/generate.js', 'dist/src/ingest/random.js']) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 8);
}

async function countLines(file) {
  let n = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) n++;
  return n;
}

/** The JSONL for one size (generated once with `evtui generate`), and its line count. */
export async function dataset(size) {
  const spec = SIZES[size];
  fs.mkdirSync(DATA_DIR, { recursive: true });
  // BENCH_JSONL_1M / BENCH_JSONL_10M: bring your own file instead of generating one.
  const own = process.env[`BENCH_JSONL_${size.toUpperCase()}`];
  const base = own ? `own-${size}-${path.basename(own, '.jsonl')}` : `events-${size}-u${spec.users}-d${spec.days}-s${GEN_SEED}-g${generatorHash()}`;
  const jsonl = own ? path.resolve(own) : path.join(DATA_DIR, `${base}.jsonl`);
  const meta = path.join(DATA_DIR, `${base}.meta.json`);
  if (own && !fs.existsSync(meta)) fs.writeFileSync(meta, JSON.stringify({ lines: await countLines(jsonl) }));
  if (!fs.existsSync(meta) || !fs.existsSync(jsonl)) {
    log(`generating ${spec.label} events: evtui generate --users ${spec.users} --days ${spec.days} --seed ${GEN_SEED} --start ${GEN_START}`);
    const t0 = now();
    const out = fs.createWriteStream(jsonl);
    const child = spawn(process.execPath, [BIN, 'generate', '--users', String(spec.users), '--days', String(spec.days), '--seed', String(GEN_SEED), '--start', GEN_START], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(out);
    const written = new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
    const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve));
    if (code !== 0) throw new Error(`evtui generate exited ${code}`);
    await written;
    const lines = await countLines(jsonl);
    fs.writeFileSync(meta, JSON.stringify({ lines, generateSeconds: (now() - t0) / 1000 }));
    log(`generated ${lines} events in ${((now() - t0) / 1000).toFixed(1)} s`);
  }
  const m = JSON.parse(fs.readFileSync(meta, 'utf8'));
  return { size, jsonl, lines: m.lines, base, csv: path.join(DATA_DIR, `${base}.csv`), spec };
}

function csvField(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The same rows as COPY CSV (event_id, event_name, event_time, user_id, properties),
 * converted once and cached: the baselines time COPY, not this conversion.
 */
export async function csvOf(ds) {
  if (fs.existsSync(ds.csv) && fs.statSync(ds.csv).mtimeMs >= fs.statSync(ds.jsonl).mtimeMs) return ds.csv;
  log(`converting ${path.basename(ds.jsonl)} to CSV for COPY (not timed)`);
  const tmp = `${ds.csv}.tmp`;
  const out = fs.createWriteStream(tmp);
  const rl = readline.createInterface({ input: fs.createReadStream(ds.jsonl), crlfDelay: Infinity });
  let buf = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    buf.push([e.event_id, e.event_name, e.event_time, String(e.user_id), JSON.stringify(e.properties ?? {})].map(csvField).join(','));
    if (buf.length >= 5000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  await new Promise((r) => out.end(r));
  fs.renameSync(tmp, ds.csv);
  return ds.csv;
}

export const COLS = 'event_id, event_name, event_time, user_id, properties';
