import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import type { LoadProgress } from '../../src/ingest/types.js';
import { createTestDb, describeEachDb } from '../helpers/db.js';
import { ev, jsonl, scratchDir, stored, writeInput } from './helpers.js';
// The parsing thread is compiled JS: test the built loader, as `evtui load` runs it.
const built = '../../dist/src/ingest/load.js';
const { loadSource } = (await import(built)) as typeof import('../../src/ingest/load.js');

const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * ~600 KB of lines, so the 256 KiB reads end inside lines: good events,
 * repeats and changed copies of them (duplicates, conflicts), and every kind
 * of reject, including a line over 1 MiB and one that is not UTF-8.
 */
function messyInput(): Buffer {
  const parts: (string | Buffer)[] = ['\ufeff'];
  const seen: Record<string, unknown>[] = [];
  for (let i = 0; i < 3000; i++) {
    const e = ev({ user_id: `u${i % 97}`, properties: { i, pad: 'p'.repeat(i % 300) } });
    seen.push(e);
    parts.push(JSON.stringify(e) + (i % 5 === 0 ? '\r\n' : '\n'));
    if (i % 250 === 0) parts.push('\n  \n', '{"broken": \n', 'null\n', JSON.stringify({ ...e, event_id: 'nope' }) + '\n');
    if (i % 333 === 1) parts.push(JSON.stringify(seen[i >> 1]) + '\n', JSON.stringify({ ...seen[i >> 1]!, user_id: 'changed' }) + '\n');
    if (i === 1500) parts.push(Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]), JSON.stringify(ev({ properties: { x: 'y'.repeat(1024 * 1024) } })) + '\n');
  }
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

describeEachDb('load on the parsing thread', (t) => {
  it('gives what parsing in this thread gives: counts, stored rows, rejects file byte for byte', async () => {
    const file = writeInput(dir, messyInput());
    const other = await createTestDb(t().kind);
    try {
      const runs = [];
      for (const [db, thread] of [[t().db, true], [other.db, false]] as const) {
        const rejectsPath = `${file}.${thread}.rejects.jsonl`;
        const seen: LoadProgress[] = [];
        const r = await loadSource(db, file, { batchSize: 37, thread, rejectsPath, onProgress: (p) => seen.push(p) });
        const again = await loadSource(db, file, { batchSize: 500, thread, rejectsPath: `${rejectsPath}.again` });
        runs.push({ r: { ...r, seconds: 0, rejectsFile: null }, again: { ...again, seconds: 0, rejectsFile: null }, rows: await stored(db), rejects: fs.readFileSync(rejectsPath, 'utf8') });
        // Progress only ever grows, and ends where the result does.
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.lines).toBeGreaterThanOrEqual(seen[i - 1]!.lines);
        expect(seen.at(-1)).toMatchObject({ lines: r.lines, inserted: r.inserted, rejected: r.rejected, bytesRead: fs.statSync(file).size });
      }
      const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
      // 3000 events; 12 x 3 rejects; 10 x a repeat and a changed copy; a line that is not UTF-8 and one over 1 MiB.
      expect(a.r).toEqual({ lines: 3058, inserted: 3000, duplicates: 10, conflicts: 10, rejected: 38, rejectsFile: null, seconds: 0, source: file });
      expect(b.r).toEqual(a.r);
      expect(a.again).toMatchObject({ inserted: 0, duplicates: 3010, conflicts: 10, rejected: 38 });
      expect(b.again).toEqual(a.again);
      expect(a.rows.length).toBe(3000);
      expect(b.rows).toEqual(a.rows);
      expect(a.rejects).toBe(b.rejects);
      const lines = a.rejects.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number });
      expect(lines.map((x) => x.line)).toEqual([...lines.map((x) => x.line)].sort((x, y) => x - y));
    } finally {
      await other.close();
    }
  });

  it('stops parsing when the load is cancelled, and the next load is whole', async () => {
    const file = writeInput(dir, jsonl(Array.from({ length: 2000 }, () => ev())));
    const ac = new AbortController();
    const cancelled = loadSource(t().db, file, {
      batchSize: 100,
      thread: true,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.lines > 0) ac.abort();
      },
    });
    await expect(cancelled).rejects.toThrow('load cancelled');
    const r = await loadSource(t().db, file, { thread: true });
    expect(r.inserted + r.duplicates).toBe(2000);
  });
});
