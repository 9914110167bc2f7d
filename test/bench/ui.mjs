// UI timing (issue #4): `evtui` in a pseudo-terminal, on an existing PGlite
// directory and on the server, both holding the 1M-event benchmark data.
// Measures launch → first output, launch → the first frame listing the
// metrics, and a metric switch (`j`, then Enter if the result does not
// follow by itself) → the frame that settles (the query's result drawn).
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import pty from 'node-pty';
import { BIN, DATA_DIR, dbUrl, fmt, log, mdTable, median, now } from './lib.mjs';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const strip = (s) => s.replace(ANSI, '');

/** A pty session whose output is kept with arrival times, for text and quiet detection. */
function session(args) {
  const term = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 160, rows: 48, cwd: process.cwd(), env: { ...process.env, FORCE_COLOR: '1' } });
  const s = { term, chunks: [], t0: now(), exited: false };
  term.onData((d) => s.chunks.push({ t: now(), d }));
  term.onExit(() => (s.exited = true));
  return s;
}

const textSince = (s, t) => strip(s.chunks.filter((c) => c.t >= t).map((c) => c.d).join(''));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves the time at which `test(text since t)` first holds, or null on timeout. */
async function waitFor(s, since, test, timeoutMs) {
  const end = now() + timeoutMs;
  while (now() < end && !s.exited) {
    let acc = '';
    for (const c of s.chunks) {
      if (c.t < since) continue;
      acc += strip(c.d);
      if (test(acc)) return c.t;
    }
    await sleep(5);
  }
  return null;
}

/** The time of the last output before `quietMs` without any (the settled frame). */
async function settle(s, since, quietMs, timeoutMs) {
  const end = now() + timeoutMs;
  while (now() < end) {
    const last = s.chunks.length ? s.chunks[s.chunks.length - 1].t : since;
    if (last >= since && now() - last >= quietMs) return last;
    if (last < since && now() - since >= timeoutMs) return null;
    await sleep(20);
  }
  return null;
}

const listed = (t) => /\bdau\b/.test(t) && /churn/.test(t) && /retention/.test(t);

async function one(args, quietMs) {
  const s = session(args);
  try {
    const firstOut = await waitFor(s, s.t0, (t) => t.trim().length > 0, 20_000);
    const firstList = await waitFor(s, s.t0, listed, 30_000);
    if (firstList == null) throw new Error(`no metric list within 30 s; screen: ${textSince(s, s.t0).slice(-300).replace(/\s+/g, ' ')}`);
    const initial = await settle(s, firstList, quietMs, 60_000); // the first metric's result drawn
    const tKey = now();
    s.term.write('j');
    const reaction = await waitFor(s, tKey, (t) => t.length > 0, 5_000);
    let settled = await settle(s, tKey, quietMs, 60_000);
    // If the switch only moved the selection, open it.
    const tEnter = now();
    s.term.write('\r');
    const enterReaction = await waitFor(s, tEnter, (t) => t.length > 0, 5_000);
    const afterEnter = await settle(s, tEnter, quietMs, 60_000);
    // The run's own time as the result line shows it ("· 0.05 s ·": runMetric's
    // transaction, query included), so the UI's share of Enter → frame is visible.
    const shown = [...textSince(s, tEnter).matchAll(/· (\d+\.\d+) s ·/g)].pop();
    const enterQueryMs = shown ? Number(shown[1]) * 1000 : null;
    return {
      firstOutputMs: firstOut - s.t0,
      firstListMs: firstList - s.t0,
      initialSettledMs: initial == null ? null : initial - s.t0,
      keyReactionMs: reaction == null ? null : reaction - tKey,
      keySettledMs: settled == null ? null : settled - tKey,
      enterReactionMs: enterReaction == null ? null : enterReaction - tEnter,
      enterSettledMs: afterEnter == null || afterEnter < tEnter ? null : afterEnter - tEnter,
      enterQueryMs,
      enterUiMs: afterEnter == null || afterEnter < tEnter || enterQueryMs == null ? null : afterEnter - tEnter - enterQueryMs,
      screenAfterKey: textSince(s, tKey).slice(-400),
    };
  } finally {
    s.term.write('q');
    await sleep(300);
    if (!s.exited) s.term.kill();
  }
}

export async function benchUi(opts) {
  const runs = opts.runs ?? 3;
  const quietMs = 400;
  const out = { rows: [] };
  const targets = [];
  const dir = path.join(DATA_DIR, 'pglite-metrics-1m');
  if (opts.targets.includes('pglite')) {
    if (fs.existsSync(dir)) targets.push({ label: 'PGlite (existing directory, 1M events)', args: ['--data-dir', dir] });
    else log('ui: no PGlite 1M directory yet (run --only metrics --size 1m first); skipping');
  }
  if (opts.targets.includes('server')) targets.push({ label: 'server (1M events)', args: ['--database-url', dbUrl('evtui_bench_metrics_1m')] });
  for (const t of targets) {
    const rs = [];
    for (let i = 0; i < runs; i++) {
      log(`ui: ${t.label}, run ${i + 1}/${runs}`);
      try {
        rs.push(await one(t.args, quietMs));
      } catch (err) {
        log(`  ${err.message}`);
        out.rows.push({ label: t.label, error: err.message });
        break;
      }
    }
    if (rs.length) {
      const m = (k) => median(rs.map((r) => r[k]).filter((v) => v != null));
      out.rows.push({ label: t.label, runs: rs.length, firstOutputMs: m('firstOutputMs'), firstListMs: m('firstListMs'), keyReactionMs: m('keyReactionMs'), keySettledMs: m('keySettledMs'), enterReactionMs: m('enterReactionMs'), enterSettledMs: m('enterSettledMs'), enterQueryMs: m('enterQueryMs'), enterUiMs: m('enterUiMs'), sample: rs[0].screenAfterKey });
    }
  }
  out.markdown = [
    mdTable(
      ['database', 'launch → first output ms', 'launch → metric list ms', '`j` → first redraw ms', '`j` → settled frame ms', 'Enter → first redraw ms', 'Enter → settled frame ms', 'of which the run (query) ms', 'Enter → frame minus the run ms'],
      out.rows.map((r) => (r.error ? [r.label, `error: ${r.error}`, '', '', '', '', '', '', ''] : [r.label, fmt(r.firstOutputMs, 0), fmt(r.firstListMs, 0), fmt(r.keyReactionMs, 0), fmt(r.keySettledMs, 0), fmt(r.enterReactionMs, 0), fmt(r.enterSettledMs, 0), fmt(r.enterQueryMs, 0), fmt(r.enterUiMs, 0)])),
    ),
    `\n"Settled" is the last output before ${quietMs} ms of silence (the query's result drawn); medians of ${runs} launches.`,
  ].join('\n');
  return out;
}
