import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { ev, jsonl, readRejects, scratchDir, writeInput } from '../ingest/helpers.js';
import { evtui, withDbOf } from '../ingest/cli-helpers.js';

const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const KEYS = ['lines', 'inserted', 'duplicates', 'conflicts', 'rejected', 'rejects_file', 'seconds'];

for (const kind of backends()) {
  describe(`evtui load [${kind}]`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(kind, { dataDir: true });
    });
    afterAll(async () => {
      await t.close();
    });

    it('prints one JSON object and exits 0 when every line went in', () => {
      const file = writeInput(dir, jsonl([ev(), ev()]));
      const r = evtui([...t.cliArgs, 'load', file, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const o = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(o)).toEqual(KEYS);
      expect(o).toMatchObject({ lines: 2, inserted: 2, duplicates: 0, conflicts: 0, rejected: 0, rejects_file: null });
      expect(typeof o.seconds).toBe('number');
    });

    it('exits 3 when a line is rejected or conflicts, and writes the rejects file', () => {
      const a = ev();
      writeInput(dir, jsonl([a]), 'stored.jsonl');
      expect(evtui([...t.cliArgs, 'load', path.join(dir, 'stored.jsonl')]).status).toBe(0);
      const file = writeInput(dir, jsonl([{ ...a, user_id: 'changed' }, ev(), { ...ev(), foo: 1 }]));
      const r = evtui([...t.cliArgs, 'load', file, '--format', 'json']);
      expect(r.status).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 3, inserted: 1, duplicates: 0, conflicts: 1, rejected: 1, rejects_file: `${file}.rejects.jsonl` });
      expect(readRejects(`${file}.rejects.jsonl`).map((x) => [x.line, x.outcome, x.reason])).toEqual([
        [1, 'conflict', 'event_id already stored with a different user_id'],
        [3, 'rejected', 'unknown field "foo"'],
      ]);
    });

    it('prints a key/value table by default', () => {
      const file = writeInput(dir, jsonl([ev()]));
      const r = evtui([...t.cliArgs, 'load', file]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/│ inserted\s+│\s+1 │/);
      expect(r.stdout).toMatch(/│ rejects_file\s+│ -\s+│/);
    });

    it('reads stdin with -, writing stdin.rejects.jsonl in the working directory', () => {
      const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
      const r = evtui([...t.cliArgs, 'load', '-', '--format', 'json'], { input: jsonl([ev()]) + 'nope\n', cwd });
      expect(r.status).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 2, inserted: 1, rejected: 1, rejects_file: path.join(cwd, 'stdin.rejects.jsonl') });
      expect(readRejects(path.join(cwd, 'stdin.rejects.jsonl'))).toEqual([{ line: 2, outcome: 'rejected', reason: 'not valid JSON', raw: 'nope' }]);
    });

    it('several sources: a JSON array, one object per source; --rejects gathers them in one file', () => {
      const f1 = writeInput(dir, jsonl([ev()]) + 'x\n');
      const f2 = writeInput(dir, 'y\n' + jsonl([ev()]));
      const rejects = path.join(dir, `all-${kind}.rejects.jsonl`);
      const r = evtui([...t.cliArgs, 'load', f1, f2, '--rejects', rejects, '--format', 'json']);
      expect(r.status).toBe(3);
      const arr = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(arr.map((o) => [o.source, o.lines, o.inserted, o.rejected, o.rejects_file])).toEqual([
        [f1, 2, 1, 1, rejects],
        [f2, 2, 1, 1, rejects],
      ]);
      expect(readRejects(rejects).map((x) => [x.source, x.line])).toEqual([
        [f1, 2],
        [f2, 1],
      ]);
    });

    it('a missing file is one clear line, exit 1, and nothing is loaded', async () => {
      const good = writeInput(dir, jsonl([ev({ user_id: 'never-loaded' })]));
      const r = evtui([...t.cliArgs, 'load', good, path.join(dir, 'missing.jsonl')]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`evtui: no such file or fixture: ${path.join(dir, 'missing.jsonl')} (evtui fixtures lists the fixtures)\n`);
      const n = await withDbOf(t.cliArgs, async (db) => (await db.query<{ n: number }>(`select count(*)::int8 as n from events where user_id = 'never-loaded'`)).rows[0]!.n);
      expect(n).toBe(0);
    });

    it('bad usage exits 2 with the usage', () => {
      for (const args of [['load'], ['load', 'x.jsonl', '--format', 'xml'], ['load', '-', '-']]) {
        const r = evtui([...t.cliArgs, ...args]);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('Usage: evtui load');
      }
    });
  });
}
