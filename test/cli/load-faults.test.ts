import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evtui, evtuiAsync, ROWS_SQL, sleep, type Run } from '../ingest/cli-helpers.js';
import { scratchDir } from '../ingest/helpers.js';
import { privateServerAvailable, startPrivateServer, type PrivateServer } from '../helpers/private-server.js';

/**
 * Faults during a load into a server: its connections terminated, the server
 * restarted, the server stopped for good. On a private server of the test's
 * own, never the shared one. Either the load retries its batch and completes,
 * or it stops with one line and exit 1 and a rerun completes; either way the
 * table equals one clean load.
 */
const dir = scratchDir();
let server: PrivateServer;
let file = '';
let valid = 0;
let clean: unknown[] = [];

beforeAll(async () => {
  if (!privateServerAvailable()) return;
  server = await startPrivateServer();
  // ~80k generated events and a bad line every 1,000: the rejects file appears once the first batch is in.
  const g = evtui(['generate', '--users', '8000', '--days', '30', '--seed', 'faults']);
  expect(g.status).toBe(0);
  const lines = g.stdout.trimEnd().split('\n');
  valid = lines.length;
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(l);
    if (i % 1000 === 999) out.push('{"broken": ');
  });
  file = path.join(dir, 'events.jsonl');
  fs.writeFileSync(file, out.join('\n') + '\n');
  const url = await server.createDatabase('clean');
  const c = evtui(['--database-url', url, 'load', file, '--format', 'json', '--rejects', path.join(dir, 'clean.rejects.jsonl')]);
  expect(JSON.parse(c.stdout)).toMatchObject({ inserted: valid });
  clean = await server.query('clean', ROWS_SQL);
}, 300_000);

afterAll(() => {
  server?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a load into a new database of the private server; resolves once its first batch is committed. */
async function startLoad(name: string) {
  const url = await server.createDatabase(name);
  const rejects = path.join(dir, `${name}.rejects.jsonl`);
  const args = ['--database-url', url, 'load', file, '--batch-size', '1000', '--format', 'json', '--rejects', rejects];
  const load = evtuiAsync(args);
  const t0 = Date.now();
  while (!fs.existsSync(rejects) && Date.now() - t0 < 60_000) await sleep(10);
  const stored = Number((await server.query<{ n: string }>(name, 'select count(*) as n from events'))[0]!.n);
  // the fault comes mid-load: something stored, much still to come
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(valid / 2);
  expect(load.child.exitCode).toBeNull();
  return { url, args, done: load.done };
}

function finished(r: Run) {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(3); // the bad lines
  const o = JSON.parse(r.stdout) as { lines: number; inserted: number; duplicates: number; conflicts: number; rejected: number };
  const bad = Math.floor(valid / 1000);
  expect(o.lines).toBe(valid + bad);
  expect(o.inserted + o.duplicates).toBe(valid);
  expect([o.conflicts, o.rejected]).toEqual([0, bad]);
}

describe.skipIf(!privateServerAvailable())('load faults [private server]', () => {
  it('the loader connections terminated mid-load: the batch is retried and the load completes', async () => {
    const { done } = await startLoad('terminated');
    const killed = await server.query<{ ok: boolean }>('postgres', `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = 'terminated'`);
    expect(killed.length).toBeGreaterThan(0);
    finished(await done);
    expect(await server.query('terminated', ROWS_SQL)).toEqual(clean);
  });

  it('the server restarted mid-load: the load waits for it, retries the batch and completes', async () => {
    const { done } = await startLoad('restarted');
    server.restart();
    finished(await done);
    expect(await server.query('restarted', ROWS_SQL)).toEqual(clean);
  });

  it('the server stopped for good: one line, exit 1, no stack trace; once it is back a rerun completes', async () => {
    const { args, done } = await startLoad('stopped');
    server.stop();
    let r: Run;
    try {
      r = await done;
    } finally {
      server.start();
    }
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^evtui: the load stopped: .+; [\d,]+ lines were written before it, in whole batches; run the same load again to finish it\n$/);
    finished(evtui(args));
    expect(await server.query('stopped', ROWS_SQL)).toEqual(clean);
  }, 120_000);
});
