import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { scratchDir } from '../ingest/helpers.js';
import { evtui, evtuiAsync, ROWS_SQL, sleep, withDbOf } from '../ingest/cli-helpers.js';

/**
 * SPEC §4: a load killed at any point and run again ends with exactly the rows
 * of one clean load; two loads of one file at once store each event once.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// ~30k generated events with a bad line every 1,000 lines: the rejects file
// appears when the first batch has committed, which tells us when to kill.
let file = '';
let valid = 0;
beforeAll(() => {
  const g = evtui(['generate', '--users', '3000', '--days', '30', '--seed', 'kill']);
  expect(g.status).toBe(0);
  const lines = g.stdout.trimEnd().split('\n');
  valid = lines.length;
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(l);
    if (i % 1000 === 999) out.push('{"broken": ');
  });
  file = path.join(dir, 'big.jsonl');
  fs.writeFileSync(file, out.join('\n') + '\n');
});

async function rows(cliArgs: string[]) {
  return withDbOf(cliArgs, async (db) => (await db.query(ROWS_SQL)).rows);
}

for (const kind of backends()) {
  describe(`load safety [${kind}]`, () => {
    const dbs: TestDb[] = [];
    afterAll(async () => {
      for (const d of dbs) await d.close();
    });

    it('a load killed with SIGKILL mid-way, then rerun, equals one clean load row for row', async () => {
      const killed = await createTestDb(kind, { dataDir: true });
      const clean = await createTestDb(kind, { dataDir: true });
      dbs.push(killed, clean);
      const rejects = path.join(dir, `killed-${kind}.rejects.jsonl`);
      const { child, done } = evtuiAsync([...killed.cliArgs, 'load', file, '--batch-size', '1000', '--rejects', rejects]);
      const t0 = Date.now();
      while (!fs.existsSync(rejects) && Date.now() - t0 < 60_000) await sleep(20);
      await sleep(kind === 'server' ? 100 : 300);
      child.kill('SIGKILL');
      const k = await done;
      expect(k.status).toBeNull(); // killed, not finished
      const partial = (await rows(killed.cliArgs)).length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(valid);

      const rerun = evtui([...killed.cliArgs, 'load', file, '--batch-size', '1000', '--rejects', rejects, '--format', 'json']);
      expect(rerun.status).toBe(3);
      const badLines = Math.floor(valid / 1000);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ lines: valid + badLines, inserted: valid - partial, duplicates: partial, conflicts: 0, rejected: badLines });
      // The rejects file of the rerun is whole again: one record per bad line.
      expect(fs.readFileSync(rejects, 'utf8').trimEnd().split('\n')).toHaveLength(badLines);

      const c = evtui([...clean.cliArgs, 'load', file, '--format', 'json', '--rejects', path.join(dir, `clean-${kind}.rejects.jsonl`)]);
      expect(JSON.parse(c.stdout)).toMatchObject({ inserted: valid });
      const [a, b] = [await rows(killed.cliArgs), await rows(clean.cliArgs)];
      expect(a).toHaveLength(valid);
      expect(a).toEqual(b);
      // and the same indexes: a killed bulk load's set-aside indexes were built when the database was next opened
      const indexes = (args: string[]) =>
        withDbOf(args, async (db) => ({
          defs: (await db.query(`select indexname, indexdef from pg_indexes where tablename = 'events' order by 1`)).rows,
          deferred: (await db.query<{ n: number }>('select count(*)::int as n from evtui_deferred_indexes')).rows[0]!.n,
        }));
      const [ik, ic] = [await indexes(killed.cliArgs), await indexes(clean.cliArgs)];
      expect(ik).toEqual(ic);
      expect(ik.deferred).toBe(0);
      expect(ik.defs.length).toBeGreaterThanOrEqual(4);
    });

    it.skipIf(kind !== 'server')('two loads of one file at once store each event once', async () => {
      const db = await createTestDb(kind);
      dbs.push(db);
      const args = (i: number) => [...db.cliArgs, 'load', file, '--batch-size', '1500', '--format', 'json', '--rejects', path.join(dir, `conc-${i}.jsonl`)];
      const [p1, p2] = [evtuiAsync(args(1)), evtuiAsync(args(2))];
      const [r1, r2] = await Promise.all([p1.done, p2.done]);
      expect([r1.status, r2.status, r1.stderr, r2.stderr]).toEqual([3, 3, '', '']);
      const [o1, o2] = [JSON.parse(r1.stdout), JSON.parse(r2.stdout)] as { inserted: number; duplicates: number; conflicts: number }[];
      expect(o1!.inserted + o2!.inserted).toBe(valid);
      expect(o1!.inserted + o1!.duplicates).toBe(valid);
      expect(o2!.inserted + o2!.duplicates).toBe(valid);
      expect(o1!.conflicts + o2!.conflicts).toBe(0);
      const n = await db.db.query<{ n: number; d: number }>('select count(*)::int8 as n, count(distinct event_id)::int8 as d from events');
      expect(n.rows[0]).toEqual({ n: valid, d: valid });
    });
  });
}
